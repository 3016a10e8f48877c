// Asking for a password reset (ADR 0014): the request enqueues one job carrying the email, the same
// work whether or not an account has it, so neither the answer nor its time tells them apart. The job
// (jobs/handlers/request-password-reset.ts) has the library make the token and the message.
import 'server-only';
import { enqueue } from '@/jobs/enqueue';
import { requestPasswordResetJob } from '@/jobs/handlers/request-password-reset';

export async function askForPasswordReset(
  email: string,
  origin: { address: string; requestId?: string },
): Promise<void> {
  await enqueue(requestPasswordResetJob, { email, address: origin.address, requestId: origin.requestId });
}
