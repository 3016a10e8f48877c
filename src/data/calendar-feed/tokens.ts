// The calendar feed's secret: a random token shown to its owner once, of which only the SHA-256
// is stored. A new token replaces the old one (the old URL stops at once); turning the feed off
// deletes it (ADR 0034).
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { calendarFeeds } from '@/db/schema';
import { withCalendarToken } from '@/db/with-calendar-token';
import { withUser } from '@/db/with-user';
import type { SessionUser } from '../session';

/** 32 random bytes, base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type CalendarFeedStatus = { on: false } | { on: true; since: string };

export async function getCalendarFeedStatus(user: SessionUser): Promise<CalendarFeedStatus> {
  const [row] = await withUser(db(), user.id, (tx) =>
    tx.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, user.id)),
  );
  return row ? { on: true, since: row.createdAt.toISOString() } : { on: false };
}

/** Turns the feed on, or gives it a new secret: returns the token, which is never readable again. */
export async function issueCalendarFeedToken(user: SessionUser): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashOf(token);
  await withUser(db(), user.id, (tx) =>
    tx
      .insert(calendarFeeds)
      .values({ userId: user.id, tokenHash })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: new Date() } }),
  );
  return token;
}

export async function turnOffCalendarFeed(user: SessionUser): Promise<void> {
  await withUser(db(), user.id, (tx) => tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, user.id)));
}

/** The account a feed token belongs to, or null for a token that is malformed, replaced or off. */
export async function calendarFeedOwner(token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashOf(token);
  const [row] = await withCalendarToken(db(), tokenHash, (tx) =>
    tx.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash)),
  );
  return row?.userId ?? null;
}
