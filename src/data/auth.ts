// The auth library in the role of Supabase Auth (ADR 0002): better-auth with email + password,
// database sessions in our Postgres, cookies written through next/headers by nextCookies().
// The only module that talks to it: callers get plain outcomes, never its API or error codes.
// Its HTTP handler is deliberately not mounted: the actions of docs/requirements.md
// are the only way in.
import 'server-only';
import { betterAuth } from 'better-auth';
import { isAPIError } from 'better-auth/api';
import { getCookies } from 'better-auth/cookies';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { db } from '@/db/client';
import { accounts, sessions, users, verifications } from '@/db/schema';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { CLIENT_ADDRESS_HEADER } from '@/lib/request-headers';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/validations/auth';

const IDLE_SESSION_SECONDS = 60 * 60 * 24 * 7;
const DAY_MS = 24 * 60 * 60 * 1000;

function createAuth() {
  const config = env();
  return betterAuth({
    appName: 'Pawprint',
    baseURL: config.appUrl,
    secret: config.authSecret,
    database: drizzleAdapter(db(), {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    // Idle lifetime: a week without use ends a session; use extends it (at most once a day). The
    // absolute lifetime (SESSION_MAX_AGE_DAYS from sign-in) is enforced in readSession.
    session: {
      expiresIn: IDLE_SESSION_SECONDS,
      updateAge: 60 * 60 * 24,
      // No cookie cache: every check reads the sessions table, so a signed-out cookie is dead at once.
      cookieCache: { enabled: false },
    },
    // Our actions rate-limit themselves against Postgres counters (ADR 0004).
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      database: { generateId: 'uuid' },
      useSecureCookies: config.isHttps,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: config.isHttps },
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    logger: {
      level: 'error',
      log: (level, message) => logger()[level]({ source: 'better-auth' }, message),
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
let instance: Auth | undefined;

function auth(): Auth {
  instance ??= createAuth();
  return instance;
}

/** The error code better-auth attached to a refusal, if it is one. */
function refusalCode(error: unknown): string | undefined {
  if (!isAPIError(error)) return undefined;
  const code = (error.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export type Credentials = { email: string; password: string };
export type AccountUser = { id: string; email: string };

/**
 * The user of the session the request's cookie names, or null. A session older than
 * SESSION_MAX_AGE_DAYS since sign-in is over however recently it was used: its row is deleted.
 */
export async function readSession(): Promise<AccountUser | null> {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const maxAgeMs = env().SESSION_MAX_AGE_DAYS * DAY_MS;
  if (Date.now() - new Date(session.session.createdAt).getTime() > maxAgeMs) {
    await db().delete(sessions).where(eq(sessions.id, session.session.id));
    return null;
  }
  return { id: session.user.id, email: session.user.email };
}

/** Creates the account and signs it in (the session cookie is set on this response). */
export async function signUp(
  credentials: Credentials,
): Promise<{ status: 'created'; user: AccountUser } | { status: 'email_taken' }> {
  try {
    const result = await auth().api.signUpEmail({ body: { ...credentials, name: '' }, headers: await headers() });
    return { status: 'created', user: { id: result.user.id, email: result.user.email } };
  } catch (error) {
    const code = refusalCode(error);
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL')
      return { status: 'email_taken' };
    throw error;
  }
}

/** Signs in (the session cookie is set on this response); a wrong email or password look the same. */
export async function signIn(
  credentials: Credentials,
): Promise<{ status: 'signed_in'; userId: string } | { status: 'wrong_credentials' }> {
  try {
    const result = await auth().api.signInEmail({ body: credentials, headers: await headers() });
    return { status: 'signed_in', userId: result.user.id };
  } catch (error) {
    if (refusalCode(error) === 'INVALID_EMAIL_OR_PASSWORD') return { status: 'wrong_credentials' };
    throw error;
  }
}

/** Deletes the session row (the cookie is dead everywhere) and clears the cookies. */
export async function signOut(): Promise<void> {
  await auth().api.signOut({ headers: await headers() });
}

/** Checks the current password, sets the new one, ends every other session of the user. */
export async function changePassword(
  currentPassword: string,
  newPassword: string,
): Promise<'changed' | 'wrong_current_password'> {
  try {
    await auth().api.changePassword({
      body: { currentPassword, newPassword, revokeOtherSessions: true },
      headers: await headers(),
    });
    return 'changed';
  } catch (error) {
    if (refusalCode(error) === 'INVALID_PASSWORD') return 'wrong_current_password';
    throw error;
  }
}

/** Whether `password` is the signed-in user's current password. */
export async function verifyPassword(password: string): Promise<boolean> {
  try {
    await auth().api.verifyPassword({ body: { password }, headers: await headers() });
    return true;
  } catch (error) {
    if (refusalCode(error) === 'INVALID_PASSWORD') return false;
    throw error;
  }
}

/** Removes the auth cookies from the browser (after its session row went away with the account). */
export async function clearSessionCookies(): Promise<void> {
  const jar = await cookies();
  for (const cookie of Object.values(getCookies(auth().options))) jar.delete(cookie.name);
}
