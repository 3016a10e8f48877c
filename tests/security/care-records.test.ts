// Care records attacked over HTTP against the production build: every vaccination and vet visit
// action without a session, and with B's session given A's pet and record ids in every combination
// (forged FormData), malformed ids and smuggled owner fields; and B opening A's care pages. Each
// must be refused with the "not found" answer (or the sign-in redirect), change nothing, and show
// nothing of A's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionId, clientFor, closeDbPool, context, db, Ledger, UUID_RE } from './support/harness';
import type { ActionOutcome, HttpClient } from '../support/http';

const VACCINATION = { vaccine: 'Rabies', givenOn: '2025-03-03', nextDueInterval: '1y', clinic: 'Town Vets' };
const VISIT = { visitedOn: '2025-03-03', reason: 'Check-up', cost: '45.50' };

type Kind = {
  label: string;
  path: string;
  table: 'vaccinations' | 'vet_visits';
  fields: Record<string, string>;
  actions: { create: string; update: string; remove: string };
  notFound: string;
};

const KINDS: Kind[] = [
  {
    label: 'vaccination',
    path: 'vaccinations',
    table: 'vaccinations',
    fields: VACCINATION,
    actions: { create: 'createVaccination', update: 'updateVaccination', remove: 'deleteVaccination' },
    notFound: 'Vaccination not found',
  },
  {
    label: 'vet visit',
    path: 'visits',
    table: 'vet_visits',
    fields: VISIT,
    actions: { create: 'createVetVisit', update: 'updateVetVisit', remove: 'deleteVetVisit' },
    notFound: 'Vet visit not found',
  },
];

const returnedMessage = (outcome: ActionOutcome, message: string) =>
  outcome.kind === 'returned' &&
  (outcome.value as { success?: boolean; message?: string } | null)?.success === false &&
  (outcome.value as { message: string }).message === message;
const isLoginRedirect = (outcome: ActionOutcome) =>
  outcome.kind === 'redirected' && outcome.location.startsWith('/login');

async function careSnapshot(): Promise<string> {
  const tables = await Promise.all(
    KINDS.map(async ({ table }) => (await db().query(`select * from ${table} order by id`)).rows),
  );
  return JSON.stringify(tables);
}

/** Adds a record through the action over HTTP; its id (read back as the admin role). */
async function addRecord(client: HttpClient, kind: Kind, petId: string): Promise<string> {
  const before = await db().query(`select id from ${kind.table} where pet_id = $1`, [petId]);
  const { outcome } = await client.form(actionId(kind.actions.create), { petId, ...kind.fields });
  expect(outcome, JSON.stringify(outcome)).toEqual({ kind: 'redirected', location: expect.stringContaining(petId) });
  const after = await db().query(`select id from ${kind.table} where pet_id = $1`, [petId]);
  const known = new Set(before.rows.map((row) => row.id as string));
  const id = after.rows.map((row) => row.id as string).find((candidate) => !known.has(candidate));
  expect(id).toMatch(UUID_RE);
  return id!;
}

let alice: HttpClient;
let bob: HttpClient;
let anonymous: HttpClient;
let alicePet: string;
let bobPet: string;
const aliceRecords = new Map<string, string>();
const bobRecords = new Map<string, string>();

beforeAll(async () => {
  const { a, b } = context();
  alice = clientFor(a, '127.0.0.4');
  bob = clientFor(b, '127.0.0.4');
  anonymous = clientFor(null, '127.0.0.4');
  alicePet = a.pets[0]!.id;
  const { outcome } = await bob.form(
    actionId('createPet'),
    { name: 'Bobs care pet', category: 'Dog', birthday: '2020-02-02', gender: 'male', timezone: 'UTC' },
    { path: '/pets/new' },
  );
  bobPet = new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
  for (const kind of KINDS) {
    aliceRecords.set(kind.table, await addRecord(alice, kind, alicePet));
    bobRecords.set(kind.table, await addRecord(bob, kind, bobPet));
  }
});

afterAll(closeDbPool);

