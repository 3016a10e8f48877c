// Weight records attacked over HTTP against the production build: forged FormData through every weight
// action with B's session and A's pet and record ids (and malformed ones, and smuggled owner fields),
// the same without a session, and B opening A's weight pages. Each is refused as "not found" or a
// 404, changes no stored weighing, and shows nothing of A's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionCall, ActionOutcome, HttpClient } from '../support/http';
import { clientFor, closeDbPool, context, db, Ledger, UUID_RE } from './support/harness';

const NOT_FOUND = 'Weight record not found';
const WEIGHING = { date: '2026-11-02', weight: '12.8', note: 'A private note of alice' };

const weightAction = (name: 'createWeight' | 'updateWeight' | 'deleteWeight') => {
  const id = context().allActions[`src/actions/weight.ts#${name}`];
  if (!id) throw new Error(`the build exposes no ${name}`);
  return id;
};

/** Every stored weighing, as the superuser sees it: what no attack may change. */
async function weightsSnapshot(): Promise<string> {
  const { rows } = await db().query(
    `select id, pet_id, created_by, weighed_on::text, grams, note, updated_at from weight_records order by id`,
  );
  return JSON.stringify(rows);
}

const returnedMessage = (outcome: ActionOutcome, message: string) =>
  outcome.kind === 'returned' &&
  (outcome.value as { success?: boolean; message?: string } | null)?.success === false &&
  (outcome.value as { message: string }).message === message;
const isLoginRedirect = (outcome: ActionOutcome) =>
  outcome.kind === 'redirected' && outcome.location.startsWith('/login');
/** A refusal that says nothing of A's: "not found", or the form's own validation of what B sent. */
const refusedPlainly = (outcome: ActionOutcome) =>
  returnedMessage(outcome, NOT_FOUND) || returnedMessage(outcome, 'Validation failed');

let alice: HttpClient;
let bob: HttpClient;
let anonymous: HttpClient;
let alicePet: string;
let aliceWeight: string;
let bobPet: string;
let bobWeight: string;

/** Adds a weighing through the action over HTTP; returns the id of the newest weighing of the pet. */
async function weighOverHttp(client: HttpClient, petId: string): Promise<string> {
  const { outcome } = await client.form(
    weightAction('createWeight'),
    { petId, submissionId: randomUUID(), ...WEIGHING },
    { path: `/pets/${petId}/weight/new` },
  );
  expect(outcome, JSON.stringify(outcome)).toEqual({
    kind: 'redirected',
    location: `/pets/${petId}?care=weight-added#weight`,
  });
  const { rows } = await db().query<{ id: string }>(
    `select id from weight_records where pet_id = $1 order by created_at desc limit 1`,
    [petId],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  const { a, b } = context();
  alice = clientFor(a, '127.0.0.4');
  bob = clientFor(b, '127.0.0.4');
  anonymous = clientFor(null, '127.0.0.4');
  alicePet = a.pets[0]!.id;
  aliceWeight = await weighOverHttp(alice, alicePet);
  const { rows } = await db().query<{ id: string }>(`select id from pets where user_id = $1 limit 1`, [b.userId]);
  bobPet =
    rows[0]?.id ??
    (await (async () => {
      const { outcome } = await bob.form(
        context().actionIds.createPet!,
        { name: 'Bobs dog', category: 'Dog', birthday: '2020-02-02', gender: 'male', timezone: 'UTC' },
        { path: '/pets/new' },
      );
      return new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
    })());
  expect(bobPet).toMatch(UUID_RE);
  bobWeight = await weighOverHttp(bob, bobPet);
});

afterAll(closeDbPool);

