// The verified session: every request's user comes from here, never from a cookie read elsewhere.
// A page or an action looks it up once and hands the user to the DAL functions it calls; proxy.ts
// redirects optimistically, this is the check that counts.
import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { readSession } from './auth';

declare const verified: unique symbol;

/**
 * A signed-in user whose session this module checked. Only this module makes one, so a DAL
 * function that takes a SessionUser cannot be handed an id from a form or a URL.
 */
export type SessionUser = {
  readonly id: string;
  readonly email: string;
  /** Whether the address was confirmed with the emailed link (read with the session, no extra query). */
  readonly emailVerified: boolean;
  readonly [verified]: true;
};

/**
 * The signed-in user of this request, or null. `cache` shares the lookup between the layout, the
 * page and its metadata within one render; an action calls it once and passes the user on.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const user = await readSession();
  return user ? ({ id: user.id, email: user.email, emailVerified: user.emailVerified } as SessionUser) : null;
});

function loginPathFor(returnTo: string): string {
  return `/login?redirect=${encodeURIComponent(returnTo)}`;
}

/** The signed-in user, or a redirect to /login that brings them back to `returnTo`. */
export async function requireUser(returnTo = '/pets'): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(loginPathFor(returnTo));
  return user;
}
