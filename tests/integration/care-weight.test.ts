// Weight records against a real database (PGlite and PostgreSQL, the same cases): the actions with
// every message, grams as stored, idempotent creates, the limits per pet and per account, foreign and
// malformed ids answered as missing with nothing changed, row-level security with raw SQL, and
// deleting a pet or an account taking its weighings with it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deleteAccount, updatePreferences } from '@/actions/account';
import { createPet, deletePet } from '@/actions/pets';
import { createWeight, deleteWeight, updateWeight, type WeightFormResult } from '@/actions/weight';
import { listWeights } from '@/data/care/weights';
import { requireUser } from '@/data/session';
import { db, type Transaction } from '@/db/client';
import { todayIn } from '@/lib/dates';
import { withUser } from '@/db/with-user';
import { WEIGHT_MESSAGES } from '@/lib/validations/weight';
import { formatWeight, weightInputValue } from '@/lib/weight-units';
import { revalidated, returned, type ActionOutcome } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const PET = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'male', timezone: 'UTC' };
const WEIGHING = { date: '2026-11-02', weight: '12.8', note: '' };
const NOT_FOUND = 'Weight record not found';

type StoredWeight = {
  id: string;
  pet_id: string;
  created_by: string | null;
  weighed_on: string;
  grams: number;
  note: string | null;
};

async function rows<T>(query: ReturnType<typeof sql>, tx: Pick<Transaction, 'execute'> = db()): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The weighings of a pet as stored, read as the admin role (row-level security does not apply). */
const stored = (petId: string) =>
  rows<StoredWeight>(sql`select id, pet_id, created_by, to_char(weighed_on, 'YYYY-MM-DD') as weighed_on, grams, note
    from weight_records where pet_id = ${petId} order by weighed_on, created_at`);

async function petOf(browser: SignedInBrowser, name = PET.name): Promise<string> {
  const outcome = await browser.submit(createPet, { ...PET, name });
  if (outcome.kind !== 'redirected') throw new Error(`creating a pet failed: ${JSON.stringify(outcome)}`);
  return new URL(outcome.location, 'http://x').searchParams.get('created')!;
}

/** Adds a weighing through the action and returns its id. */
async function weighed(browser: SignedInBrowser, petId: string, fields: Record<string, string> = WEIGHING) {
  const before = new Set((await stored(petId)).map((row) => row.id));
  const outcome = await browser.submit(createWeight, { petId, submissionId: crypto.randomUUID(), ...fields });
  expect(outcome, JSON.stringify(outcome)).toEqual({
    kind: 'redirected',
    location: `/pets/${petId}?care=weight-added#weight`,
  });
  const added = (await stored(petId)).find((row) => !before.has(row.id));
  return added!.id;
}

function failed(outcome: ActionOutcome<WeightFormResult>) {
  const value = returned(outcome);
  expect(value.success).toBe(false);
  return value;
}

let alice: SignedInBrowser;
let bob: SignedInBrowser;
let rex: string;
let bobsPet: string;

beforeAll(async () => {
  alice = await signedIn('weight');
  bob = await signedIn('weight');
  rex = await petOf(alice);
  bobsPet = await petOf(bob, 'Bobby');
});

