// The auth library in the role of Supabase Auth (ADR 0002): better-auth with email + password,
// database sessions in our Postgres, cookies written through next/headers by nextCookies().
// The only module that talks to it: callers get plain outcomes, never its API or error codes.
// Its HTTP handler is deliberately not mounted: the actions of docs/requirements.md
// are the only way in. Account recovery (ADR 0014) is the library's own: reset tokens and
// verification links are made and checked by it; their messages go out through enqueueMail.
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { betterAuth } from 'better-auth';
import { isAPIError } from 'better-auth/api';
import { getCookies } from 'better-auth/cookies';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { eq, sql } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { accounts, sessions, users, verifications } from '@/db/schema';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { CLIENT_ADDRESS_HEADER } from '@/lib/request-headers';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/validations/auth';
import {
  passwordChangedMail,
  passwordResetMail,
  verificationMail,
  type PasswordChangeWay,
} from '@/mail/account-messages';
import { enqueueMail } from '@/mail/enqueue-mail';
import { proposePreferences } from './preferences';
import { endOutstandingResetLinks } from './reset-links';
import { singleCookieValue, verifiedSessionToken } from './session-cookie';

const IDLE_SESSION_SECONDS = 60 * 60 * 24 * 7;
const REFRESH_AFTER_SECONDS = 60 * 60 * 24;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A reset link works for an hour, a verification link for a day. */
export const RESET_TOKEN_SECONDS = 60 * 60;
export const VERIFICATION_TOKEN_SECONDS = 24 * 60 * 60;

