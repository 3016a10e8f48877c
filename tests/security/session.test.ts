// Sessions: a signed-out cookie is dead everywhere; every sign-in issues a new token (no fixation);
// the cookie is HttpOnly and SameSite=Lax, not Secure on http:// and Secure on https:// (a second
// server started with APP_URL=https://…).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actionId, clientFor, closeDbPool, context, db, Ledger } from './support/harness';
import { HttpClient, setCookies, type HttpResponse } from '../support/http';
import { freePort, startServer } from '../support/server';

const COOKIE = 'better-auth.session_token';
afterAll(closeDbPool);

async function login(client: HttpClient, email: string, password: string) {
  return client.form(actionId('login'), { email, password }, { path: '/login' });
}

function sessionCookieLine(response: HttpResponse, name = COOKIE): string | undefined {
  return setCookies(response).find((line) => line.startsWith(`${name}=`));
}

const tokenOf = (cookieValue: string | undefined) => decodeURIComponent(cookieValue ?? '').split('.')[0] ?? '';

function redirectsToLogin(response: HttpResponse): boolean {
  return (
    response.status >= 300 && response.status < 400 && String(response.headers.location ?? '').startsWith('/login')
  );
}

describe('session', () => {
  const ledger = new Ledger('Session');

  it('issues a new token at every sign-in, even over a cookie the attacker planted', async () => {
    const { a, b } = context();
    const seen = new Set([tokenOf(a.cookies[COOKIE]), tokenOf(b.cookies[COOKIE])]);
    for (let index = 0; index < 3; index++) {
      const client = clientFor(null, '127.0.0.8');
      const planted = `planted${randomBytes(12).toString('hex')}`;
      client.jar.set(COOKIE, `${planted}.c2ln`);
      const { response, outcome } = await login(client, a.email, a.password);
      expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
      const token = tokenOf(client.jar.get(COOKIE));
      // The response is A's own (/pets after the redirect): nothing in it is a leak.
      ledger.attempt(
        `sign-in ${index + 1}: token differs from every earlier one and from the planted one`,
        token.length >= 20 && !seen.has(token) && token !== planted,
      );
      seen.add(token);
      const line = sessionCookieLine(response) ?? '';
      ledger.attempt(
        `sign-in ${index + 1}: Set-Cookie HttpOnly; SameSite=Lax; Path=/; not Secure on http ("${line.replace(/=[^;]+/, '=…')}")`,
        /;\s*HttpOnly/i.test(line) &&
          /;\s*SameSite=Lax/i.test(line) &&
          /;\s*Path=\//i.test(line) &&
          !/;\s*Secure/i.test(line),
      );
    }
  });

  it('kills the session on logout: the old cookie is signed out everywhere', async () => {
    const { a } = context();
    const client = clientFor(null, '127.0.0.8');
    expect((await login(client, a.email, a.password)).outcome.kind).toBe('redirected');
    const oldCookie = client.jar.get(COOKIE)!;
    const token = tokenOf(oldCookie);
    expect((await db().query('select 1 from sessions where token = $1', [token])).rowCount).toBe(1);

    const out = await client.action(actionId('logout'), [], { path: '/pets' });
    expect(out.outcome).toMatchObject({ kind: 'redirected', location: '/login' });
    const cleared = sessionCookieLine(out.response) ?? '';
    ledger.attempt(
      'logout clears the cookie (Max-Age=0 or past Expires)',
      /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cleared),
      out.response,
    );
    ledger.attempt(
      'logout deletes the session row',
      (await db().query('select 1 from sessions where token = $1', [token])).rowCount === 0,
    );

    const replay = clientFor(null, '127.0.0.8');
    replay.jar.set(COOKIE, oldCookie);
    const page = await replay.request('/pets');
    ledger.attempt(
      `old cookie: GET /pets → ${page.status} ${page.headers.location ?? ''}`,
      redirectsToLogin(page),
      page,
    );
    const me = await replay.action(actionId('getCurrentUser'), []);
    ledger.attempt(
      `old cookie: getCurrentUser → ${JSON.stringify(me.outcome).slice(0, 60)}`,
      me.outcome.kind === 'returned' && me.outcome.value === null,
      me.response,
    );
    const list = await replay.action(actionId('getPets'), [{}]);
    ledger.attempt(
      `old cookie: getPets → ${JSON.stringify(list.outcome).slice(0, 60)}`,
      list.outcome.kind === 'redirected' && list.outcome.location.startsWith('/login'),
      list.response,
    );
    const detail = await replay.request(`/pets/${a.pets[0]!.id}`);
    ledger.attempt(`old cookie: GET /pets/<A-id> → ${detail.status}`, redirectsToLogin(detail), detail);

    // A's other sessions are untouched.
    const still = await clientFor(a, '127.0.0.8').action(actionId('getCurrentUser'), []);
    expect(still.outcome).toMatchObject({ kind: 'returned', value: { id: a.userId } });
  });

  it('marks the cookie Secure (and sends HSTS) when APP_URL is https://', async () => {
    const { cwd, databaseUrl, resultsDir } = context();
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pawprint-sec-https-'));
    const server = await startServer({
      cwd,
      port,
      logFile: path.join(resultsDir, 'server-https.log'),
      readyTimeoutMs: 120_000,
      env: {
        DATABASE_URL: databaseUrl,
        BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
        APP_URL: `https://localhost:${port}`,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_REGISTER_PER_ADDRESS: '100',
      },
    });
    try {
      const client = new HttpClient(port, '127.0.0.8');
      Object.defineProperty(client, 'origin', { value: `https://localhost:${port}` });
      const form = new FormData();
      form.append('email', `secure-${randomBytes(4).toString('hex')}@security.example`);
      form.append('password', 'correct horse battery');
      const { response, outcome } = await client.action(actionId('register'), [null, form], { path: '/register' });
      expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
      const line = setCookies(response).find((entry) => entry.includes('session_token=')) ?? '';
      ledger.attempt(
        `https: Set-Cookie "${line.replace(/=[^;]+/, '=…')}"`,
        line.startsWith('__Secure-') &&
          /;\s*Secure/i.test(line) &&
          /;\s*HttpOnly/i.test(line) &&
          /;\s*SameSite=Lax/i.test(line),
        response,
      );
      ledger.attempt(
        'https: Strict-Transport-Security',
        /max-age=\d{7,}/.test(String(response.headers['strict-transport-security'] ?? '')),
        response,
      );
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
