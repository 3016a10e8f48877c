// The audit log (table audit_events): security events with who, what, when and from where —
// never a password or token. Written by the owner role (app_user may only read its own rows);
// a user sees their own events on the account page. Refusals and failed sign-ins are folded into
// one row per counter per window with a count (ADR 0013), so an attacker cannot bury the owner's
// own events.
import 'server-only';
import { and, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { logger, logSecurityEvent, type SecurityEvent } from '@/lib/logger';
import type { SessionUser } from './session';

export type AuditEvent = {
  id: string;
  event: SecurityEvent;
  ipAddress: string | null;
  createdAt: string;
  /** How many times it happened in its window (1 unless aggregated), and the latest time. */
  count: number;
  lastAt: string;
};

/** Aggregated events of one counter share a row per window of this length. */
export const AUDIT_WINDOW_SECONDS = 15 * 60;
/** How many aggregated rows "Recent activity" shows beside the owner's own events. */
const RECENT_AGGREGATES = 5;
/** An address the owner signed in from within this many days is theirs (login-limits.ts). */
const KNOWN_ADDRESS_DAYS = 30;

type EventDetails = {
  userId?: string;
  /** Attributes the event to the account with this email, if there is one (e.g. failed sign-ins). */
  email?: string;
  address?: string;
  requestId?: string;
  /** A short, non-secret note (a pet id, the reason of a refusal). */
  detail?: string;
};

/** Logs the event and keeps it in the audit log. Never fails the caller: the log line stays. */
export async function recordSecurityEvent(event: SecurityEvent, details: EventDetails): Promise<void> {
  await record(event, details, null);
}

/**
 * A refusal or a failed attempt: logged each time, but kept as one audit row per `counter` (the
 * rate-limit bucket or kind of failure) per window, whose count grows.
 */
export async function recordRefusal(event: SecurityEvent, details: EventDetails & { counter: string }): Promise<void> {
  await record(event, details, details.counter);
}

/**
 * An event anyone can cause for someone's account (a reset link asked for their address): kept like
 * a refusal, one row per `counter` per window, so that no outsider can bury the owner's own events.
 */
export async function recordOutsiderEvent(
  event: SecurityEvent,
  details: EventDetails & { counter: string },
): Promise<void> {
  await record(event, details, details.counter);
}

async function record(event: SecurityEvent, details: EventDetails, counter: string | null): Promise<void> {
  logSecurityEvent(event, {
    userId: details.userId,
    address: details.address,
    requestId: details.requestId,
    reason: details.detail,
  });
  try {
    let userId = details.userId;
    if (!userId && details.email) userId = await accountIdOf(details.email);
    const values = {
      userId: userId ?? null,
      event,
      ipAddress: details.address ?? null,
      detail: details.detail?.slice(0, 200) ?? null,
    };
    if (counter === null) {
      await db().insert(auditEvents).values(values);
      return;
    }
    const window = Math.floor(Date.now() / 1000 / AUDIT_WINDOW_SECONDS);
    await db()
      .insert(auditEvents)
      .values({ ...values, aggregateKey: `${event}|${userId ?? '-'}|${counter}|${window}` })
      .onConflictDoUpdate({
        target: auditEvents.aggregateKey,
        set: { count: sql`${auditEvents.count} + 1`, lastAt: sql`now()`, ipAddress: values.ipAddress },
      });
  } catch (error) {
    logger().error({ err: error, event }, 'could not write the audit log');
  }
}

async function accountIdOf(email: string): Promise<string | undefined> {
  const [account] = await db().select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return account?.id;
}

/** Whether the account with this email signed in (or registered) from `address` in the last 30 days. */
export async function hasSignedInFrom(email: string, address: string): Promise<boolean> {
  const userId = await accountIdOf(email);
  if (!userId) return false;
  const rows = await db()
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.userId, userId),
        inArray(auditEvents.event, ['auth.login.succeeded', 'auth.register.succeeded']),
        eq(auditEvents.ipAddress, address),
        gt(auditEvents.createdAt, sql`now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})`),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * The signed-in user's latest events, newest first: their own `limit` latest events plus the
 * latest few aggregated refusals, so however many attempts an attacker makes, the owner's
 * sign-ins and changes stay in view.
 */
export async function listRecentEvents(user: SessionUser, limit = 20): Promise<AuditEvent[]> {
  const columns = {
    id: auditEvents.id,
    event: auditEvents.event,
    ipAddress: auditEvents.ipAddress,
    createdAt: auditEvents.createdAt,
    count: auditEvents.count,
    lastAt: auditEvents.lastAt,
  };
  const [own, aggregated] = await withUser(db(), user.id, async (tx) => [
    await tx
      .select(columns)
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, user.id), isNull(auditEvents.aggregateKey)))
      .orderBy(desc(auditEvents.lastAt))
      .limit(limit),
    await tx
      .select(columns)
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, user.id), isNotNull(auditEvents.aggregateKey)))
      .orderBy(desc(auditEvents.lastAt))
      .limit(RECENT_AGGREGATES),
  ]);
  return [...own, ...aggregated]
    .sort((first, second) => second.lastAt.getTime() - first.lastAt.getTime())
    .map((row) => ({
      ...row,
      event: row.event as SecurityEvent,
      createdAt: row.createdAt.toISOString(),
      lastAt: row.lastAt.toISOString(),
    }));
}
