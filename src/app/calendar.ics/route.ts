// GET /calendar.ics?token=…: an account's calendar feed (RFC 5545), for calendar apps that
// subscribe to it. No session: the secret token in the query is the key (the query is never
// logged), looked up by its hash (ADR 0034). A wrong, replaced or turned-off token: 404.
import { calendarFeedDocument, calendarFeedOwner } from '@/data/calendar-feed';
import { consumeRateLimit } from '@/data/rate-limits';
import { logUnexpected } from '@/lib/errors';
import { RATE_LIMIT_RULES } from '@/lib/rate-limit';
import { requestContext } from '@/lib/request-context';

export const dynamic = 'force-dynamic';

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

function tooMany(retryAfterSeconds: number): Response {
  return new Response('Too many requests', {
    status: 429,
    headers: { ...TEXT, 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
}

export async function GET(request: Request): Promise<Response> {
  const { address, requestId } = await requestContext();
  const token = new URL(request.url).searchParams.get('token') ?? '';
  try {
    const fromAddress = await consumeRateLimit(RATE_LIMIT_RULES.calendarFeedReadsFromAddress(address));
    if (!fromAddress.allowed) return tooMany(fromAddress.retryAfterSeconds);
    const owner = await calendarFeedOwner(token);
    if (!owner) return new Response('Not Found', { status: 404, headers: TEXT });
    const forAccount = await consumeRateLimit(RATE_LIMIT_RULES.calendarFeedReadsForAccount(owner));
    if (!forAccount.allowed) return tooMany(forAccount.retryAfterSeconds);
    return new Response(await calendarFeedDocument(owner), {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="pawprint.ics"',
        // A secret URL: no shared cache keeps it.
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    logUnexpected(error, { action: 'calendarFeed', requestId });
    return new Response('The calendar is unavailable right now. Try again later.', { status: 503, headers: TEXT });
  }
}
