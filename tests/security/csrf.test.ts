// Cross-site request forgery: B's own session, an action posted from a foreign origin (fetch-style
// and as a no-JavaScript form post). Next refuses an Origin that differs from the Host; the
// session cookie is SameSite=Lax, so a browser would not even send it cross-site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionId, clientFor, closeDbPool, context, Ledger, petRows, petsSnapshot, UUID_RE } from './support/harness';
import type { HttpClient, HttpResponse } from '../support/http';
import { hiddenFieldsOf, postNoJsForm } from '../support/no-js-form';

const VALID = { name: 'Csrf target', category: 'Dog', birthday: '2020-02-02', gender: 'male', timezone: 'UTC' };
let bob: HttpClient;

async function createBobPet(): Promise<string> {
  const { outcome } = await bob.form(actionId('createPet'), VALID, { path: '/pets/new' });
  const id = outcome.kind === 'redirected' ? new URL(outcome.location, 'http://x').searchParams.get('created') : null;
  expect(id).toMatch(UUID_RE);
  return id!;
}

/** Deleting `petId` as the confirmation page's form does without JavaScript: its own hidden fields
 * (the action reference React renders), posted as multipart to the page. */
async function noJsDelete(
  client: HttpClient,
  petId: string,
  headers: Record<string, string | undefined>,
): Promise<HttpResponse> {
  const page = `/pets/${petId}/delete`;
  return postNoJsForm(client, page, await hiddenFieldsOf(client, page, 'name="id"'), headers);
}

beforeAll(() => {
  bob = clientFor(context().b, '127.0.0.5');
});
afterAll(closeDbPool);

describe('CSRF', () => {
  const ledger = new Ledger('CSRF');
  const foreignOrigins = [
    'https://evil.example',
    'null',
    'http://localhost.evil.example',
    'http://evil.example:80',
    'http://127.0.0.1',
  ];

  it('refuses actions posted from a foreign origin and changes nothing', async () => {
    const target = await createBobPet();
    for (const origin of foreignOrigins) {
      const before = await petsSnapshot();
      const create = await bob.form(
        actionId('createPet'),
        { ...VALID, name: 'Forged' },
        { path: '/pets/new', headers: { origin } },
      );
      const remove = await bob.form(actionId('deletePet'), { id: target }, { headers: { origin } });
      const update = await bob.form(
        actionId('updatePet'),
        { id: target, name: 'Forged rename' },
        { headers: { origin, referer: `${origin}/attack` } },
      );
      const logout = await bob.action(actionId('logout'), [], { headers: { origin } });
      const mpa = await noJsDelete(bob, target, { origin });
      const unchanged = (await petsSnapshot()) === before;
      for (const [label, call] of [
        ['createPet', create],
        ['deletePet', remove],
        ['updatePet', update],
        ['logout', logout],
      ] as const) {
        ledger.attempt(
          `Origin ${origin}: ${label} → ${call.response.status} ${call.outcome.kind}`,
          call.outcome.kind === 'error' && unchanged,
          call.response,
        );
      }
      ledger.attempt(
        `Origin ${origin}: no-JS form post deletePet → ${mpa.status}`,
        mpa.status >= 400 && unchanged,
        mpa,
      );
      expect(unchanged, `Origin ${origin} changed the database`).toBe(true);
    }
    // B is still signed in (the forged logout did nothing).
    const me = await bob.action(actionId('getCurrentUser'), []);
    expect(me.outcome).toMatchObject({ kind: 'returned', value: { id: context().b.userId } });
  });

  it('control: the same no-JS form post from the right origin works (the attack is real, not mis-encoded)', async () => {
    const target = await createBobPet();
    const response = await noJsDelete(bob, target, { origin: bob.origin });
    expect(response.status, response.text.slice(0, 200)).toBe(303);
    expect((await petRows(context().b.userId)).some((pet) => pet.id === target)).toBe(false);
  });

  it('a post with no Origin that is marked cross-site or comes with a foreign Referer is refused', async () => {
    // Next lets a Server Action without Origin through; src/proxy.ts refuses those the browser
    // marks as cross-site (Sec-Fetch-Site) or whose Referer is another site.
    for (const headers of [
      { origin: undefined, referer: 'https://evil.example/attack' },
      { origin: undefined, 'sec-fetch-site': 'cross-site' },
    ]) {
      const target = await createBobPet();
      const remove = await bob.form(actionId('deletePet'), { id: target }, { headers });
      const stillThere = (await petRows(context().b.userId)).some((pet) => pet.id === target);
      ledger.attempt(
        `no Origin, ${Object.keys(headers)
          .filter((name) => name !== 'origin')
          .join('+')} foreign: deletePet → ${remove.outcome.kind}`,
        stillThere,
        remove.response,
      );
      expect(stillThere, `no Origin with ${JSON.stringify(headers)} deleted the pet`).toBe(true);
    }
  });
});
