// Fault 5: the same createPet submitted twice at once with the same `submissionId` (a double
// click, a retry after a timeout) → one pet, and both submits answer with it (also when one of
// them stalls at the worst moment: replayed exactly through a TCP proxy in front of PostgreSQL). Fault 6: an upload PUT to the signed URL aborted
// midway (the client's socket destroyed) → no broken object a pet could point at, and a retry
// with a fresh generateImageUploadUrl completes and createPet succeeds.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegOfSize, png } from '../support/images';
import type { HttpClient } from '../support/http';
import type { TcpProxy } from './support/tcp-proxy';
import {
  actionIds,
  createdId,
  createPet,
  expectFailureMessage,
  MESSAGES,
  newPetFields,
  sleep,
  storageFiles,
  uniqueId,
  type ActionIds,
  type App,
  expectStorageHolds,
  launchBehindProxy,
  petsOf,
  settledPet,
  settledPetsOf,
  type ProxiedApp,
} from './support/harness';
import { registerOverHttp, type RegisteredAccount } from '../support/accounts';
import { type TestDatabase } from '../support/database';
import { signUpload, uploadPhoto } from '../support/photo-upload';

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
  setup = await launchBehindProxy('submit');
  ({ database, proxy, app, dataDir } = setup);
  client = app.client();
  owner = await registerOverHttp(client, ids, 'owner');
});

afterAll(() => setup?.dispose());

const ownPets = () => petsOf(database, owner.userId);

/** Once every photo is processed (the job writes while it runs): storage holds what the rows need, plus `pending`. */
async function expectStorageExactly(pending: string[]): Promise<void> {
  await expectStorageHolds(dataDir, await settledPetsOf(database, owner.userId), pending);
}

describe('the same createPet twice at once (same submissionId)', () => {
  it.each([
    ['with a photo uploaded through the signed URL', true],
    ['without a photo', false],
  ])('%s: one pet, both answers lead to it', async (_label, withPhoto) => {
    for (let round = 0; round < 3; round++) {
      const before = (await ownPets()).length;
      const submissionId = uniqueId();
      const fields = newPetFields('Twice');
      const storagePath = withPhoto ? await uploadPhoto(client, ids, await png(900, 700)) : undefined;
      const [first, second] = await Promise.all([
        createPet(client, ids, fields, { storagePath, submissionId }),
        createPet(client, ids, fields, { storagePath, submissionId }),
      ]);
      const rows = await ownPets();
      expect(rows).toHaveLength(before + 1);
      const twins = rows.filter((row) => row.submission_id === submissionId);
      expect(twins).toHaveLength(1);
      expect(twins[0]).toMatchObject(fields);
      // Both submits end on the one pet, whichever won the race.
      expect(createdId(first), JSON.stringify(first.outcome)).toBe(twins[0]!.id);
      expect(createdId(second), JSON.stringify(second.outcome)).toBe(twins[0]!.id);
      // One photo is made, for the one pet; storage holds what the rows point at, nothing else.
      const settled = await settledPet(database, twins[0]!.id);
      expect(settled).toMatchObject(
        withPhoto
          ? { photo_status: 'ready', image_path: expect.stringMatching(/\.webp$/) }
          : { photo_status: null, image_path: null },
      );
      await expectStorageExactly([]);
    }
  });

  it('the second twin stalls right after finding no pet yet, the first completes and consumes the upload: the second still answers with the one pet', async () => {
    const storagePath = await uploadPhoto(client, ids, await png(700, 500));
    const submissionId = uniqueId();
    const fields = newPetFields('Stalled');
    // The second submit's "is there a pet of this submission already?" has run (no), then it stalls.
    const hold = proxy.holdRepliesAfter('"pets"."submission_id" = $');
    const second = createPet(client, ids, fields, { storagePath, submissionId });
    await hold.seen;
    const first = await createPet(client, ids, fields, { storagePath, submissionId });
    const id = createdId(first);
    expect(id, JSON.stringify(first.outcome)).toBeTruthy();
    hold.release();
    const late = await second;
    expect(createdId(late), JSON.stringify(late.outcome)).toBe(id);
    expect((await ownPets()).filter((row) => row.submission_id === submissionId)).toHaveLength(1);
    await expectStorageExactly([]);
  });

  it('the same submission again later (a retry after a timeout) still gives the one pet', async () => {
    const submissionId = uniqueId();
    const fields = newPetFields('Retry');
    const first = await createPet(client, ids, fields, { submissionId });
    const again = await createPet(client, ids, fields, { submissionId });
    expect(createdId(again)).toBe(createdId(first));
    expect((await ownPets()).filter((row) => row.submission_id === submissionId)).toHaveLength(1);
  });
});

