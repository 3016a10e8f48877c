// Fault 2: storage fails during an upload or while createPet finalizes the photo. The user gets a
// clear message (no internals), no row ever points at a missing photo, nothing is left half
// written, and once storage is back the same form goes through without restarting the server.
// Local disk: a 2 MB tmpfs mounted at DATA_DIR/storage, really filled up (ENOSPC). S3: a real S3
// server (radosgw) behind a TCP proxy that dies in the middle of the finalize.
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
  petsOf,
} from './support/harness';
import { referencedObjects, thumbnailOf } from '../support/pet-rows';
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
    expectStorageHolds(dataDir, await ownPets(), pending);
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

  it('the disk fills up between the upload and createPet: a clear message, no row, no half-stored photo; room again → the same form succeeds', async () => {
    const upload = await uploadPhoto(client, ids, await png(800, 600));
    const fields = newPetFields('Finalize');
    const filler = fillUp(storageDir);
    try {
      const failed = await createPet(client, ids, fields, { storagePath: upload });
      expectFailureMessage(failed, MESSAGES.createFailed);
      expect(await ownPets()).toEqual([]);
      await expectStorageExactly([upload]);
    } finally {
      rmSync(filler);
    }

    const retried = await createPet(client, ids, fields, { storagePath: upload });
    const id = createdId(retried);
    expect(id, JSON.stringify(retried.outcome)).toBeTruthy();
    const [row] = await ownPets();
    expect(row).toMatchObject({ id, ...fields, image_path: expect.stringMatching(/\.webp$/) });
    await expectStorageExactly([]);
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

  async function bucketKeys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: direct }, { Bucket: bucket }))
      for (const object of page.Contents ?? []) keys.push(object.Key!);
    return keys.sort();
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

  it('S3 dies after the display image is written, before the thumbnail: a clear message, no row; back up → the same form succeeds, and the sweep removes what the failure left', async () => {
    const upload = await uploadPhoto(client, ids, await png(900, 600));
    expect(await exists(upload)).toBe(true);
    const fields = newPetFields('S3Cut');

    // The thumbnail's PutObject is the moment S3 goes away (and stays away: the SDK's retries fail too).
    const cut = proxy.cutOn('.thumb.webp?x-id=PutObject', { stayDown: true });
    const failed = await createPet(client, ids, fields, { storagePath: upload });
    await cut;
    expectFailureMessage(failed, MESSAGES.createFailed);
    expect(await ownPets()).toEqual([]);
    // While S3 is down the health check says so, naming storage, without internals.
    const health = await client.request('/api/health');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toEqual({ status: 'unavailable', database: 'ok', storage: 'unavailable' });
    // No thumbnail was stored; at most the display image is left behind, pointed at by nothing.
    const leftBehind = (await bucketKeys()).filter((key) => key !== upload);
    expect(leftBehind.every((key) => key.endsWith('.webp') && !key.endsWith('.thumb.webp'))).toBe(true);

    proxy.up();
    let status = 0;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && status !== 200; await sleep(250))
      status = (await client.request('/api/health')).status;
    expect(status).toBe(200);

    const retried = await createPet(client, ids, fields, { storagePath: upload });
    const id = createdId(retried);
    expect(id, JSON.stringify(retried.outcome)).toBeTruthy();
    const rows = await ownPets();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, ...fields });
    expect(await exists(rows[0]!.image_path!)).toBe(true);
    expect(await exists(thumbnailOf(rows[0]!.image_path!))).toBe(true);

    // What the failure left (if anything) is pointed at by no row; the sweep removes it.
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
        },
      },
    );
    expect(await bucketKeys()).toEqual(referencedObjects(rows));
  });
});
