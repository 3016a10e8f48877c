// Storage an account is not owed, taken through the data export and the photo job, on a server of its
// own with a small storage quota and real SMTP (MailDev):
// - exports started again and again (each an hour after the last: the test moves the last one back
//   an hour, as waiting would) leave one archive, whose bytes count in the quota; an account at its
//   quota is refused the export with a clear message;
// - an account deleted while its export job runs leaves no archive, and its address gets no mail;
// - an original that compresses better than WebP (2-colour noise) cannot take the account over its
//   quota once the photo job has made the display image and thumbnail: the photo fails instead.
import { execFileSync } from 'node:child_process';
import { constants, linkSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STORAGE_BUCKET } from '@/storage';
import { registerOverHttp } from '../support/accounts';
import type { HttpClient } from '../support/http';
import { noisePng, png } from '../support/images';
import { messagesTo } from '../support/maildev';
import { uploadPhoto } from '../support/photo-upload';
import { actionId, context, filesUnder, Ledger, messageOf } from './support/harness';
import { queueSettled, startOwnServerWithMail, type OwnServerWithMail } from './support/own-server';

/** Room for a small photo, its export and the noise original; far from the noise's ~1 MB of WebP. */
const QUOTA = 256 * 1024;
const STARTED = 'Export started. You will receive an email when ready.';
const STORAGE_FULL = /^Your photo storage is full \(256 KB\)/;
const EXPORT_DOES_NOT_FIT =
  /^Your photo storage is full \(256 KB\): an export of your data needs about .+\. Delete some photos to make room\.$/;
const EXPORT_READY = /data export is ready/i;

let server: OwnServerWithMail;

