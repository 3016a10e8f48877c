// Next 16 proxy: sets the per-request CSP nonce, and sends visitors without a session cookie
// from /pets… and /account to /login. Only an optimistic redirect: the data layer is the authorization check.
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { contentSecurityPolicy, createNonce, storageOrigins } from '@/lib/security-headers';

const PROTECTED = /^\/(pets|account)(\/|$)/;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
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
