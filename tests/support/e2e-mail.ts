// Mail in the end-to-end suite: the server sends through MailDev (scripts/e2e-server.ts) on ports next
// to its own; a test waits for the message to an address and follows the link it carries.
import { expect } from '@playwright/test';
import { mailDevMessages, messagesTo, type ReceivedMail } from './maildev';

export { linkIn } from './maildev';

/** MailDev's ports beside the app on `appPort`: SMTP on the next one, its HTTP API on the one after. */
export function e2eMailPorts(appPort: number): { smtp: number; api: number } {
  return { smtp: appPort + 1, api: appPort + 2 };
}

const API_PORT = e2eMailPorts(Number(process.env.E2E_PORT ?? 3100)).api;

/** Waits for the `count`-th message to `to` whose subject matches, and returns it. */
export async function waitForMail(to: string, subject: RegExp, count = 1): Promise<ReceivedMail> {
  let found: ReceivedMail[] = [];
  await expect
    .poll(
      async () => {
        found = messagesTo(await mailDevMessages(API_PORT), to, subject);
        return found.length;
      },
      { message: `a message "${subject.source}" to ${to}`, timeout: 30_000, intervals: [250] },
    )
    .toBeGreaterThanOrEqual(count);
  return found[count - 1]!;
}
