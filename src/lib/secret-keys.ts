// Keys derived from the auth secret (never stored): one per purpose, with HKDF-SHA256, so a key that
// seals mail can never verify an unsubscribe link and the other way round. Cached per secret (a
// rotation in tests or a restart with a new secret derives afresh).
import 'server-only';
import { hkdfSync } from 'node:crypto';
import { env } from './env';

const keys = new Map<string, Buffer>();

/** The 32-byte key for `purpose` (HKDF's info) under the current auth secret. */
export function keyFromAuthSecret(purpose: string): Buffer {
  const secret = env().authSecret;
  const cacheKey = `${purpose}\0${secret}`;
  let derived = keys.get(cacheKey);
  if (!derived) {
    derived = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), purpose, 32));
    // At most a few purposes: a changed secret leaves the old keys behind, so start over.
    if (keys.size > 16) keys.clear();
    keys.set(cacheKey, derived);
  }
  return derived;
}
