// The contract's pet actions against a real database: every message, the list parameters,
// owner isolation, concurrent edits and the birthday rules.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPet, deletePet, getPet, getPets, updatePet, type PetFormResult } from '@/actions/pets';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { todayIn } from '@/lib/dates';
import { Browser, revalidated, returned, type ActionOutcome } from '../support/next-request';
import { signedIn } from '../support/signed-in';

const VALID = { name: 'Bella', category: 'Dog', birthday: '2020-05-17', gender: 'female', timezone: 'UTC' };

async function created(browser: Browser, fields: Record<string, string> = VALID): Promise<string> {
  const outcome = await browser.submit(createPet, fields);
  expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
  const location = (outcome as { location: string }).location;
  const id = new URL(location, 'http://x').searchParams.get('created');
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

function errorsOf(outcome: ActionOutcome<PetFormResult>) {
  const value = returned(outcome);
  expect(value.success).toBe(false);
  return value.errors ?? {};
}

let alice: Browser & { userId: string };
let bob: Browser & { userId: string };

beforeAll(async () => {
  alice = await signedIn('pets');
  bob = await signedIn('pets');
});

describe('createPet', () => {
  it('creates the pet for the signed-in user, revalidates the list and redirects to it', async () => {
    revalidated.length = 0;
    const id = await created(alice);
    expect(revalidated).toContain('/pets');
    const pet = returned(await alice.call(() => getPet({ id })));
    expect(pet).toEqual({
      success: true,
      pet: expect.objectContaining({
        id,
        name: 'Bella',
        category: 'Dog',
        birthday: '2020-05-17',
        gender: 'female',
        imagePath: null,
        imageUrl: null,
      }),
    });
    if (pet.success) {
      expect(new Date(pet.pet.createdAt).toISOString()).toBe(pet.pet.createdAt);
      expect(pet.pet.updatedAt).toBe(pet.pet.createdAt);
    }
  });

  it.each([
    [{ name: '' }, 'name', 'Name is required'],
    [{ name: '   ' }, 'name', 'Name is required'],
    [{ name: 'x'.repeat(51) }, 'name', 'Name must be under 50 characters'],
    [{ category: '' }, 'category', 'Category is required'],
    [{ category: 'c'.repeat(51) }, 'category', 'Category must be under 50 characters'],
    [{ birthday: '' }, 'birthday', 'Birthday is required'],
    [{ birthday: '2023-02-30' }, 'birthday', 'Please enter a real date (YYYY-MM-DD)'],
    [{ birthday: '17/05/2020' }, 'birthday', 'Please enter a real date (YYYY-MM-DD)'],
    [{ birthday: '1899-12-31' }, 'birthday', 'Please enter a valid birthday'],
    [{ birthday: '2999-01-01' }, 'birthday', 'Birthday cannot be in the future'],
    [{ gender: 'robot' }, 'gender', 'Please select a valid gender'],
    [{ gender: '' }, 'gender', 'Please select a valid gender'],
  ])('refuses %o with "%s: %s" and creates nothing', async (override, field, message) => {
    const before = returned(await alice.call(() => getPets({ limit: 100 })));
    const errors = errorsOf(await alice.submit(createPet, { ...VALID, ...override }));
    expect(errors[field as keyof typeof errors]).toEqual([message]);
    const after = returned(await alice.call(() => getPets({ limit: 100 })));
    expect(after.total).toBe(before.total);
  });

  it('gives back what was typed after a failure', async () => {
    const result = returned(await alice.submit(createPet, { ...VALID, name: '', category: 'Parrot 🦜' }));
    expect(result.values).toMatchObject({
      name: '',
      category: 'Parrot 🦜',
      birthday: VALID.birthday,
      gender: VALID.gender,
    });
  });

  it('keeps any Unicode exactly as typed (trimmed), and HTML as plain text', async () => {
    const names = [
      'Ünïcödé Çåt',
      '🐶'.repeat(50),
      'مرحبا قطتي',
      '<script>alert(1)</script>',
      "Robert'); DROP TABLE pets;--",
    ];
    for (const name of names) {
      const id = await created(alice, { ...VALID, name: `  ${name}  ` });
      const result = returned(await alice.call(() => getPet({ id })));
      expect(result.success && result.pet.name).toBe(name);
    }
  });

  it('ignores smuggled owner, id and timestamp fields', async () => {
    const id = await created(alice, {
      ...VALID,
      name: 'Smuggled',
      userId: bob.userId,
      user_id: bob.userId,
      id: '00000000-0000-4000-8000-000000000000',
      createdAt: '2001-01-01T00:00:00Z',
      imagePath: `${bob.userId}/pets/x.png`,
    });
    expect(id).not.toBe('00000000-0000-4000-8000-000000000000');
    const result = returned(await alice.call(() => getPet({ id })));
    expect(result.success && result.pet).toMatchObject({ name: 'Smuggled', imagePath: null });
    expect(result.success && result.pet.createdAt.startsWith('2001')).toBe(false);
    expect(returned(await bob.call(() => getPet({ id })))).toEqual({ success: false, message: 'Pet not found' });
  });

  it('sends a visitor without a session to log in and back to the form', async () => {
    expect(await new Browser().submit(createPet, VALID)).toEqual({
      kind: 'redirected',
      location: '/login?redirect=%2Fpets%2Fnew',
    });
  });
});

describe('birthday is checked against today at the moment of the request, in the user’s zone', () => {
  it('accepts today and refuses tomorrow', async () => {
    const zone = 'Europe/Paris';
    const today = todayIn(zone);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await created(alice, { ...VALID, birthday: today, timezone: zone });
    expect(errorsOf(await alice.submit(createPet, { ...VALID, birthday: tomorrow, timezone: zone })).birthday).toEqual([
      'Birthday cannot be in the future',
    ]);
  });

  it('uses the user’s own calendar: the same date is today in Kiritimati and still the future in Pago Pago', async () => {
    const kiritimatiToday = todayIn('Pacific/Kiritimati');
    await created(alice, { ...VALID, birthday: kiritimatiToday, timezone: 'Pacific/Kiritimati' });
    expect(
      errorsOf(await alice.submit(createPet, { ...VALID, birthday: kiritimatiToday, timezone: 'Pacific/Pago_Pago' }))
        .birthday,
    ).toEqual(['Birthday cannot be in the future']);
  });

  it('stores and shows the very day that was picked (no time-zone shift)', async () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      const id = await created(alice, { ...VALID, birthday: '2021-03-01', timezone: zone });
      const result = returned(await alice.call(() => getPet({ id })));
      expect(result.success && result.pet.birthday).toBe('2021-03-01');
    }
  });
});

