// The request-password-reset job (ADR 0014): the forgot-password request only sends this, whether or
// not the account exists, so its answer and its time say nothing; here the library makes the token and
// sends the message for an existing account, and does nothing for an unknown email. Idempotent
// enough: a retry after a crash sends a second link, and either link works (the later one too).
import 'server-only';
import { recordOutsiderEvent } from '@/data/audit';
import { sendPasswordResetLink } from '@/data/auth';
import { requestPasswordResetJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const requestPasswordResetHandler = handleJob(requestPasswordResetJob, async ({ email, address, requestId }) => {
  const account = await sendPasswordResetLink(email);
  // Anyone can ask for someone's link: one line per window in the owner's "Recent activity".
  if (account)
    await recordOutsiderEvent('account.password_reset_requested', {
      userId: account.id,
      address,
      requestId,
      counter: 'password-reset-request',
    });
});
