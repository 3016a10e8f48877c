// The verified session: every DAL function and every action starts here, never from a cookie
// read elsewhere. proxy.ts redirects optimistically; this is the check that counts.
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from './auth';

export type SessionUser = { id: string; email: string };

/** The signed-in user of this request, or null (one lookup per request). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email };
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
