// The request-password-reset job (ADR 0014): the forgot-password request only enqueues this, whether or
// not the account exists, so its answer and its time say nothing; here the library makes the token and
// enqueues the message for an existing account, and does nothing for an unknown email. Idempotent
// enough: a retry after a crash sends a second link, and either link works (the later one too).
import { z } from 'zod';
import { recordOutsiderEvent } from '@/data/audit';
import { sendPasswordResetLink } from '@/data/auth';
import { defineJob } from '../define';

const resetRequest = z.object({
  email: z.email(),
  /** Where the request came from, for the owner's "Recent activity". */
  address: z.string().max(100),
  requestId: z.string().max(100).optional(),
});

export const requestPasswordResetJob = defineJob({
  name: 'request-password-reset',
  scope: 'system',
  schema: resetRequest,
  retryLimit: 5,
  retryDelaySeconds: 5,
  retryDelayMaxSeconds: 120,
  expireInSeconds: 60,
  // The payload names an email address: it is not kept longer than needed.
  deleteAfterSeconds: 60 * 60,
  handler: async ({ email, address, requestId }) => {
    const account = await sendPasswordResetLink(email);
    // Anyone can ask for someone's link: one line per window in the owner's "Recent activity".
    if (account)
      await recordOutsiderEvent('account.password_reset_requested', {
        userId: account.id,
        address,
        requestId,
        counter: 'password-reset-request',
      });
  },
});
