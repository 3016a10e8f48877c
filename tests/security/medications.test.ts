// Medications attacked over HTTP against the production build: B's session with forged FormData
// naming A's pet, A's medication and A's doses through every medication action (create, update,
// delete, markDose including its undo), malformed ids, and every medication page of A's. Each must answer
// "not found" (a 404 page for routes), change nothing in either table, and show nothing of A's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionId as petActionId,
  clientFor,
  closeDbPool,
  context,
  db,
  Ledger,
  returnedMessage,
  UUID_RE,
} from './support/harness';
import type { ActionCall, HttpClient } from '../support/http';

const MEDICATION_ACTIONS = ['createMedication', 'updateMedication', 'deleteMedication', 'markDose'];

/** Every medication action's id, from the build's manifest (only the contract's are named in the context). */
function medicationActionId(name: string): string {
  const entry = Object.entries(context().allActions).find(([key]) => key === `src/actions/medications.ts#${name}`);
  if (!entry) throw new Error(`the build exposes no medication action ${name}`);
  return entry[1];
}

const today = () => new Date().toISOString().slice(0, 10);
const tenDaysAgo = () => new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
const todaysDose = () => `${today()}T00:00:00.000Z`;
const DAILY = {
  kind: 'medication',
  name: 'A secret medicine',
  dose: '1 tablet',
  schedule: 'every-n-days',
  intervalDays: '1',
  startDate: tenDaysAgo(),
  endDate: '',
  timeOfDay: '00:00',
  notes: 'A private note',
};

let alice: HttpClient;
let bob: HttpClient;
let alicePet: string;
let bobPet: string;
let aliceMedication: string;

async function snapshot(): Promise<string> {
  const medications = await db().query('select * from medications order by id');
  const doses = await db().query('select * from medication_doses order by id');
  return JSON.stringify([medications.rows, doses.rows]);
}

async function petOf(client: HttpClient, name: string): Promise<string> {
  const { outcome } = await client.form(
    petActionId('createPet'),
    { name, category: 'Dog', birthday: '2020-02-02', gender: 'male', timezone: 'UTC' },
    { path: '/pets/new' },
  );
  const id = new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created');
  expect(id).toMatch(UUID_RE);
  return id!;
}

beforeAll(async () => {
  const { a, b } = context();
  alice = clientFor(a, '127.0.0.5');
  bob = clientFor(b, '127.0.0.6');
  alicePet = a.pets[0]!.id;
  bobPet = await petOf(bob, 'Bobs medicated pet');
  const { outcome } = await alice.form(
    medicationActionId('createMedication'),
    { ...DAILY, petId: alicePet },
    { path: `/pets/${alicePet}/medications/new` },
  );
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind: 'redirected' });
  const { rows } = await db().query<{ id: string }>('select id from medications where pet_id = $1', [alicePet]);
  aliceMedication = rows[0]!.id;
  const marked = await alice.form(medicationActionId('markDose'), {
    petId: alicePet,
    medicationId: aliceMedication,
    scheduledAt: todaysDose(),
    status: 'given',
  });
  expect(marked.outcome).toMatchObject({ kind: 'returned', value: { success: true } });
});

afterAll(closeDbPool);

describe('medications', () => {
  const ledger = new Ledger('Medications: B with forged ids');
  const secrets = () => [aliceMedication, DAILY.name, DAILY.notes, alicePet, context().a.email];

  it('refuses every medication action on A’s pet, medication and doses, and changes nothing', async () => {
    const before = await snapshot();
    const forged = [aliceMedication, randomUUID(), 'not-a-uuid', aliceMedication.toUpperCase(), "' or 1=1 --"];
    const checks: [string, Promise<ActionCall>, string][] = [
      ...[alicePet, randomUUID(), 'not-a-uuid'].map((petId): [string, Promise<ActionCall>, string] => [
        `createMedication on pet ${petId}`,
        bob.form(medicationActionId('createMedication'), { ...DAILY, petId, submissionId: randomUUID() }),
        'Pet not found',
      ]),
      ...forged.flatMap((id) =>
        [alicePet, bobPet].flatMap((petId): [string, Promise<ActionCall>, string][] => [
          [
            `updateMedication ${id} via pet ${petId}`,
            bob.form(medicationActionId('updateMedication'), { ...DAILY, name: 'Hacked', petId, id }),
            'Medication not found',
          ],
          [
            `deleteMedication ${id} via pet ${petId}`,
            bob.form(medicationActionId('deleteMedication'), { petId, id }),
            'Medication not found',
          ],
          [
            `markDose ${id} via pet ${petId}`,
            bob.form(medicationActionId('markDose'), {
              petId,
              medicationId: id,
              scheduledAt: todaysDose(),
              status: 'skipped',
            }),
            'Medication not found',
          ],
        ]),
      ),
    ];
    for (const [label, pending, message] of checks) {
      const { response, outcome } = await pending;
      ledger.attempt(
        `B ${label} → ${JSON.stringify(outcome).slice(0, 100)}`,
        returnedMessage(outcome, message),
        response,
        {
          secrets: secrets(),
        },
      );
    }
    // Undo of A's mark, through her pet and through his.
    for (const petId of [alicePet, bobPet]) {
      const { response, outcome } = await bob.form(medicationActionId('markDose'), {
        status: 'undo',
        petId,
        medicationId: aliceMedication,
        scheduledAt: todaysDose(),
      });
      ledger.attempt(
        `B undo of A's mark via pet ${petId}`,
        outcome.kind === 'returned' && (outcome.value as { success: boolean }).success === false,
        response,
        { secrets: secrets() },
      );
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers every medication page of A’s with the 404 page', async () => {
    const paths = [
      `/pets/${alicePet}/medications/new`,
      `/pets/${alicePet}/medications/${aliceMedication}`,
      `/pets/${alicePet}/medications/${aliceMedication}/edit`,
      `/pets/${alicePet}/medications/${aliceMedication}/delete`,
      `/pets/${bobPet}/medications/${aliceMedication}`,
      `/pets/${bobPet}/medications/${aliceMedication}/edit`,
      `/pets/${bobPet}/medications/${aliceMedication}/delete`,
      `/pets/${bobPet}/medications/not-a-uuid/edit`,
    ];
    for (const path of paths) {
      const response = await bob.request(path);
      ledger.attempt(`B GET ${path} → ${response.status}`, response.status === 404, response, { secrets: secrets() });
    }
  });

  it('lists every medication action among those it attacks', () => {
    const exposed = Object.keys(context().allActions)
      .filter((key) => key.startsWith('src/actions/medications.ts#'))
      .map((key) => key.split('#')[1])
      .sort();
    expect(exposed).toEqual([...MEDICATION_ACTIONS].sort());
  });
});
