// The signed link of a digest's one-click unsubscribe (RFC 8058; ADR 0037): `<userId>.<HMAC>`, the
// HMAC-SHA256 of the purpose and the account id under a key derived (HKDF) from the auth secret for
// this purpose only. Verified without a database read; the same link keeps working, and it can only
// ever turn reminders off, for the one account it names.
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { keyFromAuthSecret } from '@/lib/secret-keys';
import { isUuid } from '@/lib/uuid';

const PURPOSE = 'pawprint reminders unsubscribe v1';

function signatureOf(userId: string): Buffer {
  return createHmac('sha256', keyFromAuthSecret(PURPOSE)).update(`${PURPOSE}\n${userId.toLowerCase()}`).digest();
}

export function unsubscribeToken(userId: string): string {
  return `${userId.toLowerCase()}.${signatureOf(userId).toString('base64url')}`;
}

/** The account a token names, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(token: string): string | null {
  if (token.length > 200) return null;
  const [userId, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !isUuid(userId) || !signature) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId.toLowerCase() : null;
}

/** The path of the unsubscribe page (and its one-click POST) for an account. */
export function unsubscribePath(userId: string): string {
  return `/reminders/unsubscribe?token=${encodeURIComponent(unsubscribeToken(userId))}`;
}
