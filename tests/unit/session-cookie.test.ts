// The session cookie as better-auth writes it (better-call's signed cookies) must be recognised by
// the one-query session read (src/data/session-cookie.ts), and nothing else: a cookie this reads
// wrongly would either sign someone in or send every request down the slow path.
import { randomBytes } from 'node:crypto';
import { serializeSignedCookie } from 'better-call';
import { describe, expect, it } from 'vitest';
import { singleCookieValue, verifiedSessionToken } from '@/data/session-cookie';

const NAME = 'better-auth.session_token';

/** The Cookie header a browser sends back for better-auth's Set-Cookie. */
async function cookieHeaderFor(token: string, secret: string): Promise<string> {
  const setCookie = await serializeSignedCookie(NAME, token, secret, { path: '/' });
  return setCookie.split(';')[0]!;
}

describe('session cookie', () => {
  it('gives back the token of every cookie better-auth signs, and only under its secret', async () => {
    for (let round = 0; round < 50; round++) {
      const secret = randomBytes(32).toString('base64');
      const token = randomBytes(24).toString('base64url');
      const value = singleCookieValue(await cookieHeaderFor(token, secret), NAME);
      expect(value).not.toBeNull();
      expect(verifiedSessionToken(value!, secret)).toBe(token);
      expect(verifiedSessionToken(value!, `${secret}x`)).toBeNull();
    }
  });

  it('refuses altered tokens and signatures, and signatures spelled differently', async () => {
    const secret = randomBytes(32).toString('base64');
    const token = randomBytes(24).toString('base64url');
    const signed = singleCookieValue(await cookieHeaderFor(token, secret), NAME)!;
    const signature = signed.slice(signed.lastIndexOf('.') + 1);
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    for (const forged of [
      `${flip(token, 3)}.${signature}`,
      `${token}.${flip(signature, 10)}`,
      `${token}.${signature.slice(0, -1)}`,
      `${token}.${Buffer.from(signature, 'base64').toString('base64url')}`,
      `${token}.${signature}=`,
      `${token}`,
      `.${signature}`,
      '',
    ]) {
      expect(verifiedSessionToken(forged, secret), forged).toBeNull();
    }
  });

  it('reads one cookie by exact name and leaves duplicates and bad encodings to the library', () => {
    expect(singleCookieValue('a=1; better-auth.session_token=x.y%3D; b=2', NAME)).toBe('x.y=');
    expect(singleCookieValue('xbetter-auth.session_token=1', NAME)).toBeNull();
    expect(singleCookieValue(`${NAME}=a; ${NAME}=b`, NAME)).toBeNull();
    expect(singleCookieValue(`${NAME}=%E0%A4%A`, NAME)).toBeNull();
    expect(singleCookieValue('', NAME)).toBeNull();
  });
});
