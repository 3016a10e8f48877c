// Fault 2: storage fails while a pet with a photo is saved (ADR 0016: the request reads the photo's
// header, and stores it only when it came in the form; the process-photo job makes the images
// later). Failing in the request: the contract's message (no internals), nothing saved, and once
// storage is back the same form goes through without restarting the server. Failing in the job: the
// save stands, the pet stays "processing" on its whole original, the job retries, and the photo
// appears once storage is back; no row ever points at a missing object and nothing is left over.
// Local disk: a 2 MB tmpfs mounted at DATA_DIR/storage, really filled up (ENOSPC). S3: a real S3
// server (radosgw) behind a TCP proxy that goes down, or dies in the middle of the job's writes.
import { execFile, execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { HeadObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegOfSize, png } from '../support/images';
import { isS3Server, startS3Server, type S3TestServer } from '../support/radosgw';
import type { HttpClient } from '../support/http';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import {
  actionIds,
  createdId,
  createPet,
  expectFailureMessage,
  expectNoInternals,
  launch,
  MESSAGES,
  newPetFields,
  removeDir,
  ROOT,
  sleep,
  tempDir,
  waitForLog,
  type ActionIds,
  type App,
  expectStorageHolds,
  petForm,
  petsOf,
  settledPetsOf,
  storageFiles,
} from './support/harness';
import { objectsRowsNeed, thumbnailOf } from '../support/pet-rows';
import { registerOverHttp, type RegisteredAccount } from '../support/accounts';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUpload, uploadPhoto } from '../support/photo-upload';

/** Fills the file system of `dir` to the last byte; returns the filler file (delete it to free the space). */
function fillUp(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) {
      try {
        writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // The last partial block: one byte at a time until not even one fits.
        for (;;) writeSync(fd, Buffer.alloc(1, 1));
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe('local disk full (a 2 MB tmpfs at DATA_DIR/storage)', () => {
  let database: TestDatabase;
  let app: App;
  let dataDir: string;
  let storageDir: string;
  let mounted = false;
  let ids: ActionIds;
  let client: HttpClient;
  let owner: RegisteredAccount;

  beforeAll(async () => {
    ids = actionIds();
    database = await createTestDatabase('faults');
    dataDir = tempDir('diskfull');
    storageDir = path.join(dataDir, 'storage');
    mkdirSync(storageDir);
    // Needs root (CAP_SYS_ADMIN); the suite is run as root in CI and here.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', storageDir]);
    mounted = true;
    app = await launch({ dataDir, databaseUrl: database.url });
    client = app.client();
    owner = await registerOverHttp(client, ids, 'owner');
  });

  afterAll(async () => {
    await app?.stop();
    if (mounted) execFileSync('umount', [storageDir]);
    await database?.drop();
    if (dataDir) removeDir(dataDir);
  });

  const ownPets = () => petsOf(database, owner.userId);

  async function expectStorageExactly(pending: string[]): Promise<void> {
    await expectStorageHolds(dataDir, await ownPets(), pending);
  }

  it('an upload that does not fit: refused without internals, nothing half written, and a pet cannot point at it', async () => {
    const bytes = await jpegOfSize(3 * 1024 * 1024);
    const signed = await signUpload(client, ids, bytes, 'huge.jpg', 'image/jpeg');
    const put = await client.request(signed.path, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'image/jpeg' },
    });
    // The browser's uploader shows "Failed to upload image. Please try again." for any refusal.
    // A full disk is the server's failure, not a bad request: 500, and the operator's log says why.
    expect(put.status).toBe(500);
    expect(put.text).toBe('Internal Server Error');
    expectNoInternals(put.text);
    await expectStorageExactly([]);
    await waitForLog(app, /ENOSPC/);

    const refused = await createPet(client, ids, newPetFields('NoRoom'), { storagePath: signed.storagePath });
    expectFailureMessage(refused, MESSAGES.uploadFailed);
    expect(await ownPets()).toEqual([]);
  });

  it('the disk is full when a form carries its photo (no JavaScript): the request cannot store it → a clear message, no row, nothing half stored; room again → the same form succeeds', async () => {
    const photo = await png(800, 600);
    const fields = newPetFields('FormFull');
    const withFile = () => {
      const form = petForm(fields);
      form.append('image', new File([new Uint8Array(photo)], 'form.png', { type: 'image/png' }));
      return client.action(ids.createPet, [null, form], { path: '/pets/new' });
    };
    const filler = fillUp(storageDir);
    try {
      const failed = await withFile();
      expectFailureMessage(failed, MESSAGES.createFailed);
      expect(failed.outcome).toMatchObject({ value: { values: { name: fields.name } } });
      expect(await ownPets()).toEqual([]);
      await expectStorageExactly([]);
    } finally {
      rmSync(filler);
    }

    const retried = await withFile();
    const id = createdId(retried);
    expect(id, JSON.stringify(retried.outcome)).toBeTruthy();
    const [row] = await settledPetsOf(database, owner.userId);
    expect(row).toMatchObject({ id, ...fields, photo_status: 'ready', image_path: expect.stringMatching(/\.webp$/) });
    await expectStorageExactly([]);
  });

  it('the disk fills up between the upload and the job: the save succeeds (the request stores nothing), the job fails and retries; room again → the photo appears', async () => {
    const upload = await uploadPhoto(client, ids, await png(800, 600));
    const fields = newPetFields('JobFull');
    const filler = fillUp(storageDir);
    let id: string | null = null;
    try {
      const saved = await createPet(client, ids, fields, { storagePath: upload });
      id = createdId(saved);
      expect(id, JSON.stringify(saved.outcome)).toBeTruthy();
      // The job cannot write the display image: it fails, and pg-boss will run it again.
      await waitForLog(app, /"msg":"job process-photo failed; will retry"/, 30_000);
      expect(app.logText()).toMatch(/ENOSPC/);
      const pending = (await ownPets()).find((row) => row.id === id);
      // Still pending, pointing at the original, which is whole; nothing the failed run wrote is left.
      expect(pending).toMatchObject({
        ...fields,
        photo_status: 'processing',
        photo_original_key: upload,
        image_path: null,
      });
      await expectStorageExactly([]);
    } finally {
      rmSync(filler);
    }

    // Room again: a retry (5 s, then backing off) makes the photo, no restart needed.
    const row = (await settledPetsOf(database, owner.userId, 90_000)).find((pet) => pet.id === id);
    expect(row).toMatchObject({ ...fields, photo_status: 'ready', photo_original_key: null });
    expect(row!.image_path).toMatch(/\.webp$/);
    await expectStorageExactly([]);
    // The upload is used: its tombstone refuses another pet.
    expect(storageFiles(dataDir).tombstones).toContain(upload);
    expectFailureMessage(
      await createPet(client, ids, newPetFields('Reused'), { storagePath: upload }),
      MESSAGES.uploadFailed,
    );
  });
});