describe('getPets', () => {
  let carol: Browser & { userId: string };
  beforeAll(async () => {
    carol = await signedIn('pets');
    // 150 pets in one statement: identical created_at, so only the id keeps pages apart.
    await withUser(db(), carol.userId, (tx) =>
      tx.execute(sql`insert into pets (user_id, name, category, birthday, gender)
        select ${carol.userId}, case when g % 3 = 0 then 'rex' when g % 3 = 1 then 'Rex' else 'Pet ' || g end,
               case when g % 2 = 0 then 'Dog' else 'Cat' end, '2020-01-01', 'male'
        from generate_series(1, 150) g`),
    );
  });

  it.each([
    ['created_at', 'desc'],
    ['created_at', 'asc'],
    ['name', 'asc'],
    ['name', 'desc'],
  ] as const)('pages by %s %s never overlap or skip', async (sortBy, order) => {
    const seen: string[] = [];
    let page = 0;
    for (;;) {
      const result = returned(await carol.call(() => getPets({ page, limit: 20, sortBy, order })));
      expect(result).toMatchObject({ success: true, total: 150, page });
      seen.push(...result.pets.map((pet) => pet.id));
      if (!result.hasMore) break;
      page++;
    }
    expect(page).toBe(7);
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);
  });

  it('sorts names case-insensitively, and the same request gives the same order', async () => {
    const first = returned(await carol.call(() => getPets({ limit: 100, sortBy: 'name', order: 'asc' })));
    const names = first.pets.map((pet) => pet.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const again = returned(await carol.call(() => getPets({ limit: 100, sortBy: 'name', order: 'asc' })));
    expect(again.pets.map((pet) => pet.id)).toEqual(first.pets.map((pet) => pet.id));
  });

  it('falls back to the defaults for values out of range', async () => {
    const result = returned(
      await carol.call(() => getPets({ page: '-3', limit: '1000', sortBy: 'password', order: 'sideways' })),
    );
    expect(result).toMatchObject({ success: true, page: 0, total: 150 });
    expect(result.pets).toHaveLength(20);
  });

  it('searches name and category, case-insensitively, with % and _ taken literally', async () => {
    expect(returned(await carol.call(() => getPets({ q: 'REX', limit: 100 }))).total).toBe(100);
    expect(returned(await carol.call(() => getPets({ q: 'cat', limit: 100 }))).total).toBe(75);
    expect(returned(await carol.call(() => getPets({ q: '%', limit: 100 }))).total).toBe(0);
    expect(
      returned(await carol.call(() => getPets({ q: 'pet 14', limit: 100 })))
        .pets.map((p) => p.name)
        .sort(),
    ).toEqual(['Pet 14', 'Pet 140', 'Pet 143', 'Pet 146', 'Pet 149'].sort());
  });

  it('lists only the caller’s pets', async () => {
    const result = returned(await bob.call(() => getPets({ limit: 100 })));
    const carolsIds = returned(await carol.call(() => getPets({ limit: 100 }))).pets.map((pet) => pet.id);
    expect(result.pets.some((pet) => carolsIds.includes(pet.id))).toBe(false);
  });
});

