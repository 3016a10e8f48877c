// Open redirect: every known bypass of a same-site check sent as `?redirect=` to /login by a
// signed-in user (the page sends them on at once), to a visitor (the value the sign-in form will
// post back) and to the login action itself. Whatever the app answers must resolve to this site.
import { describe, expect, it } from 'vitest';
import { registerOverHttp } from '../support/accounts';
import { OFF_SITE_HOST, REDIRECT_BYPASSES } from '../support/redirect-bypasses';
import { actionId, clientFor, context, Ledger } from './support/harness';
import type { HttpClient, HttpResponse } from '../support/http';

/** Logins per account and per source address: well inside the suite's per-email limit. */
const LOGINS_PER_ACCOUNT = 4;

/** Where a browser would go next from this response, resolved against the page's own URL. */
function destinations(response: HttpResponse, origin: string): string[] {
  const found: string[] = [];
  if (response.status >= 300 && response.status < 400 && typeof response.headers.location === 'string')
    found.push(response.headers.location);
  const actionRedirect = response.headers['x-action-redirect'];
  if (typeof actionRedirect === 'string') found.push(actionRedirect.replace(/;(push|replace)$/, ''));
  // A redirect thrown after the page started streaming becomes a meta refresh in the HTML.
  for (const match of response.text.matchAll(/http-equiv="refresh" content="\d+;\s*url=([^"]*)"/gi))
    found.push(decodeHtml(match[1]!));
  return found.map((location) => new URL(location, `${origin}/login`).href);
}

function decodeHtml(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
}

/** The value the sign-in form will post back as `redirect`. */
function hiddenRedirect(response: HttpResponse): string | null {
  const match = /<input[^>]*name="redirect"[^>]*value="([^"]*)"/.exec(response.text);
  return match ? decodeHtml(match[1]!) : null;
}

function onSite(url: string, origin: string): boolean {
  return new URL(url, `${origin}/login`).origin === origin;
}

/** The query string forms a link can carry the value in: encoded, and raw where HTTP allows it. */
function queries(candidate: string): [string, string][] {
  const forms: [string, string][] = [['encoded', `redirect=${encodeURIComponent(candidate)}`]];
  if (/^[\x21-\x7e]*$/.test(candidate) && !/[#&+]/.test(candidate)) forms.push(['raw', `redirect=${candidate}`]);
  return forms;
}

const label = (candidate: string) => JSON.stringify(candidate).slice(0, 60);

describe('open redirect', () => {
  const ledger = new Ledger('Open redirect');

  it('sends a signed-in user only to paths on this site, whatever ?redirect= says', async () => {
    const { b, origin } = context();
    const bob = clientFor(b, '127.0.0.9');
    const control = await bob.request('/login?redirect=%2Fpets%2Fnew');
    expect(destinations(control, origin), 'a signed-in user is sent on at once').toEqual([`${origin}/pets/new`]);
    for (const candidate of REDIRECT_BYPASSES) {
      for (const [form, query] of queries(candidate)) {
        const response = await bob.request(`/login?${query}`);
        const targets = destinations(response, origin);
        ledger.attempt(
          `signed in, GET /login?redirect=${label(candidate)} (${form}) → ${response.status} ${targets.join(' ')}`,
          targets.length > 0 && targets.every((target) => onSite(target, origin)),
          response,
        );
      }
    }
  });

  it('gives a visitor’s sign-in form only a path on this site to post back', async () => {
    const { origin } = context();
    const visitor = clientFor(null, '127.0.0.9');
    for (const candidate of REDIRECT_BYPASSES) {
      const response = await visitor.request(`/login?redirect=${encodeURIComponent(candidate)}`);
      const value = hiddenRedirect(response);
      ledger.attempt(
        `visitor, form field for ${label(candidate)} → ${JSON.stringify(value)}`,
        response.status === 200 && value !== null && onSite(value, origin) && !value.includes(OFF_SITE_HOST),
        response,
      );
    }
  });

  it('makes the login action redirect only to this site', async () => {
    const { origin } = context();
    let account: { email: string; password: string } | undefined;
    let client: HttpClient | undefined;
    for (const [index, candidate] of REDIRECT_BYPASSES.entries()) {
      // A fresh account and source address every few logins: the rate limits are not under test.
      if (index % LOGINS_PER_ACCOUNT === 0) {
        const address = `127.0.1.${10 + index / LOGINS_PER_ACCOUNT}`;
        account = await registerOverHttp(
          clientFor(null, address),
          { register: actionId('register'), getCurrentUser: actionId('getCurrentUser') },
          'redirect',
        );
        client = clientFor(null, address);
      }
      const call = await client!.form(
        actionId('login'),
        { email: account!.email, password: account!.password, redirect: candidate },
        { path: '/login' },
      );
      const target = call.outcome.kind === 'redirected' ? call.outcome.location : null;
      ledger.attempt(
        `login action with redirect ${label(candidate)} → ${target ?? call.outcome.kind}`,
        target !== null && onSite(target, origin),
        call.response,
      );
    }
  });
});