const s3 = await startS3Server({ timeoutMs: 120_000 });
if (!isS3Server(s3)) throw new Error(`the S3 fault tests need radosgw: ${s3.unavailable}`);
const s3Server: S3TestServer = s3;

describe('S3 (radosgw) stops in the middle of a finalize', () => {
  const bucket = 'pet-images';
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: App;
  let dataDir: string;
  let ids: ActionIds;
  let client: HttpClient;
  let owner: RegisteredAccount;
  let env: Record<string, string>;
  const direct = new S3Client({
    region: s3Server.region,
    endpoint: s3Server.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3Server.accessKeyId, secretAccessKey: s3Server.secretAccessKey },
  });

  beforeAll(async () => {
    ids = actionIds();
    database = await createTestDatabase('faults');
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(s3Server.endpoint).port) });
    dataDir = tempDir('s3');
    env = {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: bucket,
      S3_REGION: s3Server.region,
      S3_ENDPOINT: `http://127.0.0.1:${proxy.port}`,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: s3Server.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3Server.secretAccessKey,
    };
    app = await launch({ dataDir, databaseUrl: database.url, env });
    client = app.client();
    owner = await registerOverHttp(client, ids, 'owner');
  });

  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    direct.destroy();
    await s3Server.stop();
    await database?.drop();
    if (dataDir) removeDir(dataDir);
  });

  const ownPets = () => petsOf(database, owner.userId);

  /** The bucket's objects; empty ones (used uploads' tombstones, src/data/images.ts consumeUpload) apart. */
  async function bucketKeys(): Promise<string[]> {
    return (await bucketListing()).objects;
  }

  async function bucketListing(): Promise<{ objects: string[]; tombstones: string[] }> {
    const objects: string[] = [];
    const tombstones: string[] = [];
    for await (const page of paginateListObjectsV2({ client: direct }, { Bucket: bucket }))
      for (const object of page.Contents ?? []) (object.Size ? objects : tombstones).push(object.Key!);
    return { objects: objects.sort(), tombstones: tombstones.sort() };
  }

  async function waitForHealth(): Promise<void> {
    let status = 0;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && status !== 200; await sleep(250))
      status = (await client.request('/api/health')).status;
    expect(status).toBe(200);
  }

  async function exists(key: string): Promise<boolean> {
    return direct.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      () => false,
    );
  }

  it('an upload while S3 is down never becomes a pet: createPet says the upload failed, no row', async () => {
    const bytes = await png(300, 200);
    const signed = await signUpload(client, ids, bytes, 'down.png', 'image/png');
    proxy.down();
    try {
      await expect(
        fetch(signed.uploadUrl, {
          method: 'PUT',
          body: new Uint8Array(bytes),
          headers: signed.headers,
        }),
      ).rejects.toThrow();
    } finally {
      proxy.up();
    }
    const refused = await createPet(client, ids, newPetFields('S3Down'), { storagePath: signed.storagePath });
    expectFailureMessage(refused, MESSAGES.uploadFailed);
    expect(await ownPets()).toEqual([]);
    expect(await exists(signed.storagePath)).toBe(false);
  });

  it("S3 is down while createPet reads the upload's header: the contract's message, nothing saved; back up → the same form succeeds", async () => {
    const upload = await uploadPhoto(client, ids, await png(400, 300));
    const fields = newPetFields('S3Header');
    const before = await ownPets();
    proxy.down();
    try {
      const failed = await createPet(client, ids, fields, { storagePath: upload });
      expectFailureMessage(failed, MESSAGES.createFailed);
      expect(failed.outcome).toMatchObject({ value: { values: { name: fields.name, storagePath: upload } } });
      expect(await ownPets()).toEqual(before);
    } finally {
      proxy.up();
    }
    await waitForHealth();
    expect(await exists(upload)).toBe(true);

    const retried = await createPet(client, ids, fields, { storagePath: upload });
    const id = createdId(retried);
    expect(id, JSON.stringify(retried.outcome)).toBeTruthy();
    const row = (await settledPetsOf(database, owner.userId)).find((pet) => pet.id === id);
    expect(row).toMatchObject({ ...fields, photo_status: 'ready' });
    expect(await exists(row!.image_path!)).toBe(true);
    expect(await exists(thumbnailOf(row!.image_path!))).toBe(true);
  });

  it('S3 dies in the job, after the display image is written, before the thumbnail: the save stands, the photo stays pending on its whole original; back up → the job retries and the photo appears, and nothing is left over', async () => {
    const upload = await uploadPhoto(client, ids, await png(900, 600));
    expect(await exists(upload)).toBe(true);
    const fields = newPetFields('S3Cut');

    // The thumbnail's PutObject is the moment S3 goes away (and stays away: the SDK's retries fail too).
    const cut = proxy.cutOn('.thumb.webp?x-id=PutObject', { stayDown: true });
    const saved = await createPet(client, ids, fields, { storagePath: upload });
    const id = createdId(saved);
    expect(id, JSON.stringify(saved.outcome)).toBeTruthy();
    await cut;
    await waitForLog(app, /"msg":"job process-photo failed; will retry"/, 30_000);
    // While S3 is down the health check says so, naming storage, without internals.
    const health = await client.request('/api/health');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toEqual({ status: 'unavailable', database: 'ok', storage: 'unavailable' });
    // The pet is saved, its photo pending on the original (which the failed run did not touch).
    const pending = (await ownPets()).find((row) => row.id === id);
    expect(pending).toMatchObject({
      ...fields,
      photo_status: 'processing',
      photo_original_key: upload,
      image_path: null,
    });

    proxy.up();
    await waitForHealth();
    // A retry (5 s, then backing off) writes over the same keys: the photo appears, no second copy.
    const rows = await settledPetsOf(database, owner.userId, 90_000);
    const row = rows.find((pet) => pet.id === id);
    expect(row).toMatchObject({ ...fields, photo_status: 'ready', photo_original_key: null });
    expect(await exists(row!.image_path!)).toBe(true);
    expect(await exists(thumbnailOf(row!.image_path!))).toBe(true);
    // The used upload is an empty tombstone: another pet cannot take it.
    expect((await bucketListing()).tombstones).toContain(upload);
    expectFailureMessage(
      await createPet(client, ids, newPetFields('Reused'), { storagePath: upload }),
      MESSAGES.uploadFailed,
    );

    // Nothing of the failed run is left beside what rows point at; the sweep (grace 0) removes the rest.
    expect(await bucketKeys()).toEqual(objectsRowsNeed(rows));
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', 'scripts/storage-sweep.ts', '--grace-minutes', '0'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...env,
          S3_ENDPOINT: s3Server.endpoint,
          DATABASE_URL: database.url,
          BETTER_AUTH_SECRET: 'faults-secret-'.padEnd(48, 'x'),
          APP_URL: app.origin,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          // Production with DATABASE_URL: the outbox is chosen explicitly (ADR 0023), as the server's is.
          MAIL_TRANSPORT: 'outbox',
        },
      },
    );
    expect(await bucketListing()).toEqual({ objects: objectsRowsNeed(rows), tombstones: [] });
  });
});
