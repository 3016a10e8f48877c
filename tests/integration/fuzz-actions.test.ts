// Property-based fuzzing of every contract action (fast-check) against the real database: wrong
// types, missing and duplicated fields, huge strings, control characters, every Unicode plane and
// lone surrogates, prototype keys, numbers as dates and dates as numbers, files of random sizes
// and types. Every answer must be the contract's structured shape or a redirect — never a throw —
// and a refused write must leave the fuzzing user's rows exactly as they were.
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, register } from '@/actions/auth';
import { requestPasswordReset, resetPassword } from '@/actions/recovery';
import { createMedication, deleteMedication, markDose, updateMedication } from '@/actions/medications';
import { createPet, deletePet, getPet, getPets, updatePet } from '@/actions/pets';
import { createWeight, deleteWeight, updateWeight } from '@/actions/weight';
import { generateImageUploadUrl, getImageSignedUrl } from '@/actions/upload';
import { createVaccination, deleteVaccination, updateVaccination } from '@/actions/vaccinations';
import { addVisitDocument, deleteVisitDocument, generateVisitDocumentUploadUrl } from '@/actions/visit-documents';
import { createVetVisit, deleteVetVisit, updateVetVisit } from '@/actions/visits';
import { db } from '@/db/client';
import { accounts, medicationDoses, medications, pets, vaccinations, vetVisits, weightRecords } from '@/db/schema';
import { png, pngClaiming } from '../support/images';
import { settledPet, startPhotoWorkers } from '../support/photo-jobs';
import { Browser, type ActionOutcome } from '../support/next-request';
import { uniqueEmail } from '../support/accounts';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

// Runs per action: at least 1,000 in all, sized to stay within about a minute on two cores.
const RUNS = {
  register: 80,
  login: 80,
  createPet: 230,
  updatePet: 170,
  deletePet: 90,
  generateImageUploadUrl: 150,
  getImageSignedUrl: 110,
  getPets: 90,
  getPet: 60,
  requestPasswordReset: 60,
  resetPassword: 60,
  vaccinations: 90,
  vetVisits: 90,
  medications: 120,
  createWeight: 90,
  updateWeight: 70,
  deleteWeight: 40,
  generateVisitDocumentUploadUrl: 60,
  visitDocuments: 90,
};
const PASSWORD = 'correct horse battery';
const VALID_PET = { name: 'Fuzzy', category: 'Cat', birthday: '2020-05-17', gender: 'female', timezone: 'UTC' };

type User = SignedInBrowser;
let user: User;
let otherUserId: string;
let ownImagePath: string;
let images: Buffer[];

/** The fuzzing user's rows, read as superuser (row-level security does not hide anything). */
async function rowsOf(userId: string) {
  return db().select().from(pets).where(eq(pets.userId, userId)).orderBy(pets.id);
}

async function ownPetIds(): Promise<string[]> {
  return (await rowsOf(user.userId)).map((row) => row.id);
}

async function ensurePets(count: number): Promise<void> {
  for (let existing = (await ownPetIds()).length; existing < count; existing++) {
    expect((await user.submit(createPet, VALID_PET)).kind).toBe('redirected');
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  maxLength: 8,
});
const controlCharacters = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
  maxLength: 16,
});
const anyPlane = fc.string({ unit: 'binary', maxLength: 64 }); // every code point of every plane
const graphemes = fc.string({ unit: 'grapheme', maxLength: 32 });
const huge = fc
  .constantFrom(1_000, 65_536, 300_000, 1_000_000)
  .chain((size) =>
    fc
      .constantFrom('x', 'é', '😀', '\u0000', '<', "'")
      .map((unit) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size)),
  );
const specials = fc.constantFrom(
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '0x10',
  'true',
  '[]',
  '{}',
  '1700000000000',
  '-62135596800000',
  '2020-05-17',
  '2020-05-17T00:00:00Z',
  '2999-01-01',
  '1899-12-31',
  '2023-02-30',
  '0000-00-00',
  '+002020-05-17',
  '17/05/2020',
  "' or 1=1--",
  '"; drop table pets;--',
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'male',
  'female',
  'other',
  'prefer-not-to-say',
  'image/png',
  'image/jpeg',
  'on',
  '1',
  'true',
  'UTC',
  'Pacific/Kiritimati',
  'Mars/Olympus_Mons',
);
const text = fc.oneof(
  { arbitrary: specials, weight: 4 },
  { arbitrary: anyPlane, weight: 3 },
  { arbitrary: graphemes, weight: 2 },
  { arbitrary: controlCharacters, weight: 1 },
  { arbitrary: loneSurrogates, weight: 1 },
  { arbitrary: fc.integer().map(String), weight: 1 },
  { arbitrary: fc.double().map(String), weight: 1 },
  {
    arbitrary: fc
      .date({ noInvalidDate: false })
      .map((date) => (Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString())),
    weight: 1,
  },
  { arbitrary: huge, weight: 1 },
);

