// Fault 1: the PostgreSQL connection dies in the middle of createPet, updatePet and deletePet (a
// TCP proxy between the app and PostgreSQL cuts every connection the moment the app sends the
// statement that writes the pet), and the whole database goes down for a while. The user gets the
// contract's try-again message and no internals; nothing half-written is left in the database or
// in storage; once the database is back the same action succeeds without restarting the server.
// Photos are made by the process-photo job after the save (ADR 0016): the tests wait for it by
// reading the row, and a write whose COMMIT happened unheard still gets its photo made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../support/images';
import type { HttpClient } from '../support/http';
import type { TcpProxy } from './support/tcp-proxy';
import {
  actionIds,
  createdId,
  createPet,
  deletePet,
  expectFailureMessage,
  expectNoInternals,
  MESSAGES,
  newPetFields,
  sleep,
  storageFiles,
  updatePet,
  type ActionIds,
  type App,
  uniqueId,
  waitForLog,
  expectStorageHolds,
  launchBehindProxy,
  petsOf,
  settledPet,
  type ProxiedApp,
} from './support/harness';
import { objectsRowsNeed, PET_COLUMNS, referencedObjects, type PetRow } from '../support/pet-rows';
import { registerOverHttp, type RegisteredAccount } from '../support/accounts';
import { allActionIds } from '../support/action-ids';
import { type TestDatabase } from '../support/database';
import { uploadPhoto } from '../support/photo-upload';

let database: TestDatabase;
let proxy: TcpProxy;
let app: App;
let dataDir: string;
let ids: ActionIds;
let client: HttpClient;
let owner: RegisteredAccount;

let setup: ProxiedApp;

beforeAll(async () => {
  ids = actionIds();
  setup = await launchBehindProxy('db');
  ({ database, proxy, app, dataDir } = setup);
  client = app.client();
  owner = await registerOverHttp(client, ids, 'owner');
});

afterAll(() => setup?.dispose());

const ownPets = () => petsOf(database, owner.userId);

/** Objects an earlier case left, by design, for the sweep (no row points at them). */
const leftForSweep: string[] = [];

/** Storage holds exactly what rows point at, plus the uploads still pending; no temp debris. */
async function expectStorageExactly(pending: string[]): Promise<void> {
  await expectStorageHolds(dataDir, await database.query<PetRow>(`select ${PET_COLUMNS} from pets`), [
    ...pending,
    ...leftForSweep,
  ]);
}

/** The same process throughout, and no failure escaped the request that met it. */
function expectServerNeverRestarted(): void {
  expect(app.process.exitCode).toBeNull();
  expect(app.process.signalCode).toBeNull();
  expect(app.logText()).not.toMatch(/uncaughtException|unhandledRejection/);
}

