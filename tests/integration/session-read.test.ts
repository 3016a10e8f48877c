// The session read of every request (src/data/auth.ts, ADR 0019): the common case in one query,
// everything else through better-auth. Whichever path answers, what a user or an attacker sees is
// better-auth's: a forged or altered cookie is no one, a revoked session is over at once, an idle
// one is extended once a day, an expired or too old one is over and its row deleted.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getCurrentUser } from '@/actions/auth';
import { readSession } from '@/data/auth';
import { db } from '@/db/client';
import { sessions } from '@/db/schema';
import { Browser, returned } from '../support/next-request';
import { signedIn } from '../support/signed-in';

const DAY_MS = 24 * 60 * 60 * 1000;

function sessionCookieName(browser: Browser): string {
  const name = [...browser.jar.keys()].find((key) => key.endsWith('session_token'));
  if (!name) throw new Error('no session cookie in the jar');
  return name;
}

async function sessionRows(userId: string) {
  return db().select().from(sessions).where(eq(sessions.userId, userId));
}

async function whoIs(browser: Browser) {
  return returned(await browser.call(() => readSession()));
}

describe('reading the session', () => {
  it('reads the signed-in user, the same as getCurrentUser', async () => {
    const alice = await signedIn('session-read');
    const me = returned(await alice.call(() => getCurrentUser()));
    expect(await whoIs(alice)).toEqual({ id: alice.userId, email: me!.email, emailVerified: false });
  });

  it('takes no one from a cookie whose signature or token was altered', async () => {
    const alice = await signedIn('session-forged');
    const name = sessionCookieName(alice);
    const original = decodeURIComponent(alice.jar.get(name)!);
    const [token, signature] = [
      original.slice(0, original.lastIndexOf('.')),
      original.slice(original.lastIndexOf('.') + 1),
    ];
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const variants = [
      `${token}.${flip(signature, 0)}`,
      `${flip(token, 0)}.${signature}`,
      `${token}.${signature.slice(0, -1)}`,
      `${token}.`,
      token,
      `${token}.${Buffer.from(signature, 'base64').toString('base64url')}`,
    ];
    for (const value of variants) {
      const forged = new Browser();
      forged.jar.set(name, encodeURIComponent(value));
      expect(await whoIs(forged), value).toBeNull();
    }
    expect(await whoIs(alice), 'the original still works').not.toBeNull();
  });

  it('ends a session the moment its row is gone (a password reset revokes every session at once)', async () => {
    const alice = await signedIn('session-revoked');
    expect(await whoIs(alice)).not.toBeNull();
    await db().delete(sessions).where(eq(sessions.userId, alice.userId));
    expect(await whoIs(alice)).toBeNull();
  });

  it('extends a session used a day after its last extension, as better-auth does', async () => {
    const alice = await signedIn('session-refresh');
    const sixDaysLeft = new Date(Date.now() + 6 * DAY_MS - 60_000);
    await db().update(sessions).set({ expiresAt: sixDaysLeft }).where(eq(sessions.userId, alice.userId));
    expect(await whoIs(alice)).not.toBeNull();
    const [row] = await sessionRows(alice.userId);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * DAY_MS - 5 * 60_000);
    expect(await whoIs(alice), 'still signed in after the extension').not.toBeNull();
  });

  it('does not extend a session used within a day of its last extension', async () => {
    const alice = await signedIn('session-fresh');
    const [before] = await sessionRows(alice.userId);
    expect(await whoIs(alice)).not.toBeNull();
    const [after] = await sessionRows(alice.userId);
    expect(after!.expiresAt.getTime()).toBe(before!.expiresAt.getTime());
  });

  it('ends an expired session and deletes its row', async () => {
    const alice = await signedIn('session-expired');
    await db()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, alice.userId));
    expect(await whoIs(alice)).toBeNull();
    expect(await sessionRows(alice.userId)).toEqual([]);
  });

  it('ends a session past its absolute lifetime however recently it was used, and deletes its row', async () => {
    const alice = await signedIn('session-aged');
    await db()
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 31 * DAY_MS) })
      .where(eq(sessions.userId, alice.userId));
    expect(await whoIs(alice)).toBeNull();
    expect(await sessionRows(alice.userId)).toEqual([]);
  });
});
