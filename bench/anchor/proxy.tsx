// The same-duties anchor's first duty (app/duties): a CSP nonce per request, set as the app's
// proxy sets it (src/proxy.ts) with the app's own policy. The bare anchor's /pets is left alone.
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, createNonce } from '../../src/lib/security-headers';

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { dev: false, https: false });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  response.headers.set('cache-control', 'private, no-store');
  return response;
}

export const config = { matcher: ['/duties'] };
