// Asking for a password reset (ADR 0014): the request enqueues one job carrying the email, the same
// work whether or not an account has it, so neither the answer nor its time tells them apart. The job
// (jobs/handlers/request-password-reset.ts) has the library make the token and the message.
import 'server-only';
import { requestPasswordResetJob } from '@/queue/jobs';
import { sendJob } from '@/queue/send';

export async function askForPasswordReset(
  email: string,
  origin: { address: string; requestId?: string },
): Promise<void> {
  await sendJob(requestPasswordResetJob, { email, address: origin.address, requestId: origin.requestId });
}
