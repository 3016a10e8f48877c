// Direct Server Action calls over HTTP: every action without a session (or with a forged one), B's
// session on A's pets and storage paths, malformed and unknown ids; then smuggled owner fields.
// Each must be refused with the contract's answer, change nothing, and show nothing of A's.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionId,
  clientFor,
  closeDbPool,
  context,
  isLoginRedirect,
  Ledger,
  petRows,
  petsSnapshot,
  returnedMessage,
  storageSnapshot,
  UUID_RE,
} from './support/harness';
import type { ActionCall, ActionOutcome, HttpClient } from '../support/http';

const VALID = { name: 'Bobs pet', category: 'Dog', birthday: '2020-02-02', gender: 'male', timezone: 'UTC' };

let anonymous: HttpClient;
let bob: HttpClient;
let bobPetId: string;

async function createBobPet(name: string): Promise<string> {
  const { outcome } = await bob.form(actionId('createPet'), { ...VALID, name }, { path: '/pets/new' });
  expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
  const id = new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created');
  expect(id).toMatch(UUID_RE);
  return id!;
}

beforeAll(async () => {
  anonymous = clientFor(null, '127.0.0.3');
  bob = clientFor(context().b, '127.0.0.3');
  bobPetId = await createBobPet('Bobs own');
});

afterAll(closeDbPool);

