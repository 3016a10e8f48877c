// The vet visit actions and DAL against a real database: add (a booked visit ahead included), edit,
// delete, the cost stored as cents, bad dates and costs refused with their own message and nothing
// changed, duplicate submits, the limit per pet, foreign and malformed ids answered as not found,
// row-level security as another app_user, and a pet's deletion taking its visits with it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deletePet } from '@/actions/pets';
import { createVetVisit, deleteVetVisit, updateVetVisit } from '@/actions/visits';
import { listVetVisits } from '@/data/care/visits';
import { requireUser } from '@/data/session';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { todayIn } from '@/lib/dates';
import { addYears } from '@/lib/vaccinations';
import { fillWithRecords, petOf, storedRows } from '../support/care';
import { returned, type ActionOutcome } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const VALID = { visitedOn: '2026-03-03', reason: 'Annual check-up', clinic: 'Town Vets', cost: '45.50' };
const NOT_FOUND = { success: false, message: 'Vet visit not found' };

let alice: SignedInBrowser;
let bob: SignedInBrowser;
let alicePet: string;
let bobPet: string;

beforeAll(async () => {
  alice = await signedIn('visits');
  bob = await signedIn('visits');
  alicePet = await petOf(alice);
  bobPet = await petOf(bob, 'Tom', 'Cat');
});

async function added(browser: SignedInBrowser, petId: string, fields: Record<string, string> = VALID) {
  const before = (await storedRows('vet_visits', petId)).map((row) => row.id);
  const outcome = await browser.submit(createVetVisit, { petId, ...fields });
  expect(outcome).toEqual({ kind: 'redirected', location: `/pets/${petId}?care=visit-saved` });
  return String((await storedRows('vet_visits', petId)).find((row) => !before.includes(row.id))!.id);
}

function failed(outcome: ActionOutcome<unknown>) {
  const value = returned(outcome) as { success: boolean; message: string; errors?: Record<string, string[]> };
  expect(value.success).toBe(false);
  return value;
}

const listed = (browser: SignedInBrowser, petId: string) =>
  browser.call(async () => (await listVetVisits(await requireUser(), petId))?.records ?? null).then(returned);

describe('createVetVisit', () => {
  it('adds the visit with its cost in cents, entered by the signed-in user; a booked visit may be ahead', async () => {
    const id = await added(alice, alicePet, { ...VALID, notes: 'Weight fine.\nTeeth clean.' });
    const ahead = addYears(todayIn('UTC'), 1);
    const booked = await added(alice, alicePet, { visitedOn: ahead, reason: 'Dental cleaning' });
    const stored = await storedRows('vet_visits', alicePet);
    expect(stored.find((row) => row.id === id)).toMatchObject({ created_by: alice.userId, cost_cents: 4550 });
    const list = (await listed(alice, alicePet))!;
    expect(list[0]).toMatchObject({ id: booked, visitedOn: ahead, costCents: null, clinic: null });
    expect(list.find((visit) => visit.id === id)).toMatchObject({
      reason: 'Annual check-up',
      clinic: 'Town Vets',
      costCents: 4550,
      notes: 'Weight fine.\nTeeth clean.',
    });
  });

  it.each([
    ['0', 0],
    ['12', 1200],
    ['12.5', 1250],
    ['1000000', 100_000_000],
    [' 7.05 ', 705],
  ])('stores the cost %s as %i cents', async (cost, cents) => {
    const id = await added(alice, alicePet, { ...VALID, cost });
    expect((await storedRows('vet_visits', alicePet)).find((row) => row.id === id)?.cost_cents).toBe(cents);
  });

  it.each([
    [{ visitedOn: '' }, 'visitedOn', 'Date is required'],
    [{ visitedOn: '2026-02-30' }, 'visitedOn', 'Please enter a real date (YYYY-MM-DD)'],
    [{ visitedOn: addYears(todayIn('UTC'), 6) }, 'visitedOn', 'A visit can be at most 5 years ahead.'],
    [{ reason: ' ' }, 'reason', 'Reason is required'],
    [{ reason: 'r'.repeat(201) }, 'reason', 'Reason must be at most 200 characters'],
    [{ clinic: 'c'.repeat(201) }, 'clinic', 'Clinic must be at most 200 characters'],
    [{ notes: 'n'.repeat(4001) }, 'notes', 'Notes must be at most 4,000 characters'],
    [{ cost: '-5' }, 'cost', "The cost can't be negative."],
    [{ cost: '1000000.01' }, 'cost', "The cost can't be more than 1,000,000."],
    [{ cost: '99999999999999999999' }, 'cost', "The cost can't be more than 1,000,000."],
    [{ cost: '12.345' }, 'cost', 'Please enter the cost as a number, like 45 or 45.50'],
    [{ cost: '45,50' }, 'cost', 'Please enter the cost as a number, like 45 or 45.50'],
    [{ cost: 'NaN' }, 'cost', 'Please enter the cost as a number, like 45 or 45.50'],
  ])('refuses %o with "%s: %s", keeps what was typed and stores nothing', async (override, field, message) => {
    const before = await storedRows('vet_visits', alicePet);
    const fields = { ...VALID, ...override };
    const value = failed(await alice.submit(createVetVisit, { petId: alicePet, ...fields }));
    expect(value.errors?.[field]).toEqual([message]);
    expect((value as { values?: Record<string, string> }).values).toMatchObject(fields);
    expect(await storedRows('vet_visits', alicePet)).toEqual(before);
  });

  it('adds one visit for one form submitted twice (same submissionId)', async () => {
    const before = (await storedRows('vet_visits', alicePet)).length;
    const fields = { petId: alicePet, ...VALID, submissionId: crypto.randomUUID() };
    await Promise.all([alice.submit(createVetVisit, fields), alice.submit(createVetVisit, fields)]);
    expect((await storedRows('vet_visits', alicePet)).length).toBe(before + 1);
  });

  it("answers 'Pet not found' for another user's pet, an unknown one or no UUID, and stores nothing", async () => {
    for (const petId of [bobPet, crypto.randomUUID(), 'x'])
      expect(returned(await alice.submit(createVetVisit, { petId, ...VALID }))).toEqual({
        success: false,
        message: 'Pet not found',
      });
    expect(await storedRows('vet_visits', bobPet)).toEqual([]);
  });

  it('refuses the 1,001st visit of a pet with a clear message', async () => {
    const carol = await signedIn('visits-limit');
    const pet = await petOf(carol);
    await fillWithRecords('vet_visits', pet, 1000);
    expect(failed(await carol.submit(createVetVisit, { petId: pet, ...VALID })).message).toBe(
      'This pet already has 1,000 vet visits, the most one pet can have.',
    );
    expect((await storedRows('vet_visits', pet)).length).toBe(1000);
  });
});