describe('createWeight', () => {
  it('stores whole grams, who entered it and the trimmed note; revalidates and returns to the pet', async () => {
    revalidated.length = 0;
    const pet = await petOf(alice, 'Create');
    const id = await weighed(alice, pet, { date: '2026-01-03', weight: '12,45', note: '  after the walk  ' });
    expect(revalidated).toEqual(expect.arrayContaining([`/pets/${pet}`, `/pets/${pet}/weight`]));
    expect(await stored(pet)).toEqual([
      { id, pet_id: pet, created_by: alice.userId, weighed_on: '2026-01-03', grams: 12_450, note: 'after the walk' },
    ]);
    const listed = returned(await alice.call(async () => listWeights(await requireUser(), pet)));
    expect(listed?.pet).toEqual({ id: pet, name: 'Create', category: 'Dog' });
    expect(listed?.records).toEqual([
      expect.objectContaining({ id, date: '2026-01-03', grams: 12_450, note: 'after the walk' }),
    ]);
  });

  it('lists several weighings of one day, newest first by date then by entry', async () => {
    const pet = await petOf(alice, 'Order');
    const first = await weighed(alice, pet, { date: '2026-03-01', weight: '10', note: '' });
    const second = await weighed(alice, pet, { date: '2026-03-01', weight: '10.2', note: '' });
    const older = await weighed(alice, pet, { date: '2026-02-01', weight: '9.5', note: '' });
    const listed = returned(await alice.call(async () => listWeights(await requireUser(), pet)));
    expect(listed?.records.map((record) => record.id)).toEqual([second, first, older]);
  });

  it('the same submission twice adds one weighing', async () => {
    const pet = await petOf(alice, 'Twice');
    const form = { petId: pet, submissionId: crypto.randomUUID(), ...WEIGHING };
    const outcomes = await Promise.all([alice.submit(createWeight, form), alice.submit(createWeight, form)]);
    for (const outcome of outcomes) expect(outcome.kind).toBe('redirected');
    expect(await alice.submit(createWeight, form)).toMatchObject({ kind: 'redirected' });
    expect(await stored(pet)).toHaveLength(1);
  });

  it.each([
    [{ weight: '' }, 'weight', WEIGHT_MESSAGES.weightRequired],
    [{ weight: 'twelve' }, 'weight', WEIGHT_MESSAGES.weightNotANumber],
    [{ weight: '1,234.5' }, 'weight', WEIGHT_MESSAGES.weightNotANumber],
    [{ weight: '0' }, 'weight', WEIGHT_MESSAGES.weightNotPositive],
    [{ weight: '-4' }, 'weight', WEIGHT_MESSAGES.weightNotPositive],
    [{ weight: '200.1' }, 'weight', 'That weight is more than 200 kg (440.9 lb); check the number.'],
    [{ date: '' }, 'date', WEIGHT_MESSAGES.dateRequired],
    [{ date: '2026-02-30' }, 'date', WEIGHT_MESSAGES.dateInvalid],
    [{ date: '02/11/2026' }, 'date', WEIGHT_MESSAGES.dateInvalid],
    [{ date: '2999-01-01' }, 'date', WEIGHT_MESSAGES.dateInFuture],
    [{ note: 'n'.repeat(501) }, 'note', WEIGHT_MESSAGES.noteTooLong],
    [{ note: 'bad\u0007bell' }, 'note', WEIGHT_MESSAGES.noteControl],
  ])('refuses %o with its message, keeps what was typed and stores nothing', async (override, field, message) => {
    const typed = { ...WEIGHING, ...override };
    const result = failed(
      await alice.submit(createWeight, { petId: rex, submissionId: crypto.randomUUID(), ...typed }),
    );
    expect(result.errors).toEqual({ [field]: [message] });
    expect(result.values).toEqual(typed);
    expect(await stored(rex)).toEqual([]);
  });

  it("someone else's pet, a missing pet or no id at all: not found, nothing stored", async () => {
    for (const petId of [bobsPet, crypto.randomUUID(), 'not-a-uuid', ''])
      expect(failed(await alice.submit(createWeight, { petId, ...WEIGHING })).message).toBe(NOT_FOUND);
    expect(await stored(bobsPet)).toEqual([]);
  });

  it('fields a form does not have are never read (who entered it, the grams, the pet of another)', async () => {
    const pet = await petOf(alice, 'Smuggled');
    await weighed(alice, pet, { ...WEIGHING, createdBy: bob.userId, grams: '1', pet_id: bobsPet, userId: bob.userId });
    expect(await stored(pet)).toEqual([expect.objectContaining({ created_by: alice.userId, grams: 12_800 })]);
    expect(await stored(bobsPet)).toEqual([]);
  });
});

describe('updateWeight', () => {
  it('changes the date, weight and note, and returns to the pet', async () => {
    const pet = await petOf(alice, 'Update');
    const id = await weighed(alice, pet);
    const outcome = await alice.submit(updateWeight, {
      petId: pet,
      id,
      date: '2026-11-03',
      weight: '13.1',
      note: 'vet',
    });
    expect(outcome).toEqual({ kind: 'redirected', location: `/pets/${pet}?care=weight-saved#weight` });
    expect(await stored(pet)).toEqual([
      expect.objectContaining({ id, weighed_on: '2026-11-03', grams: 13_100, note: 'vet' }),
    ]);
  });

  it('bad input changes nothing', async () => {
    const pet = await petOf(alice, 'Unchanged');
    const id = await weighed(alice, pet);
    const before = await stored(pet);
    const result = failed(
      await alice.submit(updateWeight, { petId: pet, id, date: '2026-11-02', weight: '0', note: '' }),
    );
    expect(result.errors).toEqual({ weight: [WEIGHT_MESSAGES.weightNotPositive] });
    expect(await stored(pet)).toEqual(before);
  });

  it("another's record, a record under another pet, a missing or malformed id: not found, nothing changes", async () => {
    const bobsWeight = await weighed(bob, bobsPet);
    const otherPet = await petOf(alice, 'Other');
    const alicesWeight = await weighed(alice, otherPet);
    const bobsBefore = await stored(bobsPet);
    const change = { date: '2026-11-05', weight: '1', note: 'taken over' };
    for (const [petId, id] of [
      [bobsPet, bobsWeight],
      [rex, bobsWeight],
      [rex, alicesWeight],
      [otherPet, crypto.randomUUID()],
      [otherPet, 'not-a-uuid'],
      ['not-a-uuid', alicesWeight],
    ] as const)
      expect(failed(await alice.submit(updateWeight, { petId, id, ...change })).message).toBe(NOT_FOUND);
    expect(await stored(bobsPet)).toEqual(bobsBefore);
    expect(await stored(otherPet)).toEqual([expect.objectContaining({ grams: 12_800, note: null })]);
  });
});