describe('the PostgreSQL connection is killed mid-action', () => {
  it('createPet (photo uploaded through the signed URL): try-again message, no row, no orphan; then the retry succeeds', async () => {
    const photo = await uploadPhoto(client, ids, await png(640, 480));
    const fields = newPetFields('Cut');
    const before = await ownPets();

    const cut = proxy.cutOn('insert into "pets"');
    const failed = await createPet(client, ids, fields, { storagePath: photo });
    await cut;
    expectFailureMessage(failed, MESSAGES.createFailed);
    // The server logged the real cause (for the operator), which the user never saw.
    await waitForLog(app, /"msg":"createPet failed"/);
    // The form keeps what was typed, the photo included, so the user can simply submit again.
    expect(failed.outcome).toMatchObject({ value: { values: { name: fields.name, storagePath: photo } } });
    expect(await ownPets()).toEqual(before);
    // The request wrote nothing to storage (the job makes the images, and no job was sent); the
    // upload stays for the retry.
    await expectStorageExactly([photo]);

    const retried = await createPet(client, ids, fields, { storagePath: photo });
    const id = createdId(retried);
    expect(id, JSON.stringify(retried.outcome)).toBeTruthy();
    expect(await ownPets()).toHaveLength(before.length + 1);
    // The job makes the photo after the save; then the upload is used up (a tombstone, not an object).
    expect(await settledPet(database, id!)).toMatchObject({
      ...fields,
      photo_status: 'ready',
      image_path: expect.stringMatching(/\.webp$/),
    });
    await expectStorageExactly([]);
    expectServerNeverRestarted();
  });

  it('updatePet (with a replacement photo): try-again message, row and old photo unchanged, new photo not left behind; then the retry succeeds', async () => {
    const created = await createPet(client, ids, newPetFields('Upd'), {
      storagePath: await uploadPhoto(client, ids, await png(320, 240)),
    });
    const id = createdId(created)!;
    // Its photo is made first (the job's own update of the row must not be the statement cut below).
    const original = await settledPet(database, id);
    expect(original).toMatchObject({ photo_status: 'ready', image_path: expect.stringMatching(/\.webp$/) });
    const replacement = await uploadPhoto(client, ids, await png(500, 400), 'new.png');
    const changes = {
      name: `Renamed-${Date.now()}`,
      category: 'Dog',
      birthday: '2021-01-02',
      gender: 'male',
      version: String(original.version),
      storagePath: replacement,
    };

    const cut = proxy.cutOn('update "pets"');
    const failed = await updatePet(client, ids, id, changes);
    await cut;
    expectFailureMessage(failed, MESSAGES.updateFailed);
    await waitForLog(app, /"msg":"updatePet failed"/);
    expect(await database.query<PetRow>(`select ${PET_COLUMNS} from pets where id = $1`, [id])).toEqual([original]);
    await expectStorageExactly([replacement]);

    const retried = await updatePet(client, ids, id, changes);
    expect(retried.outcome, JSON.stringify(retried.outcome)).toEqual({
      kind: 'redirected',
      location: `/pets/${id}?updated=1`,
    });
    const updated = await settledPet(database, id);
    expect(updated).toMatchObject({
      name: changes.name,
      category: 'Dog',
      birthday: '2021-01-02',
      gender: 'male',
      version: original.version + 1,
      photo_status: 'ready',
    });
    expect(updated.image_path).toMatch(/\.webp$/);
    expect(updated.image_path).not.toBe(original.image_path);
    // The old photo went once the row no longer pointed at it; the upload was consumed.
    await expectStorageExactly([]);
    expectServerNeverRestarted();
  });

  it('deletePet: try-again message, the pet and its photo are still there; then the retry deletes both', async () => {
    const created = await createPet(client, ids, newPetFields('Del'), {
      storagePath: await uploadPhoto(client, ids, await png(300, 300)),
    });
    const id = createdId(created)!;
    const row = await settledPet(database, id);
    expect(row.image_path).toMatch(/\.webp$/);

    const cut = proxy.cutOn('delete from "pets"');
    const failed = await deletePet(client, ids, id);
    await cut;
    expectFailureMessage(failed, MESSAGES.deleteFailed);
    await waitForLog(app, /"msg":"deletePet failed"/);
    expect(await database.query<PetRow>(`select ${PET_COLUMNS} from pets where id = $1`, [id])).toEqual([row]);
    expect(storageFiles(dataDir).objects).toEqual(expect.arrayContaining(referencedObjects([row])));
    await expectStorageExactly([]);

    const retried = await deletePet(client, ids, id);
    expect(retried.outcome).toEqual({ kind: 'redirected', location: '/pets?deleted=1' });
    expect(await database.query(`select id from pets where id = $1`, [id])).toEqual([]);
    expect(storageFiles(dataDir).objects).not.toContain(row.image_path);
    await expectStorageExactly([]);
    expectServerNeverRestarted();
  });
});

describe('the connection dies after COMMIT reached PostgreSQL, before its acknowledgement reached the app', () => {
  // The ambiguous failure: the write is durable, but the app only sees a broken connection.
  // Whatever it tells the user, no row may point at a photo that is not there.
  it('createPet: the committed row points at an original that exists, and its photo is still made; submitting the same form again gives that pet, not a second one', async () => {
    const photo = await uploadPhoto(client, ids, await png(640, 480));
    const fields = newPetFields('LostAck');
    const submissionId = uniqueId();
    const before = await ownPets();

    const cut = proxy.cutOn('insert into "pets"', { thenReply: 'COMMIT\0' });
    const first = await createPet(client, ids, fields, { storagePath: photo, submissionId });
    await cut;
    expectFailureMessage(first, MESSAGES.createFailed);
    const written = (await ownPets()).filter((row) => row.submission_id === submissionId);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ ...fields });
    // Whatever the job has done by now, the row points only at objects that exist.
    expect(storageFiles(dataDir).objects).toEqual(expect.arrayContaining(objectsRowsNeed(written)));
    // The request never heard the COMMIT, yet the photo is made: the job was sent once the app
    // saw that a row holds the original.
    const made = await settledPet(database, written[0]!.id);
    expect(made).toMatchObject({ photo_status: 'ready', image_path: expect.stringMatching(/\.webp$/) });

    // The user does what the message says: submits the same form (same submissionId) again.
    const again = await createPet(client, ids, fields, { storagePath: photo, submissionId });
    expect(createdId(again), JSON.stringify(again.outcome)).toBe(written[0]!.id);
    expect(await ownPets()).toHaveLength(before.length + 1);
    // Every row's photo exists and nothing else is left: the upload is used up.
    await expectStorageExactly([]);
    expectServerNeverRestarted();
  });

  it('updatePet with a replacement photo: the committed row points at an original that exists, and the new photo is still made', async () => {
    const created = await createPet(client, ids, newPetFields('LostAckUpd'), {
      storagePath: await uploadPhoto(client, ids, await png(320, 240)),
    });
    const id = createdId(created)!;
    const original = await settledPet(database, id);
    expect(original.image_path).toMatch(/\.webp$/);
    const replacement = await uploadPhoto(client, ids, await png(480, 360), 'replacement.png');

    const cut = proxy.cutOn('update "pets"', { thenReply: 'COMMIT\0' });
    const failed = await updatePet(client, ids, id, {
      name: `Changed-${Date.now()}`,
      version: String(original!.version),
      storagePath: replacement,
    });
    await cut;
    expectFailureMessage(failed, MESSAGES.updateFailed);
    const [row] = await database.query<PetRow>(`select ${PET_COLUMNS} from pets where id = $1`, [id]);
    expect(row!.version).toBe(original.version + 1);
    expect(row!.image_path).not.toBe(original.image_path);
    expect(storageFiles(dataDir).objects).toEqual(expect.arrayContaining(objectsRowsNeed([row!])));
    // The replacement is made, though the request never heard the COMMIT.
    const settled = await settledPet(database, id);
    expect(settled).toMatchObject({ version: original.version + 1, photo_status: 'ready' });
    expect(settled.image_path).toMatch(/\.webp$/);
    expect(settled.image_path).not.toBe(original.image_path);
    // Left over, for the sweep: the old photo (its delete came after the write's answer, which
    // never arrived); nothing any row points at is missing.
    await expectStorageExactly(referencedObjects([original]));
    leftForSweep.push(...referencedObjects([original]));
    expectServerNeverRestarted();
  });
});

