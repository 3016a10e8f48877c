// The audit log (table audit_events): security events with who, what, when and from where —
// never a password or token. Written by the owner role (app_user may only read its own rows);
// a user sees their own events on the account page.
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { logger, logSecurityEvent, type SecurityEvent } from '@/lib/logger';
import type { SessionUser } from './session';

export type AuditEvent = { id: string; event: SecurityEvent; ipAddress: string | null; createdAt: string };

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
  logSecurityEvent(event, {
    userId: details.userId,
    address: details.address,
    requestId: details.requestId,
    reason: details.detail,
  });
  try {
    let userId = details.userId;
    if (!userId && details.email) {
      const [account] = await db()
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, details.email.trim().toLowerCase()));
      userId = account?.id;
    }
    await db()
      .insert(auditEvents)
      .values({
        userId: userId ?? null,
        event,
        ipAddress: details.address ?? null,
        detail: details.detail?.slice(0, 200) ?? null,
      });
  } catch (error) {
    logger().error({ err: error, event }, 'could not write the audit log');
  }
}

/** The signed-in user's latest events, newest first. */
export async function listRecentEvents(user: SessionUser, limit = 20): Promise<AuditEvent[]> {
  const rows = await withUser(db(), user.id, (tx) =>
    tx
      .select({
        id: auditEvents.id,
        event: auditEvents.event,
        ipAddress: auditEvents.ipAddress,
        createdAt: auditEvents.createdAt,
      })
      .from(auditEvents)
      .where(eq(auditEvents.userId, user.id))
      .orderBy(desc(auditEvents.createdAt))
      .limit(limit),
  );
  return rows.map((row) => ({ ...row, event: row.event as SecurityEvent, createdAt: row.createdAt.toISOString() }));
}
