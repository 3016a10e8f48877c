// /reminders/unsubscribe?token=…: a digest's List-Unsubscribe link (RFC 8058; ADR 0037). No session: the
// signed token names the account and can only turn its reminders off. A POST — a mail provider's
// one-click (`List-Unsubscribe=One-Click`, no cookies, no Origin) or the confirm page's button — turns
// them off; a GET (a link followed, a scanner prefetching it) changes nothing and shows the confirm page.
import { NextResponse } from 'next/server';
import { turnOffReminders } from '@/data/reminders/settings';
import { verifyUnsubscribeToken } from '@/data/reminders/unsubscribe-token';
import { logUnexpected } from '@/lib/errors';
import { requestContext } from '@/lib/request-context';

export const dynamic = 'force-dynamic';

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

function confirmPage(request: Request, query: Record<string, string>): NextResponse {
  const url = new URL('/reminders/unsubscribe/confirm', request.url);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return NextResponse.redirect(url, 303);
}

export function GET(request: Request): NextResponse {
  return confirmPage(request, { token: new URL(request.url).searchParams.get('token') ?? '' });
}

export async function POST(request: Request): Promise<Response> {
  const userId = verifyUnsubscribeToken(new URL(request.url).searchParams.get('token') ?? '');
  // The page's own button asks for a page back; a mail provider reads only the status.
  const fromPage = (await request.formData().catch(() => null))?.get('from') === 'page';
  if (!userId) {
    return fromPage
      ? confirmPage(request, { outcome: 'invalid' })
      : new Response('This unsubscribe link is not valid.', { status: 400, headers: TEXT });
  }
  try {
    await turnOffReminders(userId);
  } catch (error) {
    logUnexpected(error, { action: 'unsubscribeReminders', requestId: (await requestContext()).requestId });
    return fromPage
      ? confirmPage(request, { outcome: 'failed' })
      : new Response('Could not turn reminders off right now. Try again later.', { status: 503, headers: TEXT });
  }
  return fromPage
    ? confirmPage(request, { outcome: 'off' })
    : new Response('Email reminders are off.', { headers: TEXT });
}