/** Who a reset link was for, told by the library's onPasswordReset to the resetPasswordWithToken call in progress. */
const resetInProgress = new AsyncLocalStorage<{ user?: AccountUser }>();

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
      // Called only for an existing account, from the request-password-reset job (never in the request).
      sendResetPassword: async ({ user, token }) => {
        await enqueueMail(passwordResetMail(user.email, token));
      },
      resetPasswordTokenExpiresIn: RESET_TOKEN_SECONDS,
      // Whoever holds the old password (or a stolen session) is out once the owner resets it.
      revokeSessionsOnPasswordReset: true,
      // After the new password is saved and the sessions are revoked: tell the caller whose it was,
      // end the other reset links and tell the owner.
      onPasswordReset: async ({ user }) => {
        const call = resetInProgress.getStore();
        if (call) call.user = { id: user.id, email: user.email };
        await afterPasswordChange({ id: user.id, email: user.email }, 'reset_link');
      },
    },
    // Registration signs in at once; the link only confirms the address (it never blocks sign-in).
    emailVerification: {
      sendOnSignUp: true,
      expiresIn: VERIFICATION_TOKEN_SECONDS,
      autoSignInAfterVerification: false,
      sendVerificationEmail: async ({ user, token }) => {
        await enqueueMail(verificationMail(user.email, token));
      },
    },
    // Reset tokens are kept as hashes: a copy of the database resets no password.
    verification: { storeIdentifier: 'hashed' },
    // Idle lifetime: a week without use ends a session; use extends it (at most once a day). The
    // absolute lifetime (SESSION_MAX_AGE_DAYS from sign-in) is enforced in readSession.
    session: {
      expiresIn: IDLE_SESSION_SECONDS,
      updateAge: REFRESH_AFTER_SECONDS,
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
export type SessionAccount = AccountUser & { emailVerified: boolean };

/**
 * The user of the session the request's cookie names, or null. A session older than
 * SESSION_MAX_AGE_DAYS since sign-in is over however recently it was used: its row is deleted.
 *
 * Every request reads the sessions table (no cookie cache: a revoked session is dead at once).
 * The common case — a validly signed cookie naming a live session that needs no refresh — is
 * read here in one query (session joined to its user); every other case goes through
 * better-auth's getSession, which expires, deletes, refreshes and clears cookies (ADR 0019).
 */
export async function readSession(): Promise<SessionAccount | null> {
  const requestHeaders = await headers();
  const user = await readLiveSession(requestHeaders.get('cookie'));
  return user === LEAVE_TO_LIBRARY ? readSessionThroughLibrary(requestHeaders) : user;
}

const LEAVE_TO_LIBRARY = Symbol('leave to better-auth');

/** Session and user in one statement, prepared once per database handle. */
const sessionByToken = new WeakMap<object, ReturnType<typeof prepareSessionByToken>>();

function prepareSessionByToken(database: ReturnType<typeof db>) {
  return database
    .select({
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      userId: users.id,
      email: users.email,
      emailVerified: users.emailVerified,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, sql.placeholder('token')))
    .limit(1)
    .prepare('pawprint_session_by_token');
}

/** The live session's user, or LEAVE_TO_LIBRARY for anything better-auth has to decide or do. */
async function readLiveSession(cookieHeader: string | null): Promise<SessionAccount | typeof LEAVE_TO_LIBRARY> {
  if (!cookieHeader) return LEAVE_TO_LIBRARY;
  const context = await auth().$context;
  const names = context.authCookies;
  // A cached-session or don't-remember cookie changes what getSession does (cleans, skips refresh).
  if (cookieHeader.includes(names.sessionData.name) || cookieHeader.includes(names.dontRememberToken.name))
    return LEAVE_TO_LIBRARY;
  const signed = singleCookieValue(cookieHeader, names.sessionToken.name);
  const token = signed === null ? null : verifiedSessionToken(signed, context.secret);
  if (token === null) return LEAVE_TO_LIBRARY;

  const database = db();
  let query = sessionByToken.get(database);
  if (!query) sessionByToken.set(database, (query = prepareSessionByToken(database)));
  const [row] = await query.execute({ token });
  if (!row) return LEAVE_TO_LIBRARY;
  const now = Date.now();
  const expiresAt = row.expiresAt.getTime();
  const expired = expiresAt < now;
  // better-auth's rule: extend once the session has been in use for updateAge since its last extension.
  const dueForRefresh =
    expiresAt - context.sessionConfig.expiresIn * 1000 + context.sessionConfig.updateAge * 1000 <= now;
  if (expired || dueForRefresh || pastAbsoluteLifetime(row.createdAt, now)) return LEAVE_TO_LIBRARY;
  return { id: row.userId, email: row.email, emailVerified: row.emailVerified };
}

function pastAbsoluteLifetime(createdAt: Date | string, now = Date.now()): boolean {
  return now - new Date(createdAt).getTime() > env().SESSION_MAX_AGE_DAYS * DAY_MS;
}

async function readSessionThroughLibrary(requestHeaders: Headers): Promise<SessionAccount | null> {
  const session = await auth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  if (pastAbsoluteLifetime(session.session.createdAt)) {
    await db().delete(sessions).where(eq(sessions.id, session.session.id));
    return null;
  }
  // The verified flag comes with the session's user row: no extra query for /pets' notice.
  return { id: session.user.id, email: session.user.email, emailVerified: session.user.emailVerified };
}

/**
 * Creates the account and signs it in (the session cookie is set on this response). The time zone
 * the browser reported, when it is a known one, becomes the account's (editable on /account).
 */
export async function signUp(
  credentials: Credentials,
  browserTimeZone = '',
): Promise<{ status: 'created'; user: AccountUser } | { status: 'email_taken' }> {
  try {
    const result = await auth().api.signUpEmail({ body: { ...credentials, name: '' }, headers: await headers() });
    await proposeTimeZone(result.user.id, browserTimeZone);
    return { status: 'created', user: { id: result.user.id, email: result.user.email } };
  } catch (error) {
    const code = refusalCode(error);
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL')
      return { status: 'email_taken' };
    throw error;
  }
}

/** The account exists whatever happens here: a failure leaves it on the default zone (UTC), logged. */
async function proposeTimeZone(userId: string, browserTimeZone: string): Promise<void> {
  try {
    await withUser(db(), userId, (tx) => proposePreferences(tx, userId, browserTimeZone));
  } catch (error) {
    logger().warn({ userId, err: error }, 'the time zone of a new account could not be saved');
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
    const { user } = await auth().api.changePassword({
      body: { currentPassword, newPassword, revokeOtherSessions: true },
      headers: await headers(),
    });
    // The owner hears of it by mail too: someone using a stolen session would change it this way.
    await afterPasswordChange({ id: user.id, email: user.email }, 'account_page');
    return 'changed';
  } catch (error) {
    if (refusalCode(error) === 'INVALID_PASSWORD') return 'wrong_current_password';
    throw error;
  }
}

/**
 * What follows a new password, either way: every reset link still out ends (reset-links.ts), and the
 * owner is told by mail. The password is changed and the sessions are over by then: a failure here is
 * logged, never thrown, so the change is neither undone nor reported as failed.
 */
async function afterPasswordChange(user: AccountUser, way: PasswordChangeWay): Promise<void> {
  await endOutstandingResetLinks(user.id).catch((error: unknown) =>
    logger().error({ err: error, userId: user.id }, 'outstanding reset links not ended'),
  );
  await enqueueMail(passwordChangedMail(user.email, way)).catch((error: unknown) =>
    logger().error({ err: error, userId: user.id }, 'password-changed message not queued'),
  );
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

// ── Account recovery (ADR 0014) ──

/**
 * Asks the library for a reset link for `email`: for an existing account it makes a single-use
 * token (1 h) and enqueues the message; for an unknown one it does nothing. Runs in the
 * request-password-reset job, so the request that asked answers alike in both cases.
 * Returns the account the link went to, or null.
 */
export async function sendPasswordResetLink(email: string): Promise<AccountUser | null> {
  const normalized = email.trim().toLowerCase();
  await auth().api.requestPasswordReset({ body: { email: normalized } });
  const [account] = await db()
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.email, normalized));
  return account ?? null;
}

