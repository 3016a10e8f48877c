'use server';
// The account page's calendar feed (ADR 0034): a new secret link (turning the feed on, or replacing
// a link that leaked: the old one stops at once), shown once; or the feed turned off. One action,
// the button pressed says which (`intent`), so the page shows the latest answer only.
import { revalidatePath } from 'next/cache';
import { recordRefusal, recordSecurityEvent } from '@/data/audit';
import { issueCalendarFeedToken, turnOffCalendarFeed } from '@/data/calendar-feed';
import { consumeRateLimit } from '@/data/rate-limits';
import { failure, type ActionResult } from '@/lib/action-result';
import { env } from '@/lib/env';
import { asFormData, formText } from '@/lib/form-submission';
import { limitReachedMessage, RATE_LIMIT_RULES } from '@/lib/rate-limit';
import { runAction, type ActionContext } from './run-action';

export type CalendarFeedResult = ActionResult & {
  /** The feed's URL after a new link, shown this once: only its hash is kept. */
  link?: { https: string; webcal: string };
};

const MESSAGES = {
  issued: 'Your calendar link is ready. Copy it now: for your safety it is shown only once.',
  turnedOff: 'Calendar feed turned off. Its link no longer works.',
  failed: 'Could not change the calendar feed. Please try again.',
  unknownIntent: 'Choose “Turn on calendar feed”, “Get a new calendar link” or “Turn off calendar feed”.',
} as const;

/** Form action; FormData: `intent` = `new-link` (turn on, or replace the link) or `off`. */
export async function changeCalendarFeed(
  previousState: CalendarFeedResult | null,
  formData: FormData,
): Promise<CalendarFeedResult> {
  const intent = formText.parse(asFormData(formData).get('intent') ?? undefined);
  return runAction(
    { action: 'changeCalendarFeed', signedOut: { returnTo: '/account' }, unexpected: () => failure(MESSAGES.failed) },
    async (context) => {
      if (intent === 'new-link') return newLink(context);
      if (intent === 'off') return turnOff(context);
      return failure(MESSAGES.unknownIntent);
    },
  );
}

async function newLink({ user, address, requestId }: ActionContext): Promise<CalendarFeedResult> {
  const rule = RATE_LIMIT_RULES.calendarLinksForUser(user.id);
  const limit = await consumeRateLimit(rule);
  if (!limit.allowed) {
    await recordRefusal('usage.limited', {
      userId: user.id,
      address,
      requestId,
      detail: 'calendar link',
      counter: rule.key,
    });
    return failure(limitReachedMessage(`${rule.capacity} calendar links per hour`, limit.retryAfterSeconds));
  }
  const token = await issueCalendarFeedToken(user);
  await recordSecurityEvent('account.calendar_link_issued', { userId: user.id, address, requestId });
  revalidatePath('/account');
  const https = `${env().appUrl}/calendar.ics?token=${token}`;
  return { success: true, message: MESSAGES.issued, link: { https, webcal: https.replace(/^https?:/, 'webcal:') } };
}

async function turnOff({ user, address, requestId }: ActionContext): Promise<CalendarFeedResult> {
  await turnOffCalendarFeed(user);
  await recordSecurityEvent('account.calendar_feed_off', { userId: user.id, address, requestId });
  revalidatePath('/account');
  return { success: true, message: MESSAGES.turnedOff };
}
