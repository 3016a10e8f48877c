// The "confirm your email" notice on /pets can be dismissed: remembered in a cookie naming the account
// it was dismissed for (another account in the same browser still sees its own notice). A preference
// of the browser, not data: nothing is stored on the server.
import { cookies } from 'next/headers';
import { env } from './env';

const COOKIE = 'pawprint-verify-notice-dismissed';
const DISMISSED_FOR_SECONDS = 30 * 24 * 60 * 60;

export async function isVerificationNoticeDismissed(userId: string): Promise<boolean> {
  return (await cookies()).get(COOKIE)?.value === userId;
}

export async function dismissVerificationNoticeFor(userId: string): Promise<void> {
  (await cookies()).set(COOKIE, userId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().isHttps,
    path: '/',
    maxAge: DISMISSED_FOR_SECONDS,
  });
}