describe('deleteWeight', () => {
  it('deletes the weighing and returns to the pet; a second delete finds nothing', async () => {
    const pet = await petOf(alice, 'Delete');
    const id = await weighed(alice, pet);
    expect(await alice.submit(deleteWeight, { petId: pet, id })).toEqual({
      kind: 'redirected',
      location: `/pets/${pet}?care=weight-deleted#weight`,
    });
    expect(await stored(pet)).toEqual([]);
    expect(returned(await alice.submit(deleteWeight, { petId: pet, id }))).toEqual({
      success: false,
      message: NOT_FOUND,
    });
  });

  it("another's record or a malformed id: not found, nothing deleted", async () => {
    const bobsWeight = await weighed(bob, bobsPet);
    for (const [petId, id] of [
      [bobsPet, bobsWeight],
      [rex, bobsWeight],
      [bobsPet, 'x'],
      ['', ''],
    ] as const)
      expect(returned(await alice.submit(deleteWeight, { petId, id }))).toEqual({ success: false, message: NOT_FOUND });
    expect((await stored(bobsPet)).map((row) => row.id)).toContain(bobsWeight);
  });
});

describe("the account's preferences", () => {
  async function prefer(browser: SignedInBrowser, timeZone: string, weightUnit: 'kg' | 'lb') {
    const result = returned(await browser.submit(updatePreferences, { timeZone, weightUnit }));
    expect(result.success, JSON.stringify(result)).toBe(true);
  }

  it('the unit changes what is typed and shown, never what is stored', async () => {
    const erin = await signedIn('weight-unit');
    const pet = await petOf(erin);
    const inKilograms = await weighed(erin, pet, { date: '2026-11-02', weight: '12.8', note: '' });
    await prefer(erin, 'UTC', 'lb');
    // Stored as it was; shown (and offered for editing) in pounds.
    const [stored12kg] = await stored(pet);
    expect(stored12kg).toMatchObject({ id: inKilograms, grams: 12_800 });
    expect(formatWeight(stored12kg!.grams, 'lb')).toBe('28.2 lb');
    expect(weightInputValue(stored12kg!.grams, 'lb')).toBe('28.22');
    // Typed in pounds now: 27.5 lb is 12,474 g; the bound is said in both units.
    const inPounds = await weighed(erin, pet, { date: '2026-11-03', weight: '27,5', note: '' });
    expect((await stored(pet)).find((row) => row.id === inPounds)?.grams).toBe(12_474);
    const tooHeavy = failed(await erin.submit(createWeight, { petId: pet, ...WEIGHING, weight: '441' }));
    expect(tooHeavy.errors).toEqual({ weight: ['That weight is more than 200 kg (440.9 lb); check the number.'] });
    // Saving the edit form untouched keeps the grams exactly.
    const untouched = { petId: pet, id: inKilograms, date: '2026-11-02', weight: '28.22', note: '' };
    expect((await erin.submit(updateWeight, untouched)).kind).toBe('redirected');
    expect((await stored(pet)).find((row) => row.id === inKilograms)?.grams).toBe(12_800);
    // Back to kilograms: the same rows.
    await prefer(erin, 'UTC', 'kg');
    expect((await stored(pet)).map((row) => row.grams)).toEqual([12_800, 12_474]);
  });

  it("'today' is the account's: a date already reached in its zone is accepted, a later one is not", async () => {
    const fay = await signedIn('weight-zone');
    const pet = await petOf(fay);
    // UTC+14 and UTC-11 are always a day or two apart: Kiritimati's today is in Pago Pago's future.
    const kiritimatiToday = todayIn('Pacific/Kiritimati');
    await prefer(fay, 'Pacific/Pago_Pago', 'kg');
    const refused = failed(await fay.submit(createWeight, { petId: pet, ...WEIGHING, date: kiritimatiToday }));
    expect(refused.errors).toEqual({ date: [WEIGHT_MESSAGES.dateInFuture] });
    expect(await stored(pet)).toEqual([]);
    await prefer(fay, 'Pacific/Kiritimati', 'kg');
    await weighed(fay, pet, { ...WEIGHING, date: kiritimatiToday });
  });
});