const fileTypes = fc.constantFrom(
  'image/png',
  'image/jpeg',
  'image/svg+xml',
  'text/html',
  'application/octet-stream',
  '',
  'IMAGE/PNG',
  'image/png; charset=utf-8',
  'image/webp',
);
const file = fc
  .oneof(
    { arbitrary: fc.record({ bytes: fc.uint8Array({ maxLength: 4096 }), type: fileTypes, name: text }), weight: 6 },
    {
      arbitrary: fc.record({
        bytes: fc.integer({ min: 0, max: 2 }).map((index) => images[index]!),
        type: fileTypes,
        name: fc.constantFrom('photo.png', 'photo.jpg', '', '.png', '../x.png'),
      }),
      weight: 4,
    },
    {
      arbitrary: fc.record({
        bytes: fc.constantFrom(20 * 1024 * 1024 + 1, 5 * 1024 * 1024).map((size) => new Uint8Array(size)),
        type: fc.constantFrom('image/png', 'image/jpeg'),
        name: fc.constant('big.png'),
      }),
      weight: 1,
    },
  )
  .map(
    ({ bytes, type, name }) =>
      new File([new Uint8Array(bytes)], name.length > 300 ? name.slice(0, 300) : name, { type }),
  );

const formValue = fc.oneof({ arbitrary: text, weight: 5 }, { arbitrary: file, weight: 1 });

function fieldNames(contract: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...contract), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'userId',
        'user_id',
        'createdAt',
        'imagePath',
        'id',
        '$ACTION_ID_x',
        '0',
        '1_name',
      ),
      weight: 2,
    },
    { arbitrary: text.filter((name) => name.length < 200), weight: 1 },
  );
}

/** A FormData built from a valid base with fields dropped, replaced, duplicated and added. */
function formData(base: Record<string, string>, contract: string[]): fc.Arbitrary<[string, string | File][]> {
  const keys = Object.keys(base);
  return fc
    .record({
      drop: fc.subarray(keys),
      replace: fc.dictionary(fc.constantFrom(...keys), formValue, { maxKeys: keys.length }),
      extra: fc.array(fc.tuple(fieldNames(contract), formValue), { maxLength: 6 }),
      order: fc.boolean(),
    })
    .map(({ drop, replace, extra, order }) => {
      const entries: [string, string | File][] = [];
      for (const key of keys)
        if (!drop.includes(key)) entries.push([key, Object.hasOwn(replace, key) ? replace[key]! : base[key]!]);
      return order ? [...extra, ...entries] : [...entries, ...extra];
    });
}

