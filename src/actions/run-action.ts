// The one way an action that needs a user runs (not an action itself: no 'use server'). It reads the
// session once, carries the request's context (client address, request id), answers a database
// outage and any unexpected error the same way everywhere — logged with the request id, answered with
// the action's contract try-again message — and lets redirect() and notFound() through. Expected
// failures stay typed results: the body returns them, or `expected` maps a thrown error to one.
import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { getSessionUser, requireUser, type SessionUser } from '@/data/session';
import { logUnexpected } from '@/lib/errors';
import { requestContext, type RequestContext } from '@/lib/request-context';

export type ActionContext = RequestContext & { user: SessionUser };

export type RunActionOptions<R> = {
  /** The action's name in the logs. */
  action: string;
  /** Without a session: a redirect to /login that comes back here (a form), or this answer (a client call). */
  signedOut: { returnTo: string } | (() => R);
  /** The answer to an unexpected failure, the database being down included: the contract's message. */
  unexpected: () => R;
  /** Turns an expected error (a limit, a refused photo) into its answer; undefined: unexpected. */
  expected?: (error: unknown) => R | undefined;
};

export async function runAction<R>(options: RunActionOptions<R>, body: (context: ActionContext) => Promise<R>) {
  const request = await requestContext();
  let user: SessionUser | null;
  try {
    user = await signedInUser(options.signedOut);
  } catch (error) {
    // Without a session the redirect to /login goes through; the session unreadable is an outage.
    unstable_rethrow(error);
    logUnexpected(error, { action: options.action, requestId: request.requestId });
    return options.unexpected();
  }
  if (!user) return (options.signedOut as () => R)();
  try {
    return await body({ ...request, user });
  } catch (error) {
    unstable_rethrow(error);
    const answer = options.expected?.(error);
    if (answer !== undefined) return answer;
    logUnexpected(error, { action: options.action, requestId: request.requestId, userId: user.id });
    return options.unexpected();
  }
}

async function signedInUser(signedOut: RunActionOptions<unknown>['signedOut']): Promise<SessionUser | null> {
  return typeof signedOut === 'function' ? getSessionUser() : requireUser(signedOut.returnTo);
}