describe('the whole database is down for a while', () => {
  it('GET /api/health says 503 naming the database (no internals) while it is down, writes get the try-again message; back up → 200 and writes work without a restart', async () => {
    const healthy = await client.request('/api/health');
    expect(healthy.status).toBe(200);
    const existing = createdId(await createPet(client, ids, newPetFields('BeforeOutage')))!;
    const [existingRow] = await database.query<PetRow>(`select ${PET_COLUMNS} from pets where id = $1`, [existing]);

    proxy.down();
    const downSince = Date.now();
    // Several probes over a few seconds: the answer stays the same while the outage lasts.
    for (let probe = 0; probe < 3; probe++) {
      const response = await client.request('/api/health');
      expect(response.status).toBe(503);
      expect(JSON.parse(response.text)).toEqual({ status: 'unavailable', database: 'unavailable', storage: 'ok' });
      expect(response.headers['cache-control']).toBe('no-store');
      expectNoInternals(response.text);
      await sleep(1_000);
    }
    expect(Date.now() - downSince).toBeGreaterThanOrEqual(3_000);

    // Writes attempted during the outage: the signed-in user gets the contract's try-again
    // message and keeps what they typed (not an error page, not a trip to the sign-in page).
    const fields = newPetFields('DuringOutage');
    const creating = await createPet(client, ids, fields);
    expectFailureMessage(creating, MESSAGES.createFailed);
    expect(creating.outcome).toMatchObject({ value: { values: { name: fields.name } } });
    const updating = await updatePet(client, ids, existing, { name: 'Renamed during outage' });
    expectFailureMessage(updating, MESSAGES.updateFailed);
    expect(updating.outcome).toMatchObject({ value: { values: { name: 'Renamed during outage' } } });
    expectFailureMessage(await deletePet(client, ids, existing), MESSAGES.deleteFailed);
    // The account page's actions answer an outage the same way (one action wrapper for all).
    const all = allActionIds();
    const exporting = await client.action(all['src/actions/export.ts#exportUserData']!, [null, new FormData()], {
      path: '/account',
    });
    expectFailureMessage(exporting, 'Could not start the export. Please try again.');
    const passwords = new FormData();
    passwords.set('currentPassword', 'correct horse battery');
    passwords.set('newPassword', 'another long password 42');
    const changing = await client.action(all['src/actions/account.ts#changePassword']!, [null, passwords], {
      path: '/account',
    });
    expectFailureMessage(changing, 'Could not change the password. Please try again.');

    proxy.up();
    let status = 0;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      status = (await client.request('/api/health')).status;
      if (status === 200) break;
      await sleep(250);
    }
    expect(status).toBe(200);

    // Nothing of the refused writes happened; the same form now goes through.
    expect(await database.query<PetRow>(`select ${PET_COLUMNS} from pets where id = $1`, [existing])).toEqual([
      existingRow,
    ]);
    expect((await ownPets()).map((row) => row.name)).not.toContain(fields.name);
    const created = await createPet(client, ids, fields);
    expect(createdId(created), JSON.stringify(created.outcome)).toBeTruthy();
    expect((await ownPets()).map((row) => row.name)).toContain(fields.name);
    expectServerNeverRestarted();
  });
});
