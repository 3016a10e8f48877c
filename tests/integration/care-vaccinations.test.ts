// The vaccination actions and DAL against a real database: add, edit, delete, the interval and the
// typed due date, bad dates refused with their own message and nothing changed, duplicate submits,
// the limits per pet and per account, foreign and malformed ids answered as not found, row-level
// security as another app_user, and a pet's deletion taking its vaccinations with it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deletePet } from '@/actions/pets';
import { updatePreferences } from '@/actions/account';
import { createVaccination, deleteVaccination, updateVaccination } from '@/actions/vaccinations';
import { listVaccinations } from '@/data/care/vaccinations';
import { requireUser } from '@/data/session';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { todayIn } from '@/lib/dates';
import { fillWithRecords, petOf, storedRows } from '../support/care';
import { returned, revalidated, type ActionOutcome } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const VALID = { vaccine: 'Rabies', givenOn: '2026-03-03', nextDueInterval: '3y', clinic: 'Town Vets' };
const NOT_FOUND = { success: false, message: 'Vaccination not found' };

let alice: SignedInBrowser;
let bob: SignedInBrowser;
let alicePet: string;
let bobPet: string;

beforeAll(async () => {
  alice = await signedIn('vax');
  bob = await signedIn('vax');
  alicePet = await petOf(alice);
  bobPet = await petOf(bob, 'Tom', 'Cat');
});

/** Adds a vaccination through the action; the new record's id. */
async function added(browser: SignedInBrowser, petId: string, fields: Record<string, string> = VALID) {
  const before = (await storedRows('vaccinations', petId)).map((row) => row.id);
  const outcome = await browser.submit(createVaccination, { petId, ...fields });
  expect(outcome).toEqual({ kind: 'redirected', location: `/pets/${petId}?care=vaccination-saved` });
  const created = (await storedRows('vaccinations', petId)).find((row) => !before.includes(row.id));
  return String(created!.id);
}

function failed(outcome: ActionOutcome<unknown>) {
  const value = returned(outcome) as { success: boolean; message: string; errors?: Record<string, string[]> };
  expect(value.success).toBe(false);
  return value;
}

const listed = (browser: SignedInBrowser, petId: string) =>
  browser.call(async () => (await listVaccinations(await requireUser(), petId))?.records ?? null).then(returned);