beforeAll(async () => {
  server = await startOwnServerWithMail('exportquota', {
    STORAGE_QUOTA_BYTES: String(QUOTA),
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

type Attacker = { client: HttpClient; email: string; password: string; userId: string };

async function register(label: string, address: string): Promise<Attacker> {
  const client = server.client(address);
  const ids = { register: actionId('register'), getCurrentUser: actionId('getCurrentUser') };
  return { client, ...(await registerOverHttp(client, ids, label)) };
}

/** A pet whose photo was uploaded through a signed URL; its id once the photo job has settled it. */
async function petWithPhoto(owner: Attacker, bytes: Buffer, name: string) {
  const storagePath = await uploadPhoto(
    owner.client,
    { generateImageUploadUrl: actionId('generateImageUploadUrl') },
    bytes,
  );
  const fields = { name, category: 'Probe', birthday: '2020-01-01', gender: 'other', timezone: 'UTC', storagePath };
  const call = await owner.client.form(actionId('createPet'), fields, { path: '/pets/new' });
  expect(call.outcome.kind, JSON.stringify(call.outcome)).toBe('redirected');
  const id = new URL((call.outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
  type Row = { photo_status: string | null; image_path: string | null };
  let row: Row | undefined;
  await vi.waitFor(
    async () => {
      const { rows } = await server.db.query<Row>('select photo_status, image_path from pets where id = $1', [id]);
      row = rows[0];
      expect(row?.photo_status).not.toBe('processing');
    },
    { timeout: 120_000, interval: 250 },
  );
  return { id, ...row! };
}

function startExport(owner: Attacker) {
  return owner.client.action(context().allActions['src/actions/export.ts#exportUserData']!, [null, new FormData()], {
    path: '/account',
  });
}

async function exportRows(userId: string) {
  const { rows } = await server.db.query<{ id: string; status: string; byte_size: string | null }>(
    'select id, status, byte_size from data_exports where user_id = $1 order by created_at',
    [userId],
  );
  return rows;
}

/** The hour between two exports has passed: what waiting it out would do. */
async function anHourLater(userId: string): Promise<void> {
  await server.db.query(`update data_exports set created_at = created_at - interval '2 hours' where user_id = $1`, [
    userId,
  ]);
}

/** Where the local-disk adapter keeps the objects of the server's bucket. */
function storageRoot(): string {
  return path.join(server.dataDir, 'storage', STORAGE_BUCKET);
}

/** Files under the account's storage folder (the adapter's dot-files — metadata, temp files — included). */
function filesOf(userId: string, under = '') {
  return filesUnder(path.join(storageRoot(), userId, under));
}

/** What the account holds against its quota: photos, pending uploads, ready exports (superuser view). */
async function heldBytes(userId: string): Promise<number> {
  const { rows } = await server.db.query<{ used: string }>(
    `select coalesce((select sum(photo_bytes) from pets where user_id = $1), 0)
       + coalesce((select sum(bytes) from upload_reservations where user_id = $1 and expires_at > now()), 0)
       + coalesce((select sum(byte_size) from data_exports where user_id = $1 and status = 'ready'), 0) as used`,
    [userId],
  );
  return Number(rows[0]!.used);
}

async function uploadUrl(owner: Attacker, fileSize: number) {
  const call = await owner.client.action(
    actionId('generateImageUploadUrl'),
    [{ filename: 'fill.jpg', fileType: 'image/jpeg', fileSize }],
    { path: '/pets/new' },
  );
  return { call, success: call.outcome.kind === 'returned' && (call.outcome.value as { success: boolean }).success };
}

describe('exports and photos within the storage quota', () => {
  it('repeated exports keep one archive, its bytes count in the quota, and an account at its quota is refused', async () => {
    const ledger = new Ledger('Export hoarding (small quota)');
    const hoarder = await register('hoarder', '127.0.8.1');
    const photo = await petWithPhoto(hoarder, await png(320, 240), 'Rex');
    expect(photo.photo_status).toBe('ready');

    let live = '';
    for (let round = 1; round <= 3; round++) {
      if (round > 1) await anHourLater(hoarder.userId);
      const started = await startExport(hoarder);
      expect(messageOf(started), JSON.stringify(started.outcome)).toBe(STARTED);
      await vi.waitFor(async () => expect((await exportRows(hoarder.userId)).at(-1)?.status).toBe('ready'), {
        timeout: 60_000,
        interval: 250,
      });
      live = (await exportRows(hoarder.userId)).at(-1)!.id;
      const archives = filesOf(hoarder.userId, 'exports')
        .map((file) => file.path)
        .filter((name) => !name.startsWith('.'));
      ledger.attempt(`export #${round}: ${archives.length} archive(s) stored`, archives.length === 1);
      expect.soft(archives, `archives after export #${round}`).toEqual([`${live}.zip`]);
    }

    // The archive counts: an upload one byte larger than what the photos and the archive leave is refused.
    const { rows: sums } = await server.db.query<{ photos: string }>(
      'select coalesce(sum(photo_bytes), 0) as photos from pets where user_id = $1',
      [hoarder.userId],
    );
    const archive = Number((await exportRows(hoarder.userId)).find((row) => row.id === live)?.byte_size ?? 0);
    const room = QUOTA - Number(sums[0]!.photos) - archive;
    const overByOne = await uploadUrl(hoarder, room + 1);
    ledger.attempt(
      `upload URL for ${room + 1} bytes beside an archive of ${archive}`,
      !overByOne.success,
      overByOne.call.response,
    );
    expect.soft(messageOf(overByOne.call)).toMatch(STORAGE_FULL);
    expect.soft(await heldBytes(hoarder.userId)).toBeLessThanOrEqual(QUOTA);

    // At its quota (an upload holds the rest), the next export does not fit: refused, and said why.
    const filler = await uploadUrl(hoarder, QUOTA - (await heldBytes(hoarder.userId)));
    expect.soft(filler.success, JSON.stringify(filler.call.outcome)).toBe(true);
    await anHourLater(hoarder.userId);
    const refused = await startExport(hoarder);
    ledger.attempt(
      `export at the quota → ${messageOf(refused)}`,
      EXPORT_DOES_NOT_FIT.test(messageOf(refused)),
      refused.response,
    );
    expect.soft(messageOf(refused)).toMatch(EXPORT_DOES_NOT_FIT);
    expect.soft((await exportRows(hoarder.userId)).map((row) => row.id)).toEqual([live]);
  }, 240_000);

  it('an account deleted while its export is built leaves no archive, and its address gets no mail', async () => {
    const ledger = new Ledger('Delete the account during its export');
    const victim = await register('leaver', '127.0.8.2');
    const { image_path: imagePath } = await petWithPhoto(victim, await png(320, 240), 'Rex');
    expect(imagePath).toBeTruthy();

    // Holding the job still, the way a slow disk would: the photo's metadata file becomes a FIFO, so
    // the job waits wherever it reads it — first when it sizes the photo, then when it opens the photo
    // to stream it into the archive (pets.json already zipped, the photo file open, the archive not
    // yet written). A second name for the FIFO outside the account's folder outlives the account's files.
    const metadata = path.join(storageRoot(), path.dirname(imagePath!), `.${path.basename(imagePath!)}.meta.json`);
    const contents = readFileSync(metadata);
    rmSync(metadata);
    execFileSync('mkfifo', [metadata]);
    const hold = path.join(server.dataDir, 'held-metadata.fifo');
    linkSync(metadata, hold);
    // Opening a FIFO to write waits for its reader: each open resolves once the job reads it.
    const jobReads = async () => {
      const writer = open(hold, 'w');
      const timeout = setTimeout(() => {
        // Never reached: open a reader ourselves, so the writer above (and this test) can end.
        void open(hold, constants.O_RDONLY | constants.O_NONBLOCK).then((reader) => reader.close());
      }, 90_000);
      const handle = await writer;
      clearTimeout(timeout);
      return handle;
    };

    const started = await startExport(victim);
    expect(messageOf(started), JSON.stringify(started.outcome)).toBe(STARTED);
    const sizing = await jobReads();
    await sizing.write(contents);
    await sizing.close();
    const streaming = await jobReads();
    expect((await exportRows(victim.userId)).map((row) => row.status)).toEqual(['running']);

    const deleted = await victim.client.form(
      actionId('deleteAccount'),
      { confirmEmail: victim.email, password: victim.password },
      { path: '/account' },
    );
    expect(deleted.outcome.kind, JSON.stringify(deleted.outcome)).toBe('redirected');
    // The remove-account-files job takes the account's objects (the photo, its metadata) meanwhile.
    await vi.waitFor(
      () => expect(filesOf(victim.userId).filter((file) => !path.basename(file.path).startsWith('.'))).toEqual([]),
      {
        timeout: 60_000,
        interval: 250,
      },
    );
    // Then the export job goes on: the photo it opened is read to the end, the archive finished.
    await streaming.write(contents);
    await streaming.close();
    await queueSettled(server.db, ['export-user-data', 'send-mail']);
    rmSync(hold);
    // The job ran to its end (it did not fail and give up half-way): what it left is what it chose to.
    const { rows: runs } = await server.db.query<{ state: string }>(
      `select state::text from pgboss.job where name = 'export-user-data' and data->>'userId' = $1`,
      [victim.userId],
    );
    expect(runs.map((run) => run.state)).toEqual(['completed']);

    const left = filesOf(victim.userId).map((file) => file.path);
    const mails = messagesTo(await server.smtp.messages(), victim.email.toLowerCase(), EXPORT_READY);
    console.log(
      `deleted during export: files left [${left.join(', ')}], ${mails.length} export mail(s) to the address`,
    );
    ledger.attempt(
      `export finished after the deletion: ${left.length} file(s) left, ${mails.length} mail(s)`,
      left.length === 0 && mails.length === 0,
    );
    expect.soft(left, "the deleted account's storage folder").toEqual([]);
    expect.soft(mails.map((mail) => mail.subject)).toEqual([]);
  }, 240_000);

  it('an original that compresses better than WebP cannot take the account over its quota', async () => {
    const ledger = new Ledger('Quota overrun through the photo job (noise PNG)');
    const attacker = await register('noise', '127.0.8.3');
    const original = await noisePng();
    expect(original.length).toBeLessThan(QUOTA);
    const pet = await petWithPhoto(attacker, original, 'Noise');

    const held = await heldBytes(attacker.userId);
    const onDisk = filesOf(attacker.userId)
      .filter((file) => !file.path.split('/').some((part) => part.startsWith('.')))
      .reduce((sum, file) => sum + file.size, 0);
    const shown = await attacker.client.action(actionId('getPet'), [{ id: pet.id }], { path: `/pets/${pet.id}` });
    const shownPet = (shown.outcome as { value?: { pet?: Record<string, unknown> } }).value?.pet;
    console.log(
      `noise photo: ${original.length} bytes uploaded → ${pet.photo_status}, ${held} bytes held, ${onDisk} on disk (quota ${QUOTA})`,
    );
    ledger.attempt(
      `noise PNG of ${original.length} bytes → photo ${pet.photo_status}, ${onDisk} bytes stored`,
      held <= QUOTA && onDisk <= QUOTA,
    );
    expect.soft(held, 'bytes the account holds').toBeLessThanOrEqual(QUOTA);
    expect.soft(onDisk, "bytes in the account's storage folder").toBeLessThanOrEqual(QUOTA);
    expect.soft(pet.photo_status).toBe('failed');
    expect.soft(shownPet).toMatchObject({ photoStatus: 'failed', imageUrl: null, thumbnailUrl: null });
  }, 240_000);
});
