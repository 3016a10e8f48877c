// Proxy (middleware) bypass regressions: protected pages requested without a session (or with a
// forged cookie, or as B for A's pets) with the headers and URL forms that skipped middleware in
// past Next.js advisories. The proxy is only an optimistic redirect: the pages check the session
// themselves, so whatever the proxy does, no pet data may be in the body.
import { beforeAll, describe as suite, expect, it } from 'vitest';
import { actionId, clientFor, context, leaksIn, Ledger, secretsOfA, UUID_RE } from './support/harness';
import type { HttpClient, HttpResponse } from '../support/http';

const SUBREQUEST = (name: string) => Array.from({ length: 5 }, () => name).join(':');
const TREE = encodeURIComponent(
  JSON.stringify(['', { children: ['pets', { children: ['__PAGE__', {}] }] }, null, null, true]),
);

const VARIANTS: [string, Record<string, string>, (path: string) => string][] = [
  ['plain', {}, (p) => p],
  ['x-middleware-subrequest middleware×5', { 'x-middleware-subrequest': SUBREQUEST('middleware') }, (p) => p],
  ['x-middleware-subrequest src/middleware×5', { 'x-middleware-subrequest': SUBREQUEST('src/middleware') }, (p) => p],
  ['x-middleware-subrequest proxy×5', { 'x-middleware-subrequest': SUBREQUEST('proxy') }, (p) => p],
  ['x-middleware-subrequest src/proxy×5', { 'x-middleware-subrequest': SUBREQUEST('src/proxy') }, (p) => p],
  ['.rsc suffix', {}, (p) => `${p}.rsc`],
  ['?_rsc=1', {}, (p) => `${p}?_rsc=1`],
  ['RSC: 1', { rsc: '1' }, (p) => p],
  ['RSC + Next-Router-Prefetch', { rsc: '1', 'next-router-prefetch': '1' }, (p) => p],
  ['RSC + Next-Router-State-Tree', { rsc: '1', 'next-router-state-tree': TREE }, (p) => p],
  [
    'RSC + segment prefetch',
    { rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/_tree' },
    (p) => p,
  ],
  ['x-nextjs-data', { 'x-nextjs-data': '1' }, (p) => p],
  ['x-matched-path /login', { 'x-matched-path': '/login', 'x-invoke-path': '/login' }, (p) => p],
  ['trailing slash', {}, (p) => `${p}/`],
  ['double slash', {}, (p) => `/${p}`],
  ['upper-case path', {}, (p) => p.replace('/pets', '/PETS')],
  ['encoded path', {}, (p) => p.replace('/pets', '/%70ets')],
  ['HEAD-less GET with Next-Action header', { 'next-action': 'x' }, (p) => p],
];

let bobPetName: string;

beforeAll(async () => {
  const bob = clientFor(context().b, '127.0.0.6');
  bobPetName = `Bq${Math.random().toString(36).slice(2, 12)}`;
  const { outcome } = await bob.form(
    actionId('createPet'),
    { name: bobPetName, category: 'Bird', birthday: '2021-01-01', gender: 'other' },
    { path: '/pets/new' },
  );
  expect(outcome.kind).toBe('redirected');
  const id = outcome.kind === 'redirected' ? new URL(outcome.location, 'http://x').searchParams.get('created') : null;
  expect(id).toMatch(UUID_RE);
});

function redirectsToLogin(response: HttpResponse): boolean {
  const location = String(response.headers.location ?? '');
  return (
    (response.status >= 300 && response.status < 400 && /\/login(\?|$)/.test(location)) ||
    /NEXT_REDIRECT[^"]*\/login/.test(response.text)
  );
}

/** What the body is, for the report: a sign-in redirect, a 404, a page, or something else. */
function describe(response: HttpResponse): string {
  if (redirectsToLogin(response)) return '(to /login)';
  if (/Page not found|NEXT_HTTP_ERROR_FALLBACK;404/.test(response.text)) return '(not found)';
  if (response.status >= 300 && response.status < 400)
    return `(to ${String(response.headers.location ?? '?').replace(/[0-9a-f-]{36}/g, '<id>')})`;
  return `(${String(response.headers['content-type'] ?? '').split(';')[0]}, ${response.body.length} bytes)`;
}

suite('proxy bypass', () => {
  const ledger = new Ledger('Proxy bypass');

  it('never shows pet data to a visitor without a valid session, nor A’s pets to B', async () => {
    const { a, b } = context();
    const petA = a.pets[0]!;
    const paths = ['/pets', `/pets/${petA.id}`, '/pets/new', `/pets/${petA.id}/edit`, `/pets/${petA.id}/delete`];
    const identities: [string, HttpClient, string[]][] = [
      ['no session', clientFor(null, '127.0.0.6'), [...secretsOfA(), bobPetName, b.userId]],
      ['forged cookie', Object.assign(clientFor(null, '127.0.0.6'), {}), [...secretsOfA(), bobPetName, b.userId]],
      ['B', clientFor(b, '127.0.0.6'), secretsOfA()],
    ];
    identities[1]![1].jar.set('better-auth.session_token', 'forged.c2lnbmF0dXJl');
    for (const [who, client, secrets] of identities) {
      for (const pagePath of paths) {
        for (const [variant, headers, shape] of VARIANTS) {
          const response = await client.request(shape(pagePath), { headers });
          // Refused: redirected to sign in, not found, or an empty shell — never the page with data.
          const refused =
            leaksIn(response, secrets).length === 0 &&
            (who === 'B' ||
              response.status !== 200 ||
              redirectsToLogin(response) ||
              !response.text.includes('Log out'));
          ledger.attempt(
            `${who} GET ${shape(pagePath).replace(petA.id, '<A-id>')} [${variant}] → ${response.status} ${describe(response)}`,
            refused,
            response,
            { secrets },
          );
        }
      }
    }
  });
});