/** Whether a reset token is one the library would accept now (it exists and has not expired). */
export async function isPasswordResetTokenUsable(token: string): Promise<boolean> {
  const response = await auth().api.requestPasswordResetCallback({
    params: { token },
    query: { callbackURL: '/reset-password' },
    asResponse: true,
  });
  const location = response.headers.get('location');
  if (!location) return false;
  return !new URL(location, env().appUrl).searchParams.has('error');
}

/**
 * Sets a new password with a reset token: the token is used up, every session of the account is
 * revoked (revokeSessionsOnPasswordReset). A garbage, expired or used token changes nothing.
 */
export async function resetPasswordWithToken(
  token: string,
  newPassword: string,
): Promise<{ status: 'reset'; user: AccountUser } | { status: 'invalid_token' }> {
  const call: { user?: AccountUser } = {};
  try {
    await resetInProgress.run(call, () => auth().api.resetPassword({ body: { token, newPassword } }));
  } catch (error) {
    const code = refusalCode(error);
    if (code === 'INVALID_TOKEN' || code === 'USER_NOT_FOUND') return { status: 'invalid_token' };
    throw error;
  }
  if (!call.user) throw new Error('the password was reset but the library did not say whose');
  return { status: 'reset', user: call.user };
}

/** Sends the signed-in user a new verification link (24 h). */
export async function sendVerificationLink(email: string): Promise<'sent' | 'already_verified'> {
  try {
    await auth().api.sendVerificationEmail({ body: { email }, headers: await headers() });
    return 'sent';
  } catch (error) {
    if (refusalCode(error) === 'EMAIL_ALREADY_VERIFIED') return 'already_verified';
    throw error;
  }
}

/** The account a verification token names, read without trusting it (the library checks the signature). */
function verificationTokenAccount(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    const userId = (payload as { userId?: unknown } | null)?.userId;
    return typeof userId === 'string' && /^[0-9a-f-]{36}$/i.test(userId) ? userId : undefined;
  } catch {
    return undefined;
  }
}

export type VerificationOutcome =
  { status: 'verified'; userId: string } | { status: 'already_used' } | { status: 'expired' } | { status: 'invalid' };

/**
 * Follows a verification link: the library checks the token (signature, expiry) and marks the
 * address verified. A link is good once: an account that was verified already reads as a used link.
 */
export async function verifyEmailToken(token: string): Promise<VerificationOutcome> {
  const userId = verificationTokenAccount(token);
  if (!userId) return { status: 'invalid' };
  const [before] = await db().select({ emailVerified: users.emailVerified }).from(users).where(eq(users.id, userId));
  try {
    await auth().api.verifyEmail({ query: { token } });
  } catch (error) {
    const code = refusalCode(error);
    if (code === 'TOKEN_EXPIRED') return { status: 'expired' };
    if (code === 'INVALID_TOKEN' || code === 'USER_NOT_FOUND') return { status: 'invalid' };
    throw error;
  }
  if (!before || before.emailVerified) return { status: 'already_used' };
  return { status: 'verified', userId };
}
