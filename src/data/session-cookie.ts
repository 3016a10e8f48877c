// Reads better-auth's signed session cookie the way its getSession does (better-call's signed
// cookies: `<token>.<base64 HMAC-SHA256 of the token under the auth secret>`, URI-encoded), for the
// one-query session read of auth.ts (ADR 0019). Only the plain, canonical case is recognised here;
// anything else is left to better-auth itself, so no cookie is accepted that it would refuse.
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A base64 HMAC-SHA256 is 44 characters ending in `=`, as better-call requires. */
const SIGNATURE_LENGTH = 44;

/** The value of the one cookie called `name` in a Cookie header, URI-decoded; null when it is absent,
 * sent twice (which one wins is the library's call) or not decodable. */
export function singleCookieValue(cookieHeader: string, name: string): string | null {
  let found: string | null = null;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    if (found !== null) return null;
    found = pair.slice(separator + 1).trim();
  }
  if (found === null) return null;
  try {
    return decodeURIComponent(found);
  } catch {
    return null;
  }
}

/**
 * The session token a signed cookie value carries when its signature is exactly the HMAC that
 * better-auth writes for it under `secret`; null otherwise (forged, truncated, or spelled in a way
 * only a lenient decoder would accept — the caller then asks better-auth).
 */
export function verifiedSessionToken(signedValue: string, secret: string): string | null {
  const dot = signedValue.lastIndexOf('.');
  if (dot < 1) return null;
  const token = signedValue.slice(0, dot);
  const signature = signedValue.slice(dot + 1);
  if (signature.length !== SIGNATURE_LENGTH) return null;
  const expected = createHmac('sha256', secret).update(token).digest('base64');
  // Same length by the check above; compared in constant time.
  return timingSafeEqual(Buffer.from(signature), Buffer.from(expected)) ? token : null;
}