describe('direct action calls', () => {
  const ledger = new Ledger('Direct action calls');

  it('refuses every action without a session, or with a forged one, and changes nothing', async () => {
    const { a } = context();
    const [first, withPhoto] = [a.pets[0]!, a.pets.find((pet) => pet.imagePath)!];
    const before = await petsSnapshot();
    const storageBefore = storageSnapshot();

    const forgedCookies = [
      null,
      'better-auth.session_token=forged-token-value',
      `better-auth.session_token=${a.cookies['better-auth.session_token']!.split('.')[0]}`,
      `better-auth.session_token=${a.cookies['better-auth.session_token']!.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D`,
      `__Secure-better-auth.session_token=${a.cookies['better-auth.session_token']}`,
    ];
    for (const cookie of forgedCookies) {
      const who = cookie ? `forged cookie ${cookie.slice(0, 40)}…` : 'no session';
      const headers = { cookie: cookie ?? undefined };
      const call = (name: string, args: unknown[], pathName = '/pets') =>
        anonymous.action(actionId(name), args, { path: pathName, headers });
      const form = (name: string, fields: Record<string, string>, pathName = '/pets') =>
        anonymous.form(actionId(name), fields, { path: pathName, headers });
      const cases: [string, Promise<ActionCall>, (outcome: ActionOutcome) => boolean][] = [
        ['getCurrentUser', call('getCurrentUser', []), (o) => o.kind === 'returned' && o.value === null],
        ['logout', call('logout', []), (o) => returnedMessage(o, 'No active session')],
        ['getPets', call('getPets', [{ limit: 100 }]), isLoginRedirect],
        ['getPet(A)', call('getPet', [{ id: first.id }]), isLoginRedirect],
        ['createPet', form('createPet', VALID, '/pets/new'), isLoginRedirect],
        ['updatePet(A)', form('updatePet', { id: first.id, name: 'Hacked', version: '1' }), isLoginRedirect],
        ['updatePet(A, removeImage)', form('updatePet', { id: withPhoto.id, removeImage: 'true' }), isLoginRedirect],
        ['deletePet(A) form', form('deletePet', { id: first.id }), isLoginRedirect],
        ['deletePet(A) object', call('deletePet', [{ id: first.id }]), isLoginRedirect],
        [
          'generateImageUploadUrl',
          call('generateImageUploadUrl', [{ filename: 'x.png', fileType: 'image/png', fileSize: 100 }]),
          (o) => returnedMessage(o, 'Unauthorized'),
        ],
      ];
      for (const [label, pending, refused] of cases) {
        const { response, outcome } = await pending;
        ledger.attempt(`${who}: ${label} → ${JSON.stringify(outcome).slice(0, 120)}`, refused(outcome), response);
      }
    }
    // Every other action the build exposes (account pages, inline form actions…): without a
    // session none may succeed, whatever it is given.
    const known = new Set(Object.values(context().actionIds));
    for (const [name, id] of Object.entries(context().allActions)) {
      if (known.has(id)) continue;
      for (const args of [[], [null, new FormData()], [null, Object.assign(new FormData(), {})], [{ id: first.id }]]) {
        if (args.length === 2) {
          (args[1] as FormData).append('id', first.id);
          (args[1] as FormData).append('password', 'x'.repeat(12));
          (args[1] as FormData).append('newPassword', 'y'.repeat(12));
          (args[1] as FormData).append('confirm', 'DELETE');
        }
        const { response, outcome } = await anonymous.action(id, args, { path: '/pets' });
        const succeeded =
          outcome.kind === 'returned' && (outcome.value as { success?: unknown } | null)?.success === true;
        const redirectedInside = outcome.kind === 'redirected' && !outcome.location.startsWith('/login');
        ledger.attempt(
          `no session: ${name} → ${JSON.stringify(outcome).slice(0, 80)}`,
          !succeeded && !redirectedInside,
          response,
        );
      }
    }

    // getImageSignedUrl is referenced by no page, so the build gives it no action id: it cannot be
    // reached over HTTP at all. A made-up action id is refused like any unknown one.
    const bogus = await bob.action('7f' + 'ab'.repeat(20), [{ imagePath: a.pendingUpload }]);
    ledger.attempt(
      `unknown action id (getImageSignedUrl exposed: ${context().actionIds.getImageSignedUrl !== null}) → ${bogus.response.status}`,
      bogus.outcome.kind === 'error',
      bogus.response,
    );

    expect(await petsSnapshot()).toBe(before);
    expect(storageSnapshot()).toBe(storageBefore);
  });

  it("refuses B on A's pets, A's storage paths, malformed and unknown ids, and changes nothing", async () => {
    const { a, b } = context();
    const withPhoto = a.pets.find((pet) => pet.imagePath)!;
    const bobBefore = await petRows(b.userId);
    const before = await petsSnapshot();
    const storageBefore = storageSnapshot();

    for (const pet of a.pets) {
      const checks: [string, Promise<ActionCall>, string][] = [
        ['getPet({id})', bob.action(actionId('getPet'), [{ id: pet.id }]), 'Pet not found'],
        ['getPet(id)', bob.action(actionId('getPet'), [pet.id]), 'Pet not found'],
        ['getPet(ID upper-case)', bob.action(actionId('getPet'), [{ id: pet.id.toUpperCase() }]), 'Pet not found'],
        [
          'updatePet',
          bob.form(
            actionId('updatePet'),
            { id: pet.id, name: 'Hacked by B', version: '1' },
            { path: `/pets/${pet.id}/edit` },
          ),
          'Pet not found',
        ],
        [
          'updatePet without version',
          bob.form(actionId('updatePet'), { id: pet.id, category: 'Hacked' }),
          'Pet not found',
        ],
        [
          'updatePet removeImage',
          bob.form(actionId('updatePet'), { id: pet.id, removeImage: 'true' }),
          'Pet not found',
        ],
        [
          'deletePet form',
          bob.form(actionId('deletePet'), { id: pet.id }, { path: `/pets/${pet.id}/delete` }),
          'Pet not found',
        ],
        ['deletePet object', bob.action(actionId('deletePet'), [{ id: pet.id }]), 'Pet not found'],
      ];
      for (const [label, pending, message] of checks) {
        const { response, outcome } = await pending;
        ledger.attempt(
          `B ${label} on A's pet → ${JSON.stringify(outcome).slice(0, 100)}`,
          returnedMessage(outcome, message),
          response,
        );
      }
    }

    // A's storage paths as B's photo: a pending upload, the display image, its thumbnail, traversal.
    const aPaths = [
      a.pendingUpload,
      withPhoto.imagePath!,
      withPhoto.imagePath!.replace(/\.webp$/, '.thumb.webp'),
      `${b.userId}/pets/../../${a.pendingUpload}`,
      `${b.userId}/pets/%2e%2e/%2e%2e/${a.pendingUpload}`,
      `${b.userId}/pets/..\\..\\${a.pendingUpload}`,
      `/${a.pendingUpload}`,
      `${a.userId}/pets/${path.basename(a.pendingUpload)}`.toUpperCase(),
    ];
    for (const storagePath of aPaths) {
      const create = await bob.form(
        actionId('createPet'),
        { ...VALID, name: 'Steals a photo', storagePath },
        { path: '/pets/new' },
      );
      ledger.attempt(
        `B createPet storagePath=${storagePath.slice(0, 60)} → ${JSON.stringify(create.outcome).slice(0, 100)}`,
        create.outcome.kind === 'returned' && (create.outcome.value as { success: boolean }).success === false,
        create.response,
      );
      const update = await bob.form(
        actionId('updatePet'),
        { id: bobPetId, storagePath },
        { path: `/pets/${bobPetId}/edit` },
      );
      ledger.attempt(
        `B updatePet(own) storagePath=${storagePath.slice(0, 60)} → ${JSON.stringify(update.outcome).slice(0, 100)}`,
        update.outcome.kind === 'returned' && (update.outcome.value as { success: boolean }).success === false,
        update.response,
      );
    }
    // A's pending upload is still there (not consumed, not deleted by B's attempts).
    expect(existsSync(path.join(context().dataDir, 'storage', 'pet-images', ...a.pendingUpload.split('/')))).toBe(true);

    const malformed = [
      'x',
      "' or 1=1--",
      `${a.pets[0]!.id}' or '1'='1`,
      'a'.repeat(100_000),
      randomUUID(),
      '00000000-0000-0000-0000-000000000000',
      ` ${a.pets[0]!.id}`,
      '%',
      '*',
      '../pets',
      '{"$ne":null}',
    ];
    for (const id of malformed) {
      const label = id.length > 40 ? `${id.slice(0, 12)}…(${id.length})` : id;
      const get = await bob.action(actionId('getPet'), [{ id }]);
      ledger.attempt(`B getPet id=${label}`, returnedMessage(get.outcome, 'Pet not found'), get.response);
      const update = await bob.form(actionId('updatePet'), { id, name: 'Hacked' });
      ledger.attempt(`B updatePet id=${label}`, returnedMessage(update.outcome, 'Pet not found'), update.response);
      const remove = await bob.form(actionId('deletePet'), { id });
      ledger.attempt(`B deletePet id=${label}`, returnedMessage(remove.outcome, 'Pet not found'), remove.response);
    }

    // B's list, whatever the parameters, holds B's pets only.
    for (const params of [
      { userId: a.userId },
      { user_id: a.userId, limit: 1000 },
      { q: '%' },
      { q: a.pets[0]!.name },
      { page: -1, limit: -1 },
      { sortBy: 'user_id', order: 'asc; drop table pets' },
    ]) {
      const { response, outcome } = await bob.action(actionId('getPets'), [params]);
      const pets = outcome.kind === 'returned' ? ((outcome.value as { pets?: { id: string }[] }).pets ?? []) : null;
      ledger.attempt(
        `B getPets ${JSON.stringify(params).slice(0, 60)}`,
        pets !== null && pets.every((pet) => !a.pets.some((own) => own.id === pet.id)),
        response,
      );
    }

    expect(await petsSnapshot()).toBe(before);
    expect(await petRows(b.userId)).toEqual(bobBefore);
    expect(storageSnapshot()).toBe(storageBefore);
  });
});

