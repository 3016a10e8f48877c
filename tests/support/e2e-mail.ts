// The end-to-end suite's mailbox: the messages the app sent through the e2e server's MailDev (real
// SMTP), read back through MailDev's HTTP API.
import { expect } from '@playwright/test';
import { e2eMailPorts } from './e2e-mail-ports';
import type { ReceivedMail } from './maildev';

function mailApi(): string {
  const { webPort } = e2eMailPorts(Number(process.env.E2E_PORT ?? 3100));
  return `http://127.0.0.1:${webPort}/api/email`;
}

export async function messagesTo(address: string): Promise<ReceivedMail[]> {
  const all = (await (await fetch(mailApi())).json()) as ReceivedMail[];
  return all.filter((message) => message.to.some((to) => to.address === address));
}

/** Waits for the first message to `address` whose subject is `subject`. */
export async function waitForMail(address: string, subject: string, timeout = 60_000): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await messagesTo(address)).find((message) => message.subject === subject);
        return found !== undefined;
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found!;
}

/** The link a plain-text message carries after "label: ". */
export function linkIn(message: ReceivedMail, label: string): string {
  const match = new RegExp(`${label}: (\\S+)`).exec(message.text);
  if (!match) throw new Error(`no "${label}" link in: ${message.text}`);
  return match[1]!;
}