/** PUTs `bytes` to the signed URL but destroys the socket after `sendBytes` of them. */
function abortedPut(port: number, path: string, bytes: Buffer, sendBytes: number, contentType: string): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path,
      method: 'PUT',
      agent: false,
      headers: { host: `localhost:${port}`, 'content-type': contentType, 'content-length': String(bytes.length) },
    });
    request.on('error', () => resolve());
    request.on('response', (response) => {
      response.resume();
      resolve();
    });
    request.write(bytes.subarray(0, sendBytes), () => {
      // Let the server start writing what arrived, then vanish mid-body (tab closed, network gone).
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 300);
    });
  });
}

describe('an upload PUT aborted midway', () => {
  it('leaves no object a pet could point at; createPet with it says the upload failed; a fresh upload then works', async () => {
    const bytes = await jpegOfSize(3 * 1024 * 1024);
    const signed = await signUpload(client, ids, bytes, 'big.jpg', 'image/jpeg');
    await abortedPut(app.port, signed.path, bytes, 1024 * 1024, 'image/jpeg');
    // The server notices the reset; give it a moment to clean up its temp file.
    let files = storageFiles(dataDir);
    for (let attempt = 0; attempt < 20 && files.debris.length > 0; attempt++) {
      await sleep(100);
      files = storageFiles(dataDir);
    }
    expect(files.objects).not.toContain(signed.storagePath);
    expect(files.debris).toEqual([]);

    const before = await ownPets();
    const fields = newPetFields('Aborted');
    const refused = await createPet(client, ids, fields, { storagePath: signed.storagePath });
    expectFailureMessage(refused, MESSAGES.uploadFailed);
    expect(await ownPets()).toEqual(before);
    await expectStorageExactly([]);

    // The retry: a fresh signed URL, the whole file, then the form.
    const retried = await uploadPhoto(client, ids, bytes, 'big.jpg', 'image/jpeg');
    const created = await createPet(client, ids, fields, { storagePath: retried });
    const id = createdId(created);
    expect(id, JSON.stringify(created.outcome)).toBeTruthy();
    const row = await settledPet(database, id!);
    expect(row).toMatchObject({ ...fields, photo_status: 'ready', image_path: expect.stringMatching(/\.webp$/) });
    await expectStorageExactly([]);
  });

  it('a signed URL whose upload was aborted can be used again for the whole file (the same URL, before it expires)', async () => {
    const bytes = await jpegOfSize(2 * 1024 * 1024);
    const signed = await signUpload(client, ids, bytes, 'again.jpg', 'image/jpeg');
    await abortedPut(app.port, signed.path, bytes, 512 * 1024, 'image/jpeg');
    const put = await client.request(signed.path, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(put.status).toBe(200);
    const created = await createPet(client, ids, newPetFields('SameUrl'), { storagePath: signed.storagePath });
    const id = createdId(created);
    expect(id, JSON.stringify(created.outcome)).toBeTruthy();
    expect(await settledPet(database, id!)).toMatchObject({
      photo_status: 'ready',
      image_path: expect.stringMatching(/\.webp$/),
    });
    await expectStorageExactly([]);
  });
});
