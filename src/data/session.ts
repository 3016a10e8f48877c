// The verified session: every DAL function and every action starts here, never from a cookie
// read elsewhere. proxy.ts redirects optimistically; this is the check that counts.
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from './auth';

export type SessionUser = { id: string; email: string };

async function lookUpSession(requestHeaders: Headers): Promise<SessionUser | null> {
  const session = await auth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email };
}

/**
 * The lookup of each request, keyed by the request's headers object (Next hands out one per
 * request). React's `cache` dedupes only while a page renders: inside a Server Action it calls
 * through, so an action and the DAL function it calls read the session twice (4 queries instead
 * of 2). Each request still reads the sessions table once; an action that changes who is signed
 * in (login, logout) ends in a redirect, which the browser or Next fetches as a new request.
 */
const lookups = new WeakMap<Headers, Promise<SessionUser | null>>();

/** The signed-in user of this request, or null (one lookup per request). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const requestHeaders = await headers();
  let lookup = lookups.get(requestHeaders);
  if (!lookup) {
    lookup = lookUpSession(requestHeaders);
    lookups.set(requestHeaders, lookup);
    // A failed lookup (database down) is not remembered: the next call tries again.
    lookup.catch(() => lookups.delete(requestHeaders));
  }
  return lookup;
});

export function loginPathFor(returnTo: string): string {
  return `/login?redirect=${encodeURIComponent(returnTo)}`;
}

/** The signed-in user, or a redirect to /login that brings them back to `returnTo`. */
export async function requireUser(returnTo = '/pets'): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(loginPathFor(returnTo));
  return user;
}