describe('isolation: another user’s pet is "Pet not found" and stays untouched', () => {
  let alicesPet: string;
  beforeAll(async () => {
    alicesPet = await created(alice, { ...VALID, name: 'Private' });
  });

  it.each(['not-a-uuid', '00000000-0000-4000-8000-000000000000', "1' or '1'='1"])(
    'getPet(%s) is not found',
    async (id) => {
      expect(returned(await alice.call(() => getPet({ id })))).toEqual({ success: false, message: 'Pet not found' });
    },
  );

  it('get, update and delete by another user all say "Pet not found" and change nothing', async () => {
    expect(returned(await bob.call(() => getPet({ id: alicesPet })))).toEqual({
      success: false,
      message: 'Pet not found',
    });
    expect(returned(await bob.submit(updatePet, { id: alicesPet, name: 'Stolen' }))).toMatchObject({
      success: false,
      message: 'Pet not found',
    });
    expect(returned(await bob.submit(deletePet, { id: alicesPet }))).toEqual({
      success: false,
      message: 'Pet not found',
    });
    // Any client can call the action's id with any arguments: an object instead of a form.
    const deleteWithAnything = deletePet as (input: unknown) => ReturnType<typeof deletePet>;
    expect(returned(await bob.call(() => deleteWithAnything({ id: alicesPet })))).toEqual({
      success: false,
      message: 'Pet not found',
    });
    const still = returned(await alice.call(() => getPet({ id: alicesPet })));
    expect(still.success && still.pet.name).toBe('Private');
  });
});

describe('updatePet', () => {
  it('changes only the fields sent (partial), bumps the version and redirects to the detail page', async () => {
    const id = await created(alice);
    const before = returned(await alice.call(() => getPet({ id })));
    if (!before.success) throw new Error('missing');
    const outcome = await alice.submit(updatePet, {
      id,
      version: String(before.pet.version),
      category: 'Cat',
      timezone: 'UTC',
    });
    expect(outcome).toEqual({ kind: 'redirected', location: `/pets/${id}?updated=1` });
    const after = returned(await alice.call(() => getPet({ id })));
    expect(after.success && after.pet).toMatchObject({
      name: 'Bella',
      category: 'Cat',
      birthday: '2020-05-17',
      version: before.pet.version + 1,
    });
  });

  it('validates what it is given with the same messages', async () => {
    const id = await created(alice);
    expect(errorsOf(await alice.submit(updatePet, { id, name: '', birthday: '2999-01-01' }))).toEqual({
      name: ['Name is required'],
      birthday: ['Birthday cannot be in the future'],
    });
  });

  it('refuses a save based on an outdated version and hands back the current values', async () => {
    const id = await created(alice);
    const opened = returned(await alice.call(() => getPet({ id })));
    if (!opened.success) throw new Error('missing');
    const version = String(opened.pet.version);
    // Tab 1 saves first.
    expect((await alice.submit(updatePet, { id, version, name: 'Tab one' })).kind).toBe('redirected');
    // Tab 2 still holds the old version.
    const conflict = returned(await alice.submit(updatePet, { id, version, name: 'Tab two' }));
    expect(conflict).toMatchObject({
      success: false,
      message: expect.stringContaining('changed in another tab'),
      values: { name: 'Tab one' },
      version: opened.pet.version + 1,
    });
    const stored = returned(await alice.call(() => getPet({ id })));
    expect(stored.success && stored.pet.name).toBe('Tab one');
  });

  it('ignores a smuggled owner: the pet stays with its owner', async () => {
    const id = await created(alice);
    await alice.submit(updatePet, { id, name: 'Still mine', userId: bob.userId, user_id: bob.userId });
    expect(returned(await bob.call(() => getPet({ id }))).success).toBe(false);
    const mine = returned(await alice.call(() => getPet({ id })));
    expect(mine.success && mine.pet.name).toBe('Still mine');
  });
});

describe('deletePet', () => {
  it('deletes the pet and redirects to the list', async () => {
    const id = await created(alice);
    expect(await alice.submit(deletePet, { id })).toEqual({ kind: 'redirected', location: '/pets?deleted=1' });
    expect(returned(await alice.call(() => getPet({ id })))).toEqual({ success: false, message: 'Pet not found' });
    expect(returned(await alice.submit(deletePet, { id }))).toEqual({ success: false, message: 'Pet not found' });
  });
});

describe('the same create submitted twice', () => {
  it('creates one pet (double click, retry after a timeout)', async () => {
    const submissionId = crypto.randomUUID();
    const fields = { ...VALID, name: `Once ${submissionId.slice(0, 8)}`, submissionId };
    const first = await alice.submit(createPet, fields);
    const again = await alice.submit(createPet, fields);
    const together = await Promise.all([alice.submit(createPet, fields), alice.submit(createPet, fields)]);
    for (const outcome of [again, ...together]) expect(outcome).toEqual(first);
    const listed = returned(await alice.call(() => getPets({ q: fields.name, limit: 100 })));
    expect(listed.total).toBe(1);
  });

  it('does not let one user’s key reach another user’s pet', async () => {
    const submissionId = crypto.randomUUID();
    const mine = await alice.submit(createPet, { ...VALID, name: 'Alice key', submissionId });
    const theirs = await bob.submit(createPet, { ...VALID, name: 'Bob same key', submissionId });
    expect(theirs).not.toEqual(mine);
    expect(returned(await bob.call(() => getPets({ q: 'Bob same key' }))).total).toBe(1);
  });
});