describe('limits', () => {
  /** Stores `count` weighings for the pet directly (as the admin role), to reach a limit quickly. */
  const fill = (petId: string, count: number) =>
    db().execute(sql`insert into weight_records (pet_id, weighed_on, grams)
      select ${petId}, date '2025-01-01' + n, 5000 from generate_series(1, ${count}) as n`);
  const countOf = async (petId: string) =>
    Number(
      (await rows<{ n: number }>(sql`select count(*)::int as n from weight_records where pet_id = ${petId}`))[0]!.n,
    );

  it('1,000 per pet: the last one fits, the next is refused with its message and stores nothing', async () => {
    const pet = await petOf(alice, 'Heavy');
    await fill(pet, 999);
    await weighed(alice, pet);
    const result = failed(
      await alice.submit(createWeight, { petId: pet, submissionId: crypto.randomUUID(), ...WEIGHING }),
    );
    expect(result.message).toBe('This pet already has 1,000 weights, the most one pet can have.');
    expect(result.values).toEqual(WEIGHING);
    expect(await countOf(pet)).toBe(1000);
  });

  it("20,000 per account, across the account's pets", async () => {
    const carol = await signedIn('weight-limit');
    const pets = await Promise.all(Array.from({ length: 20 }, (_, n) => petOf(carol, `Pet ${n}`)));
    for (const pet of pets) await fill(pet, 1000);
    const another = await petOf(carol, 'One more');
    const result = failed(await carol.submit(createWeight, { petId: another, ...WEIGHING }));
    expect(result.message).toMatch(/^Your account already has 20,000 weights, /);
    expect(await countOf(another)).toBe(0);
    // Deleting one makes room again.
    const [oneOfThem] = await rows<{ id: string }>(
      sql`select id from weight_records where pet_id = ${pets[0]} limit 1`,
    );
    expect(await carol.submit(deleteWeight, { petId: pets[0]!, id: oneOfThem!.id })).toMatchObject({
      kind: 'redirected',
    });
    await weighed(carol, another);
  });
});

describe('row-level security: access follows access to the pet', () => {
  it("another user's weighings cannot be read, added, changed or deleted even by raw SQL", async () => {
    const id = await weighed(alice, rex, { date: '2026-06-01', weight: '12', note: '' });
    await withUser(db(), bob.userId, async (tx) => {
      expect(await rows(sql`select id from weight_records where pet_id = ${rex}`, tx)).toEqual([]);
      expect(await rows(sql`update weight_records set grams = 1 where id = ${id} returning id`, tx)).toEqual([]);
      expect(await rows(sql`delete from weight_records where id = ${id} returning id`, tx)).toEqual([]);
    });
    await expect(
      withUser(db(), bob.userId, (tx) =>
        tx.execute(sql`insert into weight_records (pet_id, weighed_on, grams) values (${rex}, '2026-01-01', 1000)`),
      ),
    ).rejects.toThrow();
    // Moving one's own record onto someone else's pet is refused too (WITH CHECK).
    const bobsWeight = await weighed(bob, bobsPet);
    await expect(
      withUser(db(), bob.userId, (tx) =>
        tx.execute(sql`update weight_records set pet_id = ${rex} where id = ${bobsWeight}`),
      ),
    ).rejects.toThrow();
    expect(await stored(rex)).toEqual(expect.arrayContaining([expect.objectContaining({ id, grams: 12_000 })]));
    await withUser(db(), alice.userId, async (tx) => {
      expect(await rows(sql`select id from weight_records where id = ${id}`, tx)).toEqual([{ id }]);
    });
  });

  it('the table forces row-level security and app_user has only the four grants', async () => {
    const [table] = await rows<{ enabled: boolean; forced: boolean }>(
      sql`select relrowsecurity as enabled, relforcerowsecurity as forced from pg_class where relname = 'weight_records'`,
    );
    expect(table).toEqual({ enabled: true, forced: true });
    const grants = await rows<{
      privilege_type: string;
    }>(sql`select privilege_type from information_schema.role_table_grants
      where table_name = 'weight_records' and grantee = 'app_user' order by privilege_type`);
    expect(grants.map((grant) => grant.privilege_type)).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
  });
});

describe('deleting a pet or an account removes its weighings', () => {
  it('a deleted pet takes its weighings', async () => {
    const pet = await petOf(alice, 'Gone');
    await weighed(alice, pet);
    expect(await alice.submit(deletePet, { id: pet })).toMatchObject({ kind: 'redirected' });
    expect(await stored(pet)).toEqual([]);
  });

  it('a deleted account takes its pets and their weighings', async () => {
    const dave = await signedIn('weight-account', 'correct horse battery');
    const pet = await petOf(dave);
    await weighed(dave, pet);
    const [{ email } = { email: '' }] = await rows<{ email: string }>(
      sql`select email from users where id = ${dave.userId}`,
    );
    const outcome = await dave.submit(deleteAccount, { confirmEmail: email, password: 'correct horse battery' });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
    expect(await stored(pet)).toEqual([]);
  });
});