function toFormData(entries: [string, string | File][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);

function objectInput(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  const record = fc
    .record({
      drop: fc.subarray(keys),
      replace: fc.dictionary(fc.constantFrom(...keys), jsonish, { maxKeys: keys.length }),
      extra: fc.array(
        fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', ...keys), jsonish),
        { maxLength: 3 },
      ),
    })
    .map(({ drop, replace, extra }) => {
      const input: Record<string, unknown> = {};
      for (const key of keys)
        if (!drop.includes(key)) input[key] = Object.hasOwn(replace, key) ? replace[key] : base[key];
      // defineProperty: a real own "__proto__" key, as JSON.parse (and React's reply decoder) makes it.
      for (const [key, value] of extra)
        Object.defineProperty(input, key, { value, enumerable: true, configurable: true, writable: true });
      return input;
    });
  return fc.oneof(
    { arbitrary: record, weight: 8 },
    { arbitrary: jsonish, weight: 1 },
    { arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// The contract's shapes.

function isStringArrayRecord(value: unknown): boolean {
  if (value === undefined) return true;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(
    (entry) =>
      entry === undefined ||
      (Array.isArray(entry) && entry.length > 0 && entry.every((item) => typeof item === 'string' && item.length > 0)),
  );
}

/** How often each action accepted, refused or redirected: shows the fuzzer reaches past validation. */
const stats = new Map<string, { accepted: number; refused: number; redirected: number }>();
afterAll(() => {
  const lines = [...stats].map(
    ([action, count]) =>
      `${action} ${count.accepted + count.refused + count.redirected} (${count.redirected} redirected, ${count.accepted} success, ${count.refused} refused)`,
  );
  console.log(`fuzzed: ${lines.join('; ')}`);
});

function expectContractResult(
  outcome: ActionOutcome<unknown>,
  label: string,
): asserts outcome is ActionOutcome<unknown> {
  const count = stats.get(label) ?? { accepted: 0, refused: 0, redirected: 0 };
  if (outcome.kind === 'redirected') count.redirected++;
  else if ((outcome.value as { success?: unknown })?.success === true) count.accepted++;
  else count.refused++;
  stats.set(label, count);
  if (outcome.kind === 'redirected') {
    expect(outcome.location, `${label}: redirect`).toMatch(/^\/(?![/\\])/);
    return;
  }
  const value = outcome.value as { success?: unknown; message?: unknown; errors?: unknown };
  expect(typeof value?.success, `${label}: ${JSON.stringify(value)?.slice(0, 300)}`).toBe('boolean');
  if (value.success === false) expect(typeof value.message, `${label}: message`).toBe('string');
  expect(isStringArrayRecord(value.errors), `${label}: errors ${JSON.stringify(value.errors)?.slice(0, 300)}`).toBe(
    true,
  );
}

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'userId')).toBe(false);
}

function createdIdOf(outcome: ActionOutcome<unknown>): string | null {
  return outcome.kind === 'redirected' ? new URL(outcome.location, 'http://x').searchParams.get('created') : null;
}

beforeAll(async () => {
  user = await signedIn('fuzz', PASSWORD);
  otherUserId = (await signedIn('fuzz', PASSWORD)).userId;
  images = [
    await png(8, 8),
    Buffer.from(
      await (
        await import('sharp')
      )
        .default({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
        .jpeg()
        .toBuffer(),
    ),
    await pngClaiming(30_000, 30_000),
  ];
  await ensurePets(3);
  // One real photo of the user's own, for getImageSignedUrl's path generator.
  const photoForm = toFormData([
    ...Object.entries(VALID_PET),
    ['image', new File([new Uint8Array(images[0]!)], 'own.png', { type: 'image/png' })],
  ]);
  const photoPet = await user.call(() => createPet(null, photoForm));
  const id = createdIdOf(photoPet);
  if (!id) throw new Error(`the photo pet was not created: ${JSON.stringify(photoPet)}`);
  // Its display image is made by the process-photo job (ADR 0016): run it once, here.
  const photoWorkers = await startPhotoWorkers();
  try {
    ownImagePath = (await settledPet(user, id)).imagePath!;
  } finally {
    await photoWorkers.stop();
  }
  expect(ownImagePath).toMatch(/\.webp$/);
}, 60_000);

describe('fuzzing the contract actions', () => {
  it(`register: ${RUNS.register} generated forms`, async () => {
    await fc.assert(
      fc.asyncProperty(
        formData({ email: 'fuzz@example.com', password: PASSWORD }, ['email', 'password']),
        async (entries) => {
          const form = toFormData(
            entries.map(([name, value]) => [
              name,
              name === 'email' && value === 'fuzz@example.com' ? uniqueEmail('fz') : value,
            ]),
          );
          const users = async () =>
            Number(
              ((await db().execute(sql`select count(*)::int as n from users`)) as unknown as { rows: { n: number }[] })
                .rows[0]!.n,
            );
          const before = await users();
          const outcome = await new Browser().call(() => register(null, form));
          expectContractResult(outcome, 'register');
          expect(await users(), 'a refused registration created a user').toBe(
            before + (outcome.kind === 'redirected' ? 1 : 0),
          );
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.register },
    );
  });

  it(`login: ${RUNS.login} generated forms`, async () => {
    const email = uniqueEmail('fuzz-login');
    expect((await new Browser().submit(register, { email, password: PASSWORD })).kind).toBe('redirected');
    await fc.assert(
      fc.asyncProperty(
        formData({ email, password: PASSWORD, redirect: '/pets' }, ['email', 'password', 'redirect']),
        async (entries) => {
          const outcome = await new Browser().call(() => login(null, toFormData(entries)));
          expectContractResult(outcome, 'login');
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.login },
    );
  });

  it(`requestPasswordReset: ${RUNS.requestPasswordReset} generated forms`, async () => {
    await fc.assert(
      fc.asyncProperty(formData({ email: uniqueEmail('fuzz-reset') }, ['email']), async (entries) => {
        const outcome = await new Browser().call(() => requestPasswordReset(null, toFormData(entries)));
        expectContractResult(outcome, 'requestPasswordReset');
        expectNoPollution();
      }),
      { numRuns: RUNS.requestPasswordReset },
    );
  });

  it(`resetPassword: ${RUNS.resetPassword} generated forms, no password changed`, async () => {
    const passwordHash = async () =>
      (await db().select({ password: accounts.password }).from(accounts).where(eq(accounts.userId, user.userId)))[0]
        ?.password;
    const before = await passwordHash();
    await fc.assert(
      fc.asyncProperty(
        formData({ token: 'AbCdEfGhIjKlMnOpQrStUvWx', newPassword: 'a new stable password' }, ['token', 'newPassword']),
        async (entries) => {
          const outcome = await new Browser().call(() => resetPassword(null, toFormData(entries)));
          expectContractResult(outcome, 'resetPassword');
          expect(outcome.kind, 'a made-up token reset a password').toBe('returned');
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.resetPassword },
    );
    expect(await passwordHash()).toBe(before);
  });

  it(`createPet: ${RUNS.createPet} generated forms, no row unless it succeeded`, async () => {
    await fc.assert(
      fc.asyncProperty(
        formData(VALID_PET, ['name', 'category', 'birthday', 'gender', 'image', 'storagePath', 'timezone']),
        async (entries) => {
          const before = await rowsOf(user.userId);
          const outcome = await user.call(() => createPet(null, toFormData(entries)));
          expectContractResult(outcome, 'createPet');
          const after = await rowsOf(user.userId);
          const created = createdIdOf(outcome);
          if (created) {
            expect(after.length).toBe(before.length + 1);
            expect(after.filter((row) => row.id !== created)).toEqual(before);
          } else {
            expect(after, 'a refused createPet wrote a row').toEqual(before);
          }
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.createPet },
    );
  }, 120_000);

  it(`updatePet: ${RUNS.updatePet} generated forms, nothing changed unless it succeeded`, async () => {
    const ids = await ownPetIds();
    const target = fc.oneof(
      { arbitrary: fc.constantFrom(...ids), weight: 6 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: text, weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(
        target,
        formData({ ...VALID_PET, name: 'Renamed', removeImage: 'false' }, [
          'id',
          'name',
          'category',
          'birthday',
          'gender',
          'image',
          'storagePath',
          'removeImage',
          'version',
          'timezone',
        ]),
        async (id, entries) => {
          const before = await rowsOf(user.userId);
          const outcome = await user.call(() => updatePet(null, toFormData([['id', id], ...entries])));
          expectContractResult(outcome, 'updatePet');
          const after = await rowsOf(user.userId);
          if (outcome.kind === 'redirected') {
            expect(after.filter((row) => row.id !== id)).toEqual(before.filter((row) => row.id !== id));
            expect(after.find((row) => row.id === id)?.version).toBe(
              (before.find((row) => row.id === id)?.version ?? 0) + 1,
            );
          } else {
            expect(after, 'a refused updatePet changed a row').toEqual(before);
          }
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.updatePet },
    );
  }, 120_000);

  it(`deletePet: ${RUNS.deletePet} generated forms and objects`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('own'), fc.uuid(), text),
        fc.array(fc.tuple(fieldNames(['id']), formValue), { maxLength: 4 }),
        fc.boolean(),
        async (choice, extra, asObject) => {
          await ensurePets(2);
          const id = choice === 'own' ? (await ownPetIds())[0]! : choice;
          const before = await rowsOf(user.userId);
          const outcome = asObject
            ? await user.call(() =>
                (deletePet as (input: unknown) => ReturnType<typeof deletePet>)({ id, ...Object.fromEntries(extra) }),
              )
            : await user.call(() => deletePet(null, toFormData([['id', id], ...extra])));
          expectContractResult(outcome, 'deletePet');
          const after = await rowsOf(user.userId);
          if (outcome.kind === 'redirected') expect(after).toEqual(before.filter((row) => row.id !== id));
          else expect(after, 'a refused deletePet changed a row').toEqual(before);
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.deletePet },
    );
  }, 120_000);

  it(`generateImageUploadUrl: ${RUNS.generateImageUploadUrl} generated inputs, only ever into the caller's folder`, async () => {
    await fc.assert(
      fc.asyncProperty(objectInput({ filename: 'photo.png', fileType: 'image/png', fileSize: 1234 }), async (input) => {
        const outcome = await user.call(() => generateImageUploadUrl(input as never));
        expectContractResult(outcome, 'generateImageUploadUrl');
        if (outcome.kind === 'returned' && (outcome.value as { success: boolean }).success) {
          const { storagePath, uploadUrl } = outcome.value as { storagePath: string; uploadUrl: string };
          expect(storagePath).toMatch(new RegExp(`^${user.userId}/pets/[A-Za-z0-9_-][A-Za-z0-9._-]*$`));
          expect(typeof uploadUrl).toBe('string');
        }
        expectNoPollution();
      }),
      { numRuns: RUNS.generateImageUploadUrl },
    );
  });

  it(`getImageSignedUrl: ${RUNS.getImageSignedUrl} generated inputs, only ever for the caller's own images`, async () => {
    const paths = fc.oneof(
      fc.constant(ownImagePath),
      fc.constant(ownImagePath.replace(user.userId, otherUserId)),
      text.map((tail) => `${user.userId}/pets/${tail}`),
      text.map((tail) => `${user.userId}/pets/../../${otherUserId}/pets/${tail}`),
      text.map((tail) => `${otherUserId}/pets/${tail}`),
      text,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          paths.map((imagePath) => ({ imagePath })),
          objectInput({ imagePath: ownImagePath }),
        ),
        async (input) => {
          const outcome = await user.call(() => getImageSignedUrl(input as never));
          expectContractResult(outcome, 'getImageSignedUrl');
          const value =
            outcome.kind === 'returned' ? (outcome.value as { success: boolean; signedUrl?: string }) : null;
          if (value?.success) {
            const key = decodeURIComponent(
              new URL(value.signedUrl!, 'http://x').pathname.replace(/^\/api\/storage\//, ''),
            );
            expect(key.startsWith(`${user.userId}/pets/`), `signed a URL for ${key}`).toBe(true);
            expect(key).not.toContain('..');
          }
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.getImageSignedUrl },
    );
  });

  it(`getPets: ${RUNS.getPets} generated params, only the caller's pets`, async () => {
    const own = new Set(await ownPetIds());
    await fc.assert(
      fc.asyncProperty(objectInput({ page: 0, limit: 20, sortBy: 'name', order: 'asc', q: '' }), async (params) => {
        const outcome = await user.call(() => getPets(params as never));
        expectContractResult(outcome, 'getPets');
        const value = (
          outcome as {
            value: { success: boolean; pets: { id: string }[]; total: number; page: number; hasMore: boolean };
          }
        ).value;
        expect(typeof value.success).toBe('boolean');
        expect(
          Array.isArray(value.pets) &&
            Number.isInteger(value.total) &&
            Number.isInteger(value.page) &&
            typeof value.hasMore === 'boolean',
        ).toBe(true);
        const current = new Set(await ownPetIds());
        for (const pet of value.pets)
          expect(
            own.has(pet.id) || current.has(pet.id),
            `getPets returned a pet that is not the caller's: ${pet.id}`,
          ).toBe(true);
        expectNoPollution();
      }),
      { numRuns: RUNS.getPets },
    );
  });

  it(`weight actions: ${RUNS.createWeight + RUNS.updateWeight + RUNS.deleteWeight} generated forms, nothing changed unless it succeeded`, async () => {
    const [petId] = await ownPetIds();
    const weighing = { petId: petId!, date: '2026-01-03', weight: '12.5', note: 'fuzz' };
    expect((await user.submit(createWeight, weighing)).kind).toBe('redirected');
    /** Every weighing there is, as superuser: a write through a foreign id would show here too. */
    const allWeights = () => db().select().from(weightRecords).orderBy(weightRecords.id);
    const petIds = fc.oneof(
      { arbitrary: fc.constant(petId!), weight: 6 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: text, weight: 1 },
    );
    const weightFields = ['petId', 'date', 'weight', 'note', 'submissionId', 'id', 'createdBy', 'grams'];
    await fc.assert(
      fc.asyncProperty(formData(weighing, weightFields), async (entries) => {
        const before = await allWeights();
        const outcome = await user.call(() => createWeight(null, toFormData(entries)));
        expectContractResult(outcome, 'createWeight');
        const after = await allWeights();
        if (outcome.kind === 'redirected') expect(after.length).toBe(before.length + 1);
        else expect(after, 'a refused createWeight wrote a row').toEqual(before);
        for (const row of after.filter((row) => !before.some((old) => old.id === row.id))) {
          expect(row.petId).toBe(petId);
          expect(row.createdBy).toBe(user.userId);
        }
        expectNoPollution();
      }),
      { numRuns: RUNS.createWeight },
    );
    const recordIds = fc.oneof(
      { arbitrary: fc.constantFrom(...(await allWeights()).map((row) => row.id)), weight: 4 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: text, weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(
        petIds,
        recordIds,
        formData({ ...weighing, weight: '13' }, weightFields),
        async (pet, id, entries) => {
          const before = await allWeights();
          const outcome = await user.call(() =>
            updateWeight(null, toFormData([['petId', pet], ['id', id], ...entries])),
          );
          expectContractResult(outcome, 'updateWeight');
          const after = await allWeights();
          if (outcome.kind === 'redirected')
            expect(after.filter((row) => row.id !== id)).toEqual(before.filter((row) => row.id !== id));
          else expect(after, 'a refused updateWeight changed a row').toEqual(before);
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.updateWeight },
    );
    await fc.assert(
      fc.asyncProperty(
        petIds,
        recordIds,
        fc.array(fc.tuple(fieldNames(['petId', 'id']), formValue), { maxLength: 4 }),
        async (pet, id, extra) => {
          const before = await allWeights();
          const outcome = await user.call(() => deleteWeight(null, toFormData([['petId', pet], ['id', id], ...extra])));
          expectContractResult(outcome, 'deleteWeight');
          const after = await allWeights();
          if (outcome.kind === 'redirected') expect(after).toEqual(before.filter((row) => row.id !== id));
          else expect(after, 'a refused deleteWeight deleted a row').toEqual(before);
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.deleteWeight },
    );
  }, 180_000);

  it(`getPet: ${RUNS.getPet} generated inputs`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(objectInput({ id: '00000000-0000-4000-8000-000000000000' }), text), async (input) => {
        const outcome = await user.call(() => getPet(input as never));
        expectContractResult(outcome, 'getPet');
        expectNoPollution();
      }),
      { numRuns: RUNS.getPet },
    );
  });
  it(`medications: ${RUNS.medications} generated forms through every medication action`, async () => {
    const [petId] = await ownPetIds();
    const valid = {
      petId: petId!,
      kind: 'worming',
      name: 'Fuzzed',
      dose: '1 tablet',
      schedule: 'weekly',
      intervalDays: '3',
      weekdays: 'MO',
      startDate: '2026-01-01',
      endDate: '',
      timeOfDay: '08:00',
      notes: '',
    };
    expect((await user.submit(createMedication, valid)).kind).toBe('redirected');
    const [existing] = await db().select({ id: medications.id }).from(medications).where(eq(medications.petId, petId!));
    const fields = ['petId', 'id', 'submissionId', 'medicationId', 'scheduledAt', 'status', ...Object.keys(valid)];
    const actions = { createMedication, updateMedication, deleteMedication, markDose } as const;
    const othersRows = async () => {
      const rows = await db()
        .select({ id: medications.id, name: medications.name, updatedAt: medications.updatedAt })
        .from(medications)
        .innerJoin(pets, eq(pets.id, medications.petId))
        .where(eq(pets.userId, otherUserId));
      const doses = await db().select({ id: medicationDoses.id }).from(medicationDoses);
      return { rows, doses: doses.length };
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(actions) as (keyof typeof actions)[])),
        fc.oneof(fc.constant(existing!.id), fc.uuid(), text),
        formData({ ...valid, scheduledAt: '2026-01-05T08:00:00.000Z', status: 'given' }, fields),
        async (name, id, entries) => {
          const before = await othersRows();
          const form = toFormData([['id', id], ['medicationId', id], ...entries]);
          const outcome = await user.call(() => actions[name](null, form));
          expectContractResult(outcome, name);
          const after = await othersRows();
          expect(after.rows, `${name} changed another user's medications`).toEqual(before.rows);
          if (name !== 'markDose') expect(after.doses, `${name} recorded a dose`).toBeLessThanOrEqual(before.doses);
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.medications },
    );
  }, 120_000);
});

describe('fuzzing the care record actions', () => {
  type CareForm = (state: null, formData: FormData) => Promise<unknown>;
  const kinds: {
    label: 'vaccinations' | 'vetVisits';
    table: typeof vaccinations | typeof vetVisits;
    actions: Record<'create' | 'update' | 'remove', CareForm>;
    valid: Record<string, string>;
  }[] = [
    {
      label: 'vaccinations',
      table: vaccinations,
      actions: { create: createVaccination, update: updateVaccination, remove: deleteVaccination },
      valid: {
        vaccine: 'Rabies',
        givenOn: '2025-03-03',
        nextDueOn: '',
        nextDueInterval: '1y',
        clinic: 'Vets',
        notes: '',
      },
    },
    {
      label: 'vetVisits',
      table: vetVisits,
      actions: { create: createVetVisit, update: updateVetVisit, remove: deleteVetVisit },
      valid: { visitedOn: '2025-03-03', reason: 'Check-up', clinic: '', cost: '45.50', notes: '' },
    },
  ];

  /** Every row of a care table, as superuser, in id order: what a refused action must leave as it was. */
  const allRows = async (table: typeof vaccinations | typeof vetVisits) =>
    (await db().execute(sql`select * from ${table} order by id`)) as unknown as {
      rows: { id: string; pet_id: string }[];
    };

  it.each(kinds)(
    '$label: generated create, update and delete forms on own, foreign and made-up ids; nothing changed unless it succeeded',
    async ({ label, table, actions, valid }) => {
      const other = await signedIn('fuzz-care', PASSWORD);
      const own = (await ownPetIds())[0]!;
      const foreignPet = await (async () => {
        const outcome = await other.submit(createPet, VALID_PET);
        return new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
      })();
      for (const [browser, petId] of [
        [user, own],
        [other, foreignPet],
      ] as const)
        expect((await browser.submit(actions.create, { petId, ...valid })).kind).toBe('redirected');
      const recordIds = (await allRows(table)).rows.map((row) => row.id);
      const idOf = fc.oneof(
        { arbitrary: fc.constantFrom(...recordIds), weight: 4 },
        { arbitrary: fc.uuid(), weight: 1 },
        { arbitrary: text, weight: 1 },
      );
      const petOf = fc.oneof(
        { arbitrary: fc.constantFrom(own, foreignPet), weight: 5 },
        { arbitrary: fc.uuid(), weight: 1 },
        { arbitrary: text, weight: 1 },
      );
      const fields = Object.keys(valid);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('create', 'update', 'remove'),
          petOf,
          idOf,
          formData(valid, [...fields, 'petId', 'id', 'submissionId', 'createdBy', 'userId']),
          async (operation, petId, id, entries) => {
            const before = (await allRows(table)).rows;
            const form = toFormData([['petId', petId], ['id', id], ...entries]);
            const outcome = await user.call(() => actions[operation](null, form));
            expectContractResult(outcome, `${operation} ${label}`);
            const after = (await allRows(table)).rows;
            const changed = outcome.kind === 'redirected';
            // Only the caller's own pet's records may change, and only when the action said it did.
            expect(after.filter((row) => row.pet_id !== own)).toEqual(before.filter((row) => row.pet_id !== own));
            if (!changed) expect(after, `a refused ${operation} changed a row`).toEqual(before);
            else if (operation === 'create') expect(after.length).toBe(before.length + 1);
            else if (operation === 'remove')
              expect(after.map((row) => row.id)).toEqual(
                before.map((row) => row.id).filter((existing) => existing !== id),
              );
            else expect(after.filter((row) => row.id !== id)).toEqual(before.filter((row) => row.id !== id));
            expectNoPollution();
          },
        ),
        { numRuns: RUNS[label] },
      );
    },
    120_000,
  );
});

describe('fuzzing the vet visit document actions', () => {
  /** Every document row, as superuser, in id order: what a refused action must leave as it was. */
  const allDocuments = async () =>
    (
      (await db().execute(sql`
        select d.id, d.visit_id, d.storage_key, v.pet_id from visit_documents d
        join vet_visits v on v.id = d.visit_id order by d.id`)) as unknown as {
        rows: { id: string; visit_id: string; storage_key: string; pet_id: string }[];
      }
    ).rows;

  /** A pet and a visit of `browser`'s account; their ids. */
  async function petAndVisit(browser: User): Promise<{ petId: string; visitId: string }> {
    const outcome = await browser.submit(createPet, VALID_PET);
    const petId = new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
    expect((await browser.submit(createVetVisit, { petId, visitedOn: '2025-03-03', reason: 'Check-up' })).kind).toBe(
      'redirected',
    );
    const [visit] = await db().select({ id: vetVisits.id }).from(vetVisits).where(eq(vetVisits.petId, petId));
    return { petId, visitId: visit!.id };
  }

  it(`generateVisitDocumentUploadUrl: ${RUNS.generateVisitDocumentUploadUrl} generated inputs, only ever into the caller's folder`, async () => {
    const other = await signedIn('fuzz-docs', PASSWORD);
    const own = await petAndVisit(user);
    const foreign = await petAndVisit(other);
    const ids = fc.oneof(
      { arbitrary: fc.constant(own), weight: 4 },
      { arbitrary: fc.constantFrom(foreign, { petId: own.petId, visitId: foreign.visitId }), weight: 2 },
    );
    await fc.assert(
      fc.asyncProperty(
        ids,
        objectInput({ filename: 'report.pdf', fileType: 'application/pdf', fileSize: 1234 }),
        async (target, input) => {
          const outcome = await user.call(() =>
            generateVisitDocumentUploadUrl(
              (input && typeof input === 'object' ? { ...target, ...input } : input) as never,
            ),
          );
          expectContractResult(outcome, 'generateVisitDocumentUploadUrl');
          if (outcome.kind === 'returned' && (outcome.value as { success: boolean }).success) {
            expect(target).toBe(own);
            const { storagePath } = outcome.value as { storagePath: string };
            expect(storagePath).toMatch(new RegExp(`^${user.userId}/pets/[A-Za-z0-9_-][A-Za-z0-9._-]*$`));
          }
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.generateVisitDocumentUploadUrl },
    );
  });

  it(`addVisitDocument and deleteVisitDocument: ${RUNS.visitDocuments} generated forms on own, foreign and made-up ids; nothing changed unless it succeeded`, async () => {
    const other = await signedIn('fuzz-docs', PASSWORD);
    const own = await petAndVisit(user);
    const foreign = await petAndVisit(other);
    const pdf = new File([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], 'report.pdf');
    for (const [browser, target] of [
      [user, own],
      [other, foreign],
    ] as const)
      expect((await browser.submit(addVisitDocument, { ...target, document: pdf })).kind).toBe('redirected');
    const documentIds = (await allDocuments()).map((row) => row.id);
    const foreignKey = (await allDocuments()).find((row) => row.pet_id === foreign.petId)!.storage_key;
    const idOf = fc.oneof(
      { arbitrary: fc.constantFrom(...documentIds), weight: 4 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: text, weight: 1 },
    );
    // Mostly the caller's own pet and visit (to reach past the checks), else every mix of theirs, another
    // account's and made-up ids.
    const anyId = fc.oneof(fc.constantFrom(own.petId, own.visitId, foreign.petId, foreign.visitId), fc.uuid(), text);
    const targets = fc.oneof(
      { arbitrary: fc.constant([own.petId, own.visitId] as const), weight: 4 },
      { arbitrary: fc.constant([foreign.petId, foreign.visitId] as const), weight: 1 },
      { arbitrary: fc.constant([own.petId, foreign.visitId] as const), weight: 1 },
      { arbitrary: fc.tuple(anyId, anyId), weight: 2 },
    );
    // Mostly no upload path (the form's file is then what is added), else paths of every kind.
    const storagePaths = fc.oneof(
      { arbitrary: fc.constant(''), weight: 4 },
      { arbitrary: fc.constant(foreignKey), weight: 1 },
      { arbitrary: text.map((tail) => `${user.userId}/pets/${tail}`), weight: 1 },
      { arbitrary: text.map((tail) => `${other.userId}/pets/${tail}`), weight: 1 },
      { arbitrary: text, weight: 1 },
    );
    const documents = fc.oneof({ arbitrary: fc.constant(pdf), weight: 3 }, { arbitrary: file, weight: 2 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('add', 'remove'),
        targets,
        idOf,
        storagePaths,
        documents,
        formData({ filename: 'report.pdf' }, ['petId', 'visitId', 'id', 'storagePath', 'filename', 'document']),
        async (operation, [petId, visitId], id, storagePath, document, entries) => {
          const before = await allDocuments();
          const form = toFormData([
            ['petId', petId],
            ['visitId', visitId],
            ['id', id],
            ['storagePath', storagePath],
            ['document', document],
            ...entries,
          ]);
          const action = operation === 'add' ? addVisitDocument : deleteVisitDocument;
          const outcome = await user.call(() => action(null, form));
          expectContractResult(outcome, `${operation} visit document`);
          const after = await allDocuments();
          // Only the caller's own pet's documents may change, and only when the action said it did.
          expect(after.filter((row) => row.pet_id !== own.petId)).toEqual(
            before.filter((row) => row.pet_id !== own.petId),
          );
          if (outcome.kind !== 'redirected') expect(after, `a refused ${operation} changed a row`).toEqual(before);
          else if (operation === 'add') expect(after.length).toBe(before.length + 1);
          else expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id).filter((kept) => kept !== id));
          expectNoPollution();
        },
      ),
      { numRuns: RUNS.visitDocuments },
    );
  }, 120_000);
});
