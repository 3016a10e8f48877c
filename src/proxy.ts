// Next 16 proxy: sets the per-request CSP nonce, and sends visitors without a session cookie
// from /pets… and /account to /login. Only an optimistic redirect: the data layer is the authorization check.
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { contentSecurityPolicy, createNonce, storageOrigins } from '@/lib/security-headers';

const PROTECTED = /^\/(pets|account)(\/|$)/;

/**
 * Next refuses a Server Action whose Origin is foreign, but lets one without Origin through.
 * Browsers always send Origin on cross-site posts; a post without it that the browser marks as
 * cross-site, or whose Referer is another site, is forged: refuse it too.
 */
function isForgedPost(request: NextRequest): boolean {
  if (request.method !== 'POST' || request.headers.has('origin')) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const referer = request.headers.get('referer');
  if (!referer) return false;
  try {
    return new URL(referer).host !== request.headers.get('host');
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isForgedPost(request)) {
    return new NextResponse('Forbidden', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  // Server Action posts are left to the action itself: it answers in the action protocol
  // (a redirect the client router follows), which a plain 303 here would break.
  const isActionPost = request.method === 'POST' && request.headers.has('next-action');
  if (PROTECTED.test(pathname) && !isActionPost && !getSessionCookie(request)) {
    const login = new URL('/login', request.url);
    login.searchParams.set('redirect', `${pathname}${search}`);
    return NextResponse.redirect(login, 303);
  }

  const nonce = createNonce();
  const config = env();
  const policy = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === 'development',
    https: config.isHttps,
    storageOrigins: storageOrigins(config),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  if (PROTECTED.test(pathname)) response.headers.set('cache-control', 'private, no-store');
  return response;
}

export const config = {
  // /api/storage answers with its own locked-down policy (default-src 'none'; sandbox).
  matcher: ['/((?!_next/static|_next/image|api/storage|favicon.ico|icon.svg).*)'],
};