describe('smuggled fields', () => {
  const ledger = new Ledger('Smuggled fields');

  it("ignores userId, user_id, id, createdAt, imagePath of A in B's createPet and updatePet", async () => {
    const { a, b } = context();
    const withPhoto = a.pets.find((pet) => pet.imagePath)!;
    const aBefore = JSON.stringify(await petRows(a.userId));
    // Other files of the suite may have given B pets with photos: only what this test makes counts.
    const bobsEarlierPets = new Set((await petRows(b.userId)).map((pet) => pet.id));
    const smuggled: [string, string][] = [
      ['userId', a.userId],
      ['user_id', a.userId],
      ['id', a.pets[0]!.id],
      ['createdAt', '2001-01-01T00:00:00Z'],
      ['created_at', '2001-01-01T00:00:00Z'],
      ['updatedAt', '2001-01-01T00:00:00Z'],
      ['imagePath', withPhoto.imagePath!],
      ['image_path', withPhoto.imagePath!],
      ['version', '999'],
      ['__proto__', JSON.stringify({ userId: a.userId })],
      ['constructor', 'x'],
    ];

    const name = `Smuggled ${randomUUID().slice(0, 8)}`;
    const create = await bob.form(actionId('createPet'), [...Object.entries({ ...VALID, name }), ...smuggled], {
      path: '/pets/new',
    });
    const createdId =
      create.outcome.kind === 'redirected'
        ? new URL(create.outcome.location, 'http://x').searchParams.get('created')
        : null;
    const [row] = (await petRows(b.userId)).filter((pet) => pet.id === createdId);
    ledger.attempt(
      'createPet with every smuggled field',
      Boolean(row) &&
        row!.user_id === b.userId &&
        row!.image_path === null &&
        row!.id !== a.pets[0]!.id &&
        row!.version === 1 &&
        new Date(row!.created_at as string).getFullYear() > 2001,
      create.response,
    );

    const bobRowBefore = (await petRows(b.userId)).find((pet) => pet.id === bobPetId)!;
    // `version` is a real field of updatePet (optimistic concurrency, ADR 0006): not smuggled there.
    const update = await bob.form(
      actionId('updatePet'),
      [
        ['id', bobPetId],
        ['name', 'Renamed by B'],
        ...smuggled.filter(([field]) => field !== 'id' && field !== 'version'),
      ],
      { path: `/pets/${bobPetId}/edit` },
    );
    const bobRow = (await petRows(b.userId)).find((pet) => pet.id === bobPetId);
    ledger.attempt(
      `updatePet(own) with smuggled owner/image/timestamps → ${JSON.stringify(update.outcome).slice(0, 80)}`,
      update.outcome.kind === 'redirected' &&
        bobRow?.user_id === b.userId &&
        bobRow?.image_path === null &&
        bobRow?.name === 'Renamed by B' &&
        String(bobRow?.created_at) === String(bobRowBefore.created_at),
      update.response,
    );

    // Duplicated id: the first one counts; A's pet is never the one changed.
    const ownFirst = await bob.form(actionId('updatePet'), [
      ['id', bobPetId],
      ['id', a.pets[0]!.id],
      ['name', 'Dup own first'],
    ]);
    ledger.attempt(
      `updatePet id=[B's, A's] → ${JSON.stringify(ownFirst.outcome).slice(0, 80)}`,
      ownFirst.outcome.kind === 'redirected' && ownFirst.outcome.location.includes(bobPetId),
      ownFirst.response,
    );
    const theirsFirst = await bob.form(actionId('updatePet'), [
      ['id', a.pets[0]!.id],
      ['id', bobPetId],
      ['name', 'Dup theirs first'],
    ]);
    ledger.attempt(
      `updatePet id=[A's, B's] → ${JSON.stringify(theirsFirst.outcome).slice(0, 80)}`,
      returnedMessage(theirsFirst.outcome, 'Pet not found'),
      theirsFirst.response,
    );
    const deleteDup = await bob.form(actionId('deletePet'), [
      ['id', a.pets[0]!.id],
      ['id', bobPetId],
    ]);
    ledger.attempt(
      `deletePet id=[A's, B's] → ${JSON.stringify(deleteDup.outcome).slice(0, 80)}`,
      returnedMessage(deleteDup.outcome, 'Pet not found'),
      deleteDup.response,
    );

    // The create form's idempotency key is per user: A's key in B's form makes B's own pet.
    const submissionId = randomUUID();
    const alice = clientFor(a, '127.0.0.3');
    const aCreate = await alice.form(
      actionId('createPet'),
      { ...VALID, name: `Aq${randomUUID().slice(0, 8)}`, submissionId },
      { path: '/pets/new' },
    );
    const aId =
      aCreate.outcome.kind === 'redirected'
        ? new URL(aCreate.outcome.location, 'http://x').searchParams.get('created')
        : null;
    expect(aId).toMatch(UUID_RE);
    const aAfterCreate = JSON.stringify(await petRows(a.userId));
    const bCreate = await bob.form(
      actionId('createPet'),
      { ...VALID, name: 'Replays A key', submissionId },
      { path: '/pets/new' },
    );
    const bId =
      bCreate.outcome.kind === 'redirected'
        ? new URL(bCreate.outcome.location, 'http://x').searchParams.get('created')
        : null;
    ledger.attempt(
      `createPet with A's submissionId → ${JSON.stringify(bCreate.outcome).slice(0, 80)}`,
      Boolean(bId) && bId !== aId && (await petRows(b.userId)).some((pet) => pet.id === bId),
      bCreate.response,
    );
    expect(JSON.stringify(await petRows(a.userId))).toBe(aAfterCreate);
    await alice.form(actionId('deletePet'), { id: aId! });

    expect(JSON.stringify(await petRows(a.userId))).toBe(aBefore);
    const bobsPets = await petRows(b.userId);
    expect(bobsPets.every((pet) => pet.user_id === b.userId)).toBe(true);
    expect(bobsPets.filter((pet) => !bobsEarlierPets.has(pet.id)).every((pet) => pet.image_path === null)).toBe(true);
  });
});
