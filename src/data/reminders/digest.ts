// A day's reminder digest for one account (ADR 0037), as that account under row-level security: what
// it lists (due-items, the one query of what is due, with each record's lead time), and the day's
// claim in the sent-record. The claim and the overdue mentions commit together with the sealed message,
// so whichever run gets here first decides the day's one message; any later run finds it.
import 'server-only';
import { and, eq, lt, notInArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { digestSends, reminderMentions, userPreferences } from '@/db/schema';
import type { UserScope } from '@/db/with-user';
import { addDays } from '@/lib/dates';
import { REMIND_DAYS_BEFORE } from '@/lib/remind-me';
import { isInLeadTime } from '@/lib/reminders';
import { canonicalTimeZone } from '@/lib/time-zones';
import { enqueueSealedMail, sealMail } from '@/mail/enqueue-mail';
import type { JobQueue } from '@/queue/client';
import { reminderDigestMail } from '@/mail/reminder-digest';
import { accountEmail } from '../account-email';
import { dueItemsIn, type DueItem } from '../care/due-items';
import { unsubscribePath } from './unsubscribe-token';

/** Sent-records are kept a week: enough for any retry of a day's job, then they go. */
const KEEP_SENT_RECORDS_DAYS = 7;

const LONGEST_LEAD_DAYS = Math.max(...REMIND_DAYS_BEFORE);

export type DigestOutcome = 'handed-over' | 'nothing-to-send';

/**
 * The day's digest, exactly once: claimed with its message (claimDigest), handed to the send-mail job
 * under the day's key — a retry after a crash hands over the same sealed message under the same key,
 * which adds no second job — and then marked handed over, so later runs find nothing to do.
 */
export async function sendDailyDigest(
  scope: UserScope,
  localDate: string,
  options: { now?: Date; queue?: JobQueue } = {},
): Promise<DigestOutcome> {
  const sealed = await claimDigest(scope, localDate, options.now);
  if (!sealed) return 'nothing-to-send';
  await enqueueSealedMail(sealed, { key: digestKey({ userId: scope.userId, localDate }), queue: options.queue });
  await markDigestHandedOver(scope, localDate);
  return 'handed-over';
}

/** The idempotency key of a day's digest: its job and its mail job. */
export function digestKey({ userId, localDate }: { userId: string; localDate: string }): string {
  return `digest:${userId}:${localDate}`;
}

/** What names an item across digests, and the due date (or dose) it was overdue for. */
function mentionOf(item: DueItem): { itemKey: string; dueKey: string } {
  return { itemKey: `${item.kind}:${item.recordId}`, dueKey: item.at ?? item.due };
}

/**
 * The items a digest of `today` lists: those in their lead time (due today or within the days their
 * record asks for), and each overdue item once — the first digest that sees it overdue — until its
 * due date changes. A record with no reminder set is never listed.
 */
function digestItems(items: DueItem[], today: string, mentioned: Set<string>): DueItem[] {
  return items.filter((item) => {
    if (item.remindDaysBefore === null) return false;
    if (!item.overdue) return isInLeadTime(item.due, item.remindDaysBefore, today);
    const { itemKey, dueKey } = mentionOf(item);
    return !mentioned.has(`${itemKey}\0${dueKey}`);
  });
}

/**
 * Claims the account's digest of `localDate`: the sealed message to hand to the send-mail job, or
 * null when there is none to send (account gone, reminders off, nothing due, already handed over).
 */
async function claimDigest(scope: UserScope, localDate: string, now = new Date()): Promise<string | null> {
  // The address first (the auth table is the owner's): a deleted account has none, and nothing is sent.
  const email = await accountEmail(scope.userId);
  if (!email) return null;
  return scope.asUser(async (tx) => {
    const earlier = await claimedMessage(tx, scope.userId, localDate);
    if (earlier !== undefined) return earlier;
    const [settings] = await tx
      .select({ enabled: userPreferences.remindersEnabled, timeZone: userPreferences.timeZone })
      .from(userPreferences)
      .where(eq(userPreferences.userId, scope.userId));
    if (!settings?.enabled) return null;
    const timeZone = canonicalTimeZone(settings.timeZone) ?? 'UTC';
    const open = await dueItemsIn(
      tx,
      { userId: scope.userId, timeZone },
      { to: addDays(localDate, LONGEST_LEAD_DAYS), now },
    );
    const overdue = open.filter((item) => item.overdue);
    const mentioned = await mentionsOf(tx, scope.userId);
    const listed = digestItems(open, localDate, mentioned);
    await forgetSettled(tx, scope.userId, overdue, localDate);
    if (listed.length === 0) return null;

    const sealed = sealMail(reminderDigestMail(email, localDate, listed, unsubscribePath(scope.userId)));
    const claimed = await tx
      .insert(digestSends)
      .values({ userId: scope.userId, localDate, sealed })
      .onConflictDoNothing()
      .returning({ localDate: digestSends.localDate });
    // Another run claimed the day meanwhile: its message is the day's.
    if (claimed.length === 0) return (await claimedMessage(tx, scope.userId, localDate)) ?? null;
    const newlyOverdue = listed
      .filter((item) => item.overdue)
      .map((item) => ({ userId: scope.userId, ...mentionOf(item) }));
    if (newlyOverdue.length > 0) await tx.insert(reminderMentions).values(newlyOverdue).onConflictDoNothing();
    return sealed;
  });
}

/** The day's claimed message: the sealed text, null once handed over, undefined when not claimed. */
async function claimedMessage(tx: Transaction, userId: string, localDate: string): Promise<string | null | undefined> {
  const [row] = await tx
    .select({ sealed: digestSends.sealed })
    .from(digestSends)
    .where(and(eq(digestSends.userId, userId), eq(digestSends.localDate, localDate)));
  return row ? row.sealed : undefined;
}

async function mentionsOf(tx: Transaction, userId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ itemKey: reminderMentions.itemKey, dueKey: reminderMentions.dueKey })
    .from(reminderMentions)
    .where(eq(reminderMentions.userId, userId));
  return new Set(rows.map((row) => `${row.itemKey}\0${row.dueKey}`));
}

/**
 * Keeps the account's records small: mentions of items no longer overdue (done, changed, deleted) and
 * sent-records older than a week go. Bounded by what is overdue now, whatever the account's history.
 */
async function forgetSettled(tx: Transaction, userId: string, overdue: DueItem[], today: string): Promise<void> {
  const stillOverdue = overdue.map((item) => mentionOf(item).itemKey);
  await tx
    .delete(reminderMentions)
    .where(
      and(
        eq(reminderMentions.userId, userId),
        stillOverdue.length > 0 ? notInArray(reminderMentions.itemKey, stillOverdue) : undefined,
      ),
    );
  await tx
    .delete(digestSends)
    .where(and(eq(digestSends.userId, userId), lt(digestSends.localDate, addDays(today, -KEEP_SENT_RECORDS_DAYS))));
}

/** The message was handed to the send-mail job: the sealed copy is not kept any longer than that. */
async function markDigestHandedOver(scope: UserScope, localDate: string): Promise<void> {
  await scope.asUser((tx) =>
    tx
      .update(digestSends)
      .set({ sealed: null })
      .where(and(eq(digestSends.userId, scope.userId), eq(digestSends.localDate, localDate))),
  );
}