describe('weight actions with forged FormData', () => {
  const ledger = new Ledger('Weight records: forged FormData');

  it("B's session cannot add to, change or delete A's weighings, however the ids are dressed", async () => {
    const before = await weightsSnapshot();
    const { a } = context();
    const form = (name: 'createWeight' | 'updateWeight' | 'deleteWeight', fields: [string, string][]) =>
      bob.form(weightAction(name), fields, { path: `/pets/${bobPet}` });
    const change = Object.entries({ date: '2026-11-05', weight: '1', note: 'taken over' });
    const malformed = [
      `${alicePet}' or '1'='1`,
      `${alicePet.toUpperCase()} `,
      '../' + alicePet,
      'x'.repeat(5000),
      '00000000-0000-0000-0000-000000000000',
      '',
    ];
    const cases: [string, Promise<ActionCall>][] = [
      ['createWeight on A’s pet', form('createWeight', [['petId', alicePet], ...Object.entries(WEIGHING)])],
      [
        'createWeight on A’s pet with a submissionId and owner fields',
        form('createWeight', [
          ['petId', alicePet],
          ['submissionId', randomUUID()],
          ['createdBy', context().b.userId],
          ['userId', a.userId],
          ['pet_id', alicePet],
          ...Object.entries(WEIGHING),
        ]),
      ],
      [
        'createWeight, petId twice (B’s first, then A’s)',
        form('createWeight', [['petId', 'nope'], ['petId', alicePet], ...Object.entries(WEIGHING)]),
      ],
      [
        'updateWeight of A’s record under A’s pet',
        form('updateWeight', [['petId', alicePet], ['id', aliceWeight], ...change]),
      ],
      [
        'updateWeight of A’s record under B’s pet',
        form('updateWeight', [['petId', bobPet], ['id', aliceWeight], ...change]),
      ],
      [
        'updateWeight of B’s record moved to A’s pet',
        form('updateWeight', [['petId', alicePet], ['id', bobWeight], ...change]),
      ],
      [
        'deleteWeight of A’s record under A’s pet',
        form('deleteWeight', [
          ['petId', alicePet],
          ['id', aliceWeight],
        ]),
      ],
      [
        'deleteWeight of A’s record under B’s pet',
        form('deleteWeight', [
          ['petId', bobPet],
          ['id', aliceWeight],
        ]),
      ],
      ...malformed.flatMap((bad): [string, ReturnType<typeof form>][] => [
        [`createWeight petId=${bad.slice(0, 30)}`, form('createWeight', [['petId', bad], ...Object.entries(WEIGHING)])],
        [`updateWeight id=${bad.slice(0, 30)}`, form('updateWeight', [['petId', alicePet], ['id', bad], ...change])],
        [
          `deleteWeight id=${bad.slice(0, 30)}`,
          form('deleteWeight', [
            ['petId', bad],
            ['id', bad],
          ]),
        ],
      ]),
    ];
    for (const [label, pending] of cases) {
      const { response, outcome } = await pending;
      ledger.attempt(`${label} → ${JSON.stringify(outcome).slice(0, 100)}`, refusedPlainly(outcome), response);
    }
    // Not a form at all: an object, a string, nothing (an action id can be called with any arguments).
    for (const name of ['createWeight', 'updateWeight', 'deleteWeight'] as const) {
      for (const args of [[], [{ petId: alicePet, id: aliceWeight }], [null, `petId=${alicePet}&id=${aliceWeight}`]]) {
        const { response, outcome } = await bob.action(weightAction(name), args, { path: `/pets/${bobPet}` });
        ledger.attempt(
          `${name}(${JSON.stringify(args).slice(0, 60)}) → ${JSON.stringify(outcome).slice(0, 80)}`,
          refusedPlainly(outcome) || (outcome.kind === 'error' && outcome.status < 500),
          response,
        );
      }
    }
    expect(await weightsSnapshot()).toBe(before);
  });

  it('without a session (or with a forged one) every weight action sends to /login and changes nothing', async () => {
    const before = await weightsSnapshot();
    for (const cookie of [undefined, 'better-auth.session_token=forged-token-value']) {
      const headers = { cookie };
      const calls = [
        anonymous.form(weightAction('createWeight'), { petId: alicePet, ...WEIGHING }, { path: '/pets', headers }),
        anonymous.form(
          weightAction('updateWeight'),
          { petId: alicePet, id: aliceWeight, ...WEIGHING, weight: '1' },
          { path: '/pets', headers },
        ),
        anonymous.form(weightAction('deleteWeight'), { petId: alicePet, id: aliceWeight }, { path: '/pets', headers }),
      ];
      for (const pending of calls) {
        const { response, outcome } = await pending;
        ledger.attempt(
          `${cookie ?? 'no session'} → ${JSON.stringify(outcome).slice(0, 80)}`,
          isLoginRedirect(outcome),
          response,
        );
      }
    }
    expect(await weightsSnapshot()).toBe(before);
  });
});

describe("A's weight pages", () => {
  const ledger = new Ledger('Weight records: pages of another account');

  it('are the same 404 for B as for a pet or record that does not exist', async () => {
    const paths = [
      `/pets/${alicePet}`,
      `/pets/${alicePet}/weight`,
      `/pets/${alicePet}/weight/new`,
      `/pets/${alicePet}/weight/${aliceWeight}/edit`,
      `/pets/${alicePet}/weight/${aliceWeight}/delete`,
      `/pets/${bobPet}/weight/${aliceWeight}/edit`,
      `/pets/${bobPet}/weight/${aliceWeight}/delete`,
      `/pets/${bobPet}/weight/not-a-uuid/edit`,
      `/pets/${randomUUID()}/weight`,
    ];
    for (const path of paths) {
      const response = await bob.request(path);
      ledger.attempt(`GET ${path} → ${response.status}`, response.status === 404, response, {
        secrets: [WEIGHING.note, aliceWeight],
      });
    }
    // B's own pages work, and show B's weighing.
    const own = await bob.request(`/pets/${bobPet}/weight`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('12.8 kg');
  });
});
