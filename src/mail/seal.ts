// Mail is sealed at rest (ADR 0023): the send-mail job's row holds its message encrypted (AES-256-GCM)
// under a key derived with HKDF from the auth secret, which is never in the database. A dump or backup
// taken while a reset link is live holds no link; the worker opens the message just before sending.
import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyFromAuthSecret } from '@/lib/secret-keys';

const VERSION = 'v1';
/** HKDF's info: this key seals mail payloads and nothing else. */
const PURPOSE = 'pawprint mail payload v1';

function key(): Buffer {
  return keyFromAuthSecret(PURPOSE);
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url: a fresh 96-bit IV per message. */
export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The sealed text, or null when it was sealed under another secret or altered. */
export function unseal(sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || body === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