describe('updateVetVisit and deleteVetVisit', () => {
  it('edit changes the fields (an emptied cost is none); delete removes the visit', async () => {
    const id = await added(alice, alicePet);
    expect(
      await alice.submit(updateVetVisit, { petId: alicePet, id, visitedOn: '2026-03-04', reason: 'Limping', cost: '' }),
    ).toEqual({ kind: 'redirected', location: `/pets/${alicePet}?care=visit-saved` });
    expect((await listed(alice, alicePet))!.find((visit) => visit.id === id)).toMatchObject({
      visitedOn: '2026-03-04',
      reason: 'Limping',
      clinic: null,
      costCents: null,
    });
    expect(await alice.submit(deleteVetVisit, { petId: alicePet, id })).toEqual({
      kind: 'redirected',
      location: `/pets/${alicePet}?care=visit-deleted`,
    });
    expect((await storedRows('vet_visits', alicePet)).some((row) => row.id === id)).toBe(false);
  });

  it('a bad cost on edit changes nothing', async () => {
    const id = await added(alice, alicePet);
    const before = await storedRows('vet_visits', alicePet);
    expect(failed(await alice.submit(updateVetVisit, { petId: alicePet, id, ...VALID, cost: '-1' })).errors).toEqual({
      cost: ["The cost can't be negative."],
    });
    expect(await storedRows('vet_visits', alicePet)).toEqual(before);
  });

  it("answers 'Vet visit not found' for another user's record or pet, another pet's record, or no UUID", async () => {
    const bobs = await added(bob, bobPet);
    const alices = await added(alice, alicePet);
    const otherPet = await petOf(alice, 'Second');
    const before = [await storedRows('vet_visits', alicePet), await storedRows('vet_visits', bobPet)];
    for (const [petId, id] of [
      [bobPet, bobs],
      [alicePet, bobs],
      [otherPet, alices],
      [alicePet, '1'],
    ]) {
      expect(returned(await alice.submit(updateVetVisit, { petId: petId!, id: id!, ...VALID }))).toEqual(NOT_FOUND);
      expect(returned(await alice.submit(deleteVetVisit, { petId: petId!, id: id! }))).toEqual(NOT_FOUND);
    }
    expect([await storedRows('vet_visits', alicePet), await storedRows('vet_visits', bobPet)]).toEqual(before);
  });
});

describe('row-level security and deleting the pet', () => {
  it('another app_user sees, changes and deletes none of the rows', async () => {
    await added(alice, alicePet);
    const seen = await withUser(db(), bob.userId, async (tx) => {
      const read = (await tx.execute(sql`select id from vet_visits where pet_id = ${alicePet}`)) as unknown as {
        rows: unknown[];
      };
      const changed = (await tx.execute(
        sql`update vet_visits set reason = 'x' where pet_id = ${alicePet} returning id`,
      )) as unknown as { rows: unknown[] };
      const deleted = (await tx.execute(
        sql`delete from vet_visits where pet_id = ${alicePet} returning id`,
      )) as unknown as {
        rows: unknown[];
      };
      return [read.rows, changed.rows, deleted.rows];
    });
    expect(seen).toEqual([[], [], []]);
    await expect(
      withUser(db(), bob.userId, (tx) =>
        tx.execute(sql`insert into vet_visits (pet_id, reason, visited_on) values (${alicePet}, 'x', '2026-01-01')`),
      ),
    ).rejects.toThrow();
    expect(await listed(bob, alicePet)).toBeNull();
  });

  it('deleting the pet removes its visits', async () => {
    const pet = await petOf(alice, 'Short-lived');
    await added(alice, pet);
    expect((await alice.submit(deletePet, { id: pet })).kind).toBe('redirected');
    expect(await storedRows('vet_visits', pet)).toEqual([]);
  });
});