describe('createVaccination', () => {
  it('adds the vaccination to the pet, with the due date from the interval, entered by the signed-in user', async () => {
    revalidated.length = 0;
    const id = await added(alice, alicePet, { ...VALID, batchNumber: 'LOT-42', notes: 'Slightly sleepy\nafterwards' });
    expect(revalidated).toContain(`/pets/${alicePet}`);
    const [row] = (await storedRows('vaccinations', alicePet)).filter((stored) => stored.id === id);
    expect(row).toMatchObject({ created_by: alice.userId, pet_id: alicePet });
    expect((await listed(alice, alicePet))!.find((vaccination) => vaccination.id === id)).toMatchObject({
      vaccine: 'Rabies',
      givenOn: '2026-03-03',
      nextDueOn: '2029-03-03',
      clinic: 'Town Vets',
      batchNumber: 'LOT-42',
      notes: 'Slightly sleepy\nafterwards',
    });
  });

  it('takes 29 February + 1 year to 28 February, and a typed due date wins over the interval', async () => {
    const leap = await added(alice, alicePet, { vaccine: 'DHPP', givenOn: '2024-02-29', nextDueInterval: '1y' });
    const typed = await added(alice, alicePet, {
      vaccine: 'Lyme',
      givenOn: '2024-02-29',
      nextDueInterval: '3y',
      nextDueOn: '2024-09-01',
    });
    const list = (await listed(alice, alicePet))!;
    expect(list.find((vaccination) => vaccination.id === leap)?.nextDueOn).toBe('2025-02-28');
    expect(list.find((vaccination) => vaccination.id === typed)?.nextDueOn).toBe('2024-09-01');
  });

  it('lists newest first by date given', async () => {
    const dates = (await listed(alice, alicePet))!.map((vaccination) => vaccination.givenOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  const today = todayIn('UTC');
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  it.each([
    [{ givenOn: tomorrow }, 'givenOn', "The date given can't be in the future."],
    [{ givenOn: '' }, 'givenOn', 'Date given is required'],
    [{ givenOn: '2026-02-30' }, 'givenOn', 'Please enter a real date (YYYY-MM-DD)'],
    [{ givenOn: '1899-12-31' }, 'givenOn', 'Please enter a date from 1900 on'],
    [{ nextDueOn: '2026-03-02' }, 'nextDueOn', "The next due date can't be before the date given."],
    [{ nextDueOn: 'next year' }, 'nextDueOn', 'Please enter a real date (YYYY-MM-DD)'],
    [{ nextDueInterval: '10y' }, 'nextDueInterval', 'Please choose one of the intervals offered'],
    [{ vaccine: '  ' }, 'vaccine', 'Vaccine is required'],
    [{ vaccine: 'v'.repeat(101) }, 'vaccine', 'Vaccine must be at most 100 characters'],
    [{ vaccine: 'Rabies\u202E' }, 'vaccine', 'Vaccine cannot contain control or text-direction characters'],
    [{ clinic: 'c'.repeat(201) }, 'clinic', 'Clinic or vet must be at most 200 characters'],
    [{ batchNumber: 'b'.repeat(101) }, 'batchNumber', 'Batch or lot number must be at most 100 characters'],
    [{ notes: 'n'.repeat(2001) }, 'notes', 'Notes must be at most 2,000 characters'],
  ])('refuses %o with "%s: %s", keeps what was typed and stores nothing', async (override, field, message) => {
    const before = await storedRows('vaccinations', alicePet);
    const fields = { ...VALID, ...override };
    const value = failed(await alice.submit(createVaccination, { petId: alicePet, ...fields }));
    expect(value.errors?.[field]).toEqual([message]);
    expect((value as { values?: Record<string, string> }).values).toMatchObject(fields);
    expect(await storedRows('vaccinations', alicePet)).toEqual(before);
  });

  it('accepts today as the date given, and "None" for the interval (no due date)', async () => {
    const id = await added(alice, alicePet, {
      vaccine: 'Bordetella',
      givenOn: today,
      nextDueInterval: '',
      nextDueOn: '',
    });
    expect((await listed(alice, alicePet))!.find((vaccination) => vaccination.id === id)?.nextDueOn).toBeNull();
  });

  it("judges 'in the future' by the account's own time zone", async () => {
    // Kiritimati (UTC+14) is always at least a day ahead of Pago Pago (UTC−11), 25 hours apart.
    const kiritimatiToday = todayIn('Pacific/Kiritimati');
    const zoned = async (timeZone: string) => {
      const account = await signedIn('vax-zone');
      expect(returned(await account.submit(updatePreferences, { timeZone, weightUnit: 'kg' })).success).toBe(true);
      return { account, pet: await petOf(account) };
    };
    const ahead = await zoned('Pacific/Kiritimati');
    await added(ahead.account, ahead.pet, { vaccine: 'Rabies', givenOn: kiritimatiToday });
    const behind = await zoned('Pacific/Pago_Pago');
    const value = failed(
      await behind.account.submit(createVaccination, {
        petId: behind.pet,
        vaccine: 'Rabies',
        givenOn: kiritimatiToday,
      }),
    );
    expect(value.errors?.givenOn).toEqual(["The date given can't be in the future."]);
    expect(await storedRows('vaccinations', behind.pet)).toEqual([]);
  });

  it('adds one vaccination for one form submitted twice (same submissionId)', async () => {
    const before = (await storedRows('vaccinations', alicePet)).length;
    const submissionId = crypto.randomUUID();
    const fields = { petId: alicePet, ...VALID, vaccine: 'Leptospirosis', submissionId };
    const [first, second] = await Promise.all([
      alice.submit(createVaccination, fields),
      alice.submit(createVaccination, fields),
    ]);
    expect(first.kind).toBe('redirected');
    expect(second.kind).toBe('redirected');
    expect((await storedRows('vaccinations', alicePet)).length).toBe(before + 1);
  });

  it("answers 'Pet not found' for another user's pet, an unknown one or no UUID, and stores nothing", async () => {
    for (const petId of [bobPet, crypto.randomUUID(), 'not-a-uuid', '']) {
      expect(returned(await alice.submit(createVaccination, { petId, ...VALID }))).toEqual({
        success: false,
        message: 'Pet not found',
      });
    }
    expect(await storedRows('vaccinations', bobPet)).toEqual([]);
  });
});

describe('updateVaccination', () => {
  it('changes every field; an emptied optional field is cleared', async () => {
    const id = await added(alice, alicePet, { ...VALID, batchNumber: 'OLD' });
    const outcome = await alice.submit(updateVaccination, {
      petId: alicePet,
      id,
      vaccine: 'Rabies (booster)',
      givenOn: '2026-03-04',
      nextDueOn: '2027-03-04',
      clinic: 'City Clinic',
      batchNumber: '',
    });
    expect(outcome).toEqual({ kind: 'redirected', location: `/pets/${alicePet}?care=vaccination-saved` });
    expect((await listed(alice, alicePet))!.find((vaccination) => vaccination.id === id)).toMatchObject({
      vaccine: 'Rabies (booster)',
      givenOn: '2026-03-04',
      nextDueOn: '2027-03-04',
      clinic: 'City Clinic',
      batchNumber: null,
    });
  });

  it('refuses a due date before the date given and changes nothing', async () => {
    const id = await added(alice, alicePet);
    const before = await storedRows('vaccinations', alicePet);
    const value = failed(
      await alice.submit(updateVaccination, { petId: alicePet, id, ...VALID, nextDueOn: '2020-01-01' }),
    );
    expect(value.errors?.nextDueOn).toEqual(["The next due date can't be before the date given."]);
    expect(await storedRows('vaccinations', alicePet)).toEqual(before);
  });

  it("answers 'Vaccination not found' for another user's record or pet, a record of another pet, or no UUID", async () => {
    const bobs = await added(bob, bobPet, { vaccine: 'FVRCP', givenOn: '2026-01-01' });
    const alices = await added(alice, alicePet);
    const otherPet = await petOf(alice, 'Second');
    const bobBefore = await storedRows('vaccinations', bobPet);
    const aliceBefore = await storedRows('vaccinations', alicePet);
    for (const [petId, id] of [
      [bobPet, bobs],
      [alicePet, bobs],
      [otherPet, alices],
      [alicePet, 'nope'],
      ['nope', alices],
    ]) {
      expect(returned(await alice.submit(updateVaccination, { petId: petId!, id: id!, ...VALID }))).toEqual(NOT_FOUND);
    }
    // Bob himself through Alice's ids.
    expect(returned(await bob.submit(updateVaccination, { petId: alicePet, id: alices, ...VALID }))).toEqual(NOT_FOUND);
    expect(await storedRows('vaccinations', bobPet)).toEqual(bobBefore);
    expect(await storedRows('vaccinations', alicePet)).toEqual(aliceBefore);
  });
});

describe('deleteVaccination', () => {
  it('deletes the record and says so on the pet page', async () => {
    const id = await added(alice, alicePet);
    expect(await alice.submit(deleteVaccination, { petId: alicePet, id })).toEqual({
      kind: 'redirected',
      location: `/pets/${alicePet}?care=vaccination-deleted`,
    });
    expect((await storedRows('vaccinations', alicePet)).some((row) => row.id === id)).toBe(false);
    expect(returned(await alice.submit(deleteVaccination, { petId: alicePet, id }))).toEqual(NOT_FOUND);
  });

  it("refuses another user's record and changes nothing", async () => {
    const alices = await added(alice, alicePet);
    const before = await storedRows('vaccinations', alicePet);
    expect(returned(await bob.submit(deleteVaccination, { petId: alicePet, id: alices }))).toEqual(NOT_FOUND);
    expect(returned(await bob.submit(deleteVaccination, { petId: bobPet, id: alices }))).toEqual(NOT_FOUND);
    expect(await storedRows('vaccinations', alicePet)).toEqual(before);
  });
});

describe('limits', () => {
  it('refuses the 1,001st vaccination of a pet with a clear message, storing nothing', async () => {
    const carol = await signedIn('vax-limit');
    const pet = await petOf(carol);
    await fillWithRecords('vaccinations', pet, 1000);
    const value = failed(await carol.submit(createVaccination, { petId: pet, ...VALID }));
    expect(value.message).toBe('This pet already has 1,000 vaccinations, the most one pet can have.');
    expect((await storedRows('vaccinations', pet)).length).toBe(1000);
  });

  it('refuses the 20,001st vaccination of an account, on any of its pets', async () => {
    const dave = await signedIn('vax-limit');
    const pets: string[] = [];
    for (let index = 0; index < 21; index += 1) pets.push(await petOf(dave, `Pet ${index}`));
    for (const pet of pets.slice(0, 20)) await fillWithRecords('vaccinations', pet, 1000);
    const value = failed(await dave.submit(createVaccination, { petId: pets[20]!, ...VALID }));
    expect(value.message).toBe('Your account already has 20,000 vaccinations, the most one account can have.');
    expect(await storedRows('vaccinations', pets[20]!)).toEqual([]);
  });
});

describe('row-level security', () => {
  it('shows another app_user none of the rows, and lets them insert, change or delete none', async () => {
    await added(alice, alicePet);
    const count = (rows: unknown) => Number((rows as { rows: { n: number | string }[] }).rows[0]!.n);
    const seen = await withUser(db(), bob.userId, async (tx) => ({
      all: count(await tx.execute(sql`select count(*) as n from vaccinations where pet_id = ${alicePet}`)),
      updated: (await tx.execute(
        sql`update vaccinations set vaccine = 'x' where pet_id = ${alicePet} returning id`,
      )) as unknown as { rows: unknown[] },
      deleted: (await tx.execute(sql`delete from vaccinations where pet_id = ${alicePet} returning id`)) as unknown as {
        rows: unknown[];
      },
    }));
    expect(seen.all).toBe(0);
    expect(seen.updated.rows).toEqual([]);
    expect(seen.deleted.rows).toEqual([]);
    await expect(
      withUser(db(), bob.userId, (tx) =>
        tx.execute(sql`insert into vaccinations (pet_id, vaccine, given_on) values (${alicePet}, 'x', '2026-01-01')`),
      ),
    ).rejects.toThrow();
    // Bob moving his own record onto Alice's pet is refused by the policy's WITH CHECK.
    const bobs = await added(bob, bobPet, { vaccine: 'FVRCP', givenOn: '2026-01-01' });
    await expect(
      withUser(db(), bob.userId, (tx) =>
        tx.execute(sql`update vaccinations set pet_id = ${alicePet} where id = ${bobs}`),
      ),
    ).rejects.toThrow();
    expect(await listed(bob, alicePet)).toBeNull();
  });
});

describe('deleting the pet', () => {
  it('removes its vaccinations', async () => {
    const pet = await petOf(alice, 'Short-lived');
    await added(alice, pet);
    await added(alice, pet, { vaccine: 'DHPP', givenOn: '2025-01-01' });
    expect((await storedRows('vaccinations', pet)).length).toBe(2);
    expect((await alice.submit(deletePet, { id: pet })).kind).toBe('redirected');
    expect(await storedRows('vaccinations', pet)).toEqual([]);
  });
});