describe('care record actions', () => {
  const ledger = new Ledger('Care records');

  it('refuses every care action without a session, and changes nothing', async () => {
    const before = await careSnapshot();
    for (const kind of KINDS) {
      const id = aliceRecords.get(kind.table)!;
      for (const [action, fields] of [
        [kind.actions.create, { petId: alicePet, ...kind.fields }],
        [kind.actions.update, { petId: alicePet, id, ...kind.fields }],
        [kind.actions.remove, { petId: alicePet, id }],
      ] as const) {
        const { response, outcome } = await anonymous.form(actionId(action), fields);
        ledger.attempt(
          `no session: ${action} → ${JSON.stringify(outcome).slice(0, 80)}`,
          isLoginRedirect(outcome),
          response,
        );
      }
    }
    expect(await careSnapshot()).toBe(before);
  });

  it("refuses B's forged FormData with A's pet and record ids, and malformed ids", async () => {
    const before = await careSnapshot();
    const malformed = ['x', "' or 1=1--", `${alicePet}' or '1'='1`, 'a'.repeat(10_000), '%', ` ${alicePet}`];
    for (const kind of KINDS) {
      const [aliceId, bobId] = [aliceRecords.get(kind.table)!, bobRecords.get(kind.table)!];
      const { create, update, remove } = kind.actions;
      const cases: [string, string, Record<string, string>, string][] = [
        ['create on A’s pet', create, { petId: alicePet, ...kind.fields }, 'Pet not found'],
        ['create on an unknown pet', create, { petId: randomUUID(), ...kind.fields }, 'Pet not found'],
        ['update A’s record on A’s pet', update, { petId: alicePet, id: aliceId, ...kind.fields }, kind.notFound],
        ['update A’s record through B’s pet', update, { petId: bobPet, id: aliceId, ...kind.fields }, kind.notFound],
        ['update B’s record onto A’s pet', update, { petId: alicePet, id: bobId, ...kind.fields }, kind.notFound],
        ['delete A’s record on A’s pet', remove, { petId: alicePet, id: aliceId }, kind.notFound],
        ['delete A’s record through B’s pet', remove, { petId: bobPet, id: aliceId }, kind.notFound],
        ['delete with A’s pet and B’s record', remove, { petId: alicePet, id: bobId }, kind.notFound],
      ];
      for (const bad of malformed) {
        cases.push([`create petId=${bad.slice(0, 20)}`, create, { petId: bad, ...kind.fields }, 'Pet not found']);
        cases.push([
          `update id=${bad.slice(0, 20)}`,
          update,
          { petId: bobPet, id: bad, ...kind.fields },
          kind.notFound,
        ]);
        cases.push([`delete id=${bad.slice(0, 20)}`, remove, { petId: bobPet, id: bad }, kind.notFound]);
      }
      for (const [label, action, fields, message] of cases) {
        const { response, outcome } = await bob.form(actionId(action), fields);
        ledger.attempt(
          `B ${kind.label}: ${label} → ${JSON.stringify(outcome).slice(0, 80)}`,
          returnedMessage(outcome, message),
          response,
        );
      }
    }
    expect(await careSnapshot()).toBe(before);
  });

  it("ignores smuggled owner fields: B's own record stays on B's pet, entered by B", async () => {
    const { a, b } = context();
    for (const kind of KINDS) {
      const bobId = bobRecords.get(kind.table)!;
      // Smuggled owner fields on B's own record: read by no schema, so the record stays B's.
      const smuggled = await bob.form(actionId(kind.actions.update), {
        petId: bobPet,
        id: bobId,
        ...kind.fields,
        pet_id: alicePet,
        createdBy: a.userId,
        created_by: a.userId,
        userId: a.userId,
      });
      expect(smuggled.outcome.kind).toBe('redirected');
      const { rows } = await db().query(`select pet_id, created_by from ${kind.table} where id = $1`, [bobId]);
      ledger.attempt(
        `B ${kind.label}: smuggled pet_id/createdBy/userId on own record`,
        rows[0]?.pet_id === bobPet && rows[0]?.created_by === b.userId,
        smuggled.response,
      );
    }
  });

  it("answers B's requests for A's care pages with the 404 page, and none of A's data", async () => {
    for (const kind of KINDS) {
      const id = aliceRecords.get(kind.table)!;
      for (const page of [
        // The page with every record of the kind (the pet page lists the newest only).
        `/pets/${alicePet}/${kind.path}`,
        `/pets/${alicePet}/${kind.path}/new`,
        `/pets/${alicePet}/${kind.path}/${id}/edit`,
        `/pets/${alicePet}/${kind.path}/${id}/delete`,
        `/pets/${bobPet}/${kind.path}/${id}/edit`,
        `/pets/${bobPet}/${kind.path}/${id}/delete`,
      ]) {
        const response = await bob.request(page);
        ledger.attempt(
          `B GET ${page.replace(alicePet, '<A pet>').replace(id, '<A record>')} → ${response.status}`,
          response.status === 404,
          response,
          {
            secrets: [alicePet, id, context().a.pets[0]!.name, kind.fields.clinic ?? 'Town Vets'].filter(Boolean),
          },
        );
      }
    }
  });
});
