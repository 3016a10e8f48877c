// The auth library in the role of Supabase Auth (ADR 0002): better-auth with email + password,
// database sessions in our Postgres, cookies written through next/headers by nextCookies().
// Its HTTP handler is deliberately not mounted: the contract's actions are the only way in.
import 'server-only';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { db } from '@/db/client';
import { accounts, sessions, users, verifications } from '@/db/schema';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { CLIENT_ADDRESS_HEADER } from '@/lib/request-headers';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/validations/auth';

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
    session: {
      expiresIn: 60 * 60 * 24 * 7,
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

export function auth(): Auth {
  instance ??= createAuth();
  return instance;
}
