// Data export below the browser, for either storage adapter (ADR 0015): "Export my data" answers at
// once, the real export-user-data job builds the ZIP in the user's folder and mails a link to the
// export's page over real SMTP (MailDev), the ZIP holds pets.json with every pet and every field and
// each photo byte for byte as stored, a retried job rewrites the same key and mails once, one export an
// hour, another user gets a 404 and no bytes, the clean-up job removes exports past 7 days, the photo
// sweep leaves exports alone, and deleting the account removes them. Run by data-export.test.ts (local
// disk) and data-export-s3.test.ts (radosgw), on PGlite and PostgreSQL.
import { getTableColumns, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { deleteAccount } from '@/actions/account';
import { exportUserData } from '@/actions/export';
import { createPet, getPet } from '@/actions/pets';
import { createVaccination } from '@/actions/vaccinations';
import { addVisitDocument } from '@/actions/visit-documents';
import { createVetVisit } from '@/actions/visits';
import { createWeight } from '@/actions/weight';
import { generateImageUploadUrl } from '@/actions/upload';
import { GET as downloadExport } from '@/app/(signed-in)/account/exports/[id]/download/route';
import { removeAccountFiles } from '@/data/account-files';
import { expireDataExports, getDataExport, listDataExports } from '@/data/exports';
import { exportedVaccinationColumns, exportedVisitColumns } from '@/data/exports/care-records';
import { requireUser } from '@/data/session';
import { sweepUnreferencedObjects } from '@/data/sweep';
import { db, type Transaction } from '@/db/client';
import { pets, vaccinations, vetVisits, visitDocuments, weightRecords } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { sendJob } from '@/queue/send';
import { processPhotoHandler } from '@/jobs/handlers/process-photo';
import { exportUserDataHandler } from '@/jobs/handlers/export-user-data';
import { sendMailHandler } from '@/jobs/handlers/send-mail';
import { jobQueue, stopJobQueue } from '@/queue/client';
import { startWorkers } from '@/jobs/workers';
import { resetEnvForTests } from '@/lib/env';
import { storage } from '@/storage';
import { queuedExportWithoutJob } from '../support/exports';
import { jpegWithGps, png } from '../support/images';
import { freePort, messagesTo, startMailDev, type SmtpServer } from '../support/maildev';
import { Browser, returned, type ActionOutcome } from '../support/next-request';
import { settledPet } from '../support/photo-jobs';
import { toSignedUrl } from '../support/local-upload';
import { withQuota } from '../support/quota';
import { signedIn, type SignedInBrowser } from '../support/signed-in';
import { unzip } from '../support/zip';

const EXPORT_READY_SUBJECT = /^Your Pawprint data export is ready$/;
const STARTED = 'Export started. You will receive an email when ready.';
const EXPORT_DOES_NOT_FIT =
  /^Your photo storage is full \([^)]+\): an export of your data needs about .+\. Delete some photos to make room\.$/;
const TOO_SOON = /^You've reached the limit of 1 data export per hour — try again in (\d+) minutes?\.$/;

/** The fields of a pet in pets.json (docs/data-export-format.md). */
const PETS_JSON_FIELDS = [
  'id',
  'name',
  'category',
  'birthday',
  'gender',
  'createdAt',
  'updatedAt',
  'photo',
  'vaccinations',
  'medications',
  'visits',
  'weights',
] as const;

type ExportRow = { id: string; status: string; storage_key: string; byte_size: number | null; pet_count: number };

async function exportRows(userId: string): Promise<ExportRow[]> {
  const result = (await db().execute(
    sql`select id, status, storage_key, byte_size::int, pet_count from data_exports where user_id = ${userId} order by created_at`,
  )) as unknown as { rows: ExportRow[] };
  return result.rows;
}

async function storedKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage().list(prefix)) keys.push(object.key);
  return keys.sort();
}

/** A request to a signed URL, as the browser follows the redirect: the app's storage route or S3. */
const followSigned = (location: string): Promise<Response> => toSignedUrl(location);

function download(user: SignedInBrowser, id: string): Promise<ActionOutcome<Response>> {
  return user.call(() =>
    downloadExport(new Request(`http://localhost/account/exports/${id}/download`), { params: Promise.resolve({ id }) }),
  );
}

async function waitForStatus(userId: string, id: string, status: string): Promise<void> {
  await vi.waitFor(async () => expect((await exportRows(userId)).find((row) => row.id === id)?.status).toBe(status), {
    timeout: 30_000,
    interval: 200,
  });
}

async function startExport(user: SignedInBrowser): Promise<string> {
  expect(returned(await user.submit(exportUserData, {}))).toEqual({ success: true, message: STARTED });
  return (await exportRows(user.userId)).at(-1)!.id;
}

export function dataExportSuite(driver: 'local' | 's3') {
  let smtp: SmtpServer;
  let alice: SignedInBrowser;
  let bob: SignedInBrowser;

  // The export's messages to `email` (registration also sends a verification message).
  const mailsTo = async (email: string) => messagesTo(await smtp.messages(), email, EXPORT_READY_SUBJECT);

  beforeAll(async () => {
    expect(storage().driver).toBe(driver);
    smtp = await startMailDev(await freePort());
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.smtpPort}`;
    resetEnvForTests();
    await startWorkers({
      queue: await jobQueue(),
      jobs: [exportUserDataHandler, sendMailHandler, processPhotoHandler],
      pollingIntervalSeconds: 0.5,
    });
    alice = await signedIn('export');
    bob = await signedIn('export');
    await rememberEmail(alice);
    await rememberEmail(bob);
  });

  afterEach(() => withQuota(null));

  afterAll(async () => {
    await stopJobQueue(1_000);
    await smtp?.stop();
    delete process.env.SMTP_URL;
    resetEnvForTests();
  });

  it('builds a ZIP of every pet with every field and the stored photos, mails a link to its page once, and a retry rewrites the same key', async () => {
    const photo = new File([new Uint8Array(await jpegWithGps())], 'Rex at the beach.jpg', { type: 'image/jpeg' });
    const second = new File([new Uint8Array(await png())], 'rex.png', { type: 'image/png' });
    const fields = { category: 'Dog', birthday: '2020-05-06', gender: 'male', timezone: 'UTC' };
    const created = [
      await alice.submit(createPet, { ...fields, name: 'Rex', image: photo }),
      // The same name twice: the ids keep their photos apart.
      await alice.submit(createPet, { ...fields, name: 'Rex', image: second }),
      await alice.submit(createPet, { ...fields, name: 'Ünïcode Çat 🐈', category: 'Cat', gender: 'female' }),
    ];
    // The photos are processed by their job before the export reads them.
    const petIds: string[] = [];
    for (const outcome of created) {
      expect(outcome.kind).toBe('redirected');
      const petId = new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
      expect((await settledPet(alice, petId)).photoStatus).not.toBe('failed');
      petIds.push(petId);
    }
    // The first Rex's care records (the others have none).
    const rexId = new URL((created[0] as { location: string }).location, 'http://x').searchParams.get('created')!;
    const care = [
      await alice.submit(createVaccination, {
        petId: rexId,
        vaccine: 'Rabies',
        givenOn: '2024-02-29',
        nextDueInterval: '1y',
        batchNumber: 'LOT-7',
      }),
      await alice.submit(createVetVisit, { petId: rexId, visitedOn: '2025-01-02', reason: 'Check-up', cost: '45.5' }),
    ];
    for (const outcome of care) expect(outcome.kind).toBe('redirected');
    // The first Rex is weighed twice (entered newest first: the export lists them oldest first).
    for (const weighing of [
      { date: '2026-11-02', weight: '12,8', note: 'after the vet' },
      { date: '2026-01-03', weight: '12.4', note: '' },
    ])
      expect((await alice.submit(createWeight, { petId: petIds[0]!, ...weighing })).kind).toBe('redirected');

    const id = await startExport(alice);
    await waitForStatus(alice.userId, id, 'ready');
    const [row] = await exportRows(alice.userId);
    expect(row).toMatchObject({ status: 'ready', storage_key: `${alice.userId}/exports/${id}.zip`, pet_count: 3 });

    // The email: one message, a link to the page of the app, never a storage URL.
    await vi.waitFor(async () => expect(await mailsTo(emailOf(alice))).toHaveLength(1), {
      timeout: 15_000,
      interval: 200,
    });
    const [mail] = await mailsTo(emailOf(alice));
    const link = `http://localhost:3000/account/exports/${id}`;
    expect(mail!.text).toContain(`Download your export: ${link}`);
    expect(mail!.text).not.toMatch(/api\/storage|X-Amz-Signature|sig=/);

    // The owner's download: a redirect to a URL signed now, whose bytes are the ZIP.
    const answer = returned(await download(alice, id));
    expect(answer.status).toBe(303);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const zipResponse = await followSigned(answer.headers.get('location')!);
    expect(zipResponse.status).toBe(200);
    expect(zipResponse.headers.get('content-disposition')).toMatch(
      /^attachment; filename="pawprint-export-\d{4}-\d\d-\d\d\.zip"$/,
    );
    const bytes = Buffer.from(await zipResponse.arrayBuffer());
    expect(bytes.length).toBe(Number(row!.byte_size));
    const entries = await unzip(bytes);

    const document = JSON.parse(entries.get('pets.json')!.toString('utf8')) as {
      format: string;
      version: number;
      account: { email: string };
      pets: Array<Record<string, unknown> & { id: string; photo: string | null }>;
    };
    // The documented, versioned format (docs/data-export-format.md): the user's data, never whole rows.
    expect(document.format).toBe('pawprint-pets');
    expect(document.version).toBe(1);
    expect(document.account.email).toBe(emailOf(alice));
    const stored = (await db().execute(
      sql`select * from pets where user_id = ${alice.userId} order by created_at, id`,
    )) as unknown as { rows: Array<Record<string, unknown>> };
    expect(document.pets).toHaveLength(3);
    for (const [index, pet] of document.pets.entries()) {
      expect(Object.keys(pet).sort()).toEqual([...PETS_JSON_FIELDS].sort());
      const dbRow = stored.rows[index]!;
      expect(pet).toMatchObject({
        id: dbRow.id,
        name: dbRow.name,
        category: dbRow.category,
        gender: dbRow.gender,
        birthday: String(dbRow.birthday).slice(0, 10),
        createdAt: new Date(dbRow.created_at as string).toISOString(),
        updatedAt: new Date(dbRow.updated_at as string).toISOString(),
      });
    }
    // Nothing internal: no owner id, storage key, submission id or row version anywhere in the file.
    const text = entries.get('pets.json')!.toString('utf8');
    expect(text).not.toContain(alice.userId);
    for (const row of stored.rows) {
      for (const value of [row.image_path, row.submission_id, row.photo_original_key])
        if (value) expect(text).not.toContain(String(value));
    }
    expect(document.pets.map((pet) => pet.name)).toEqual(['Rex', 'Rex', 'Ünïcode Çat 🐈']);
    // Each pet's care records, field by field (docs/data-export-format.md); none for the others.
    expect(document.pets[0]!.vaccinations).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        vaccine: 'Rabies',
        givenOn: '2024-02-29',
        nextDueOn: '2025-02-28',
        clinic: null,
        batchNumber: 'LOT-7',
        notes: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
    expect(document.pets[0]!.visits).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        visitedOn: '2025-01-02',
        reason: 'Check-up',
        clinic: null,
        notes: null,
        costCents: 4550,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        documents: [],
      },
    ]);
    for (const pet of document.pets.slice(1)) expect([pet.vaccinations, pet.visits]).toEqual([[], []]);
    expect(document.pets.map((pet) => pet.weights)).toEqual([
      [
        { date: '2026-01-03', grams: 12_400, note: null },
        { date: '2026-11-02', grams: 12_800, note: 'after the vet' },
      ],
      [],
      [],
    ]);
    expect(document.pets[2]!.photo).toBeNull();

    // Each photo entry is the stored display image, byte for byte, named after its pet.
    const photos = [...entries.keys()].filter((name) => name !== 'pets.json').sort();
    expect(photos).toEqual(
      document.pets
        .slice(0, 2)
        .map((pet) => `photos/rex-${pet.id}.webp`)
        .sort(),
    );
    for (const pet of document.pets.slice(0, 2)) {
      const shown = returned(await alice.call(() => getPet({ id: pet.id })));
      expect(shown.success).toBe(true);
      const original = await storage().read(shown.success ? shown.pet.imagePath! : '');
      expect(entries.get(pet.photo!)!.equals(original!)).toBe(true);
    }

    // A retry after a crash between the upload and the row update: the same key is written again,
    // no second object, and the owner is not mailed twice.
    await db().execute(sql`update data_exports set status = 'running' where id = ${id}`);
    await sendJob(exportUserDataHandler, { userId: alice.userId, exportId: id });
    await waitForStatus(alice.userId, id, 'ready');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await storedKeys(`${alice.userId}/exports/`)).toEqual([`${alice.userId}/exports/${id}.zip`]);
    expect(await mailsTo(emailOf(alice))).toHaveLength(1);
  });

  it('allows one export an hour, says when the next one is possible, and a failed one does not count', async () => {
    const id = await startExport(bob);
    const refused = returned(await bob.submit(exportUserData, {}));
    expect(refused.success).toBe(false);
    const minutes = Number(TOO_SOON.exec(refused.message)?.[1]);
    expect(minutes, refused.message).toBeGreaterThanOrEqual(59);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(await exportRows(bob.userId)).toHaveLength(1);

    await waitForStatus(bob.userId, id, 'ready');
    await db().execute(sql`update data_exports set status = 'failed' where id = ${id}`);
    const again = await startExport(bob);
    expect(again).not.toBe(id);
    await waitForStatus(bob.userId, again, 'ready');
  });

  it("gives another user a 404 and no bytes for someone else's export; signed out, the login comes first", async () => {
    const [aliceExport] = await exportRows(alice.userId);
    const answer = returned(await download(bob, aliceExport!.id));
    expect(answer.status).toBe(404);
    expect(answer.headers.get('location')).toBeNull();
    expect(await answer.text()).toBe('Not Found');
    expect(returned(await bob.call(async () => getDataExport(await requireUser(), aliceExport!.id)))).toBeNull();
    const bobsList = returned(await bob.call(async () => listDataExports(await requireUser())));
    expect(bobsList.map((entry) => entry.id)).not.toContain(aliceExport!.id);

    const signedOut = Object.assign(new Browser(), { userId: '' });
    expect(await download(signedOut, aliceExport!.id)).toEqual({
      kind: 'redirected',
      location: `/login?redirect=${encodeURIComponent(`/account/exports/${aliceExport!.id}`)}`,
    });
  });

  it('deleting the account removes its exports; the photo sweep leaves them; they are deleted after 7 days', async () => {
    // Bob's account goes with its exports: rows by cascade, objects with the account's folder.
    const bobsKeys = await storedKeys(`${bob.userId}/exports/`);
    expect(bobsKeys.length).toBeGreaterThanOrEqual(1);
    const outcome = await bob.submit(deleteAccount, { confirmEmail: emailOf(bob), password: 'correct horse battery' });
    expect(outcome.kind).toBe('redirected');
    // The objects go in the remove-account-files job (run here as a worker would).
    await removeAccountFiles(bob.userId);
    expect(await storedKeys(`${bob.userId}/`)).toEqual([]);
    expect(await exportRows(bob.userId)).toEqual([]);

    const [aliceExport] = await exportRows(alice.userId);
    const key = aliceExport!.storage_key;
    // The sweep removes only unreferenced photo objects, never an export.
    await sweepUnreferencedObjects({ graceMs: 0 });
    expect(await storage().head(key)).not.toBeNull();

    // A day early nothing goes; after 7 days the object goes and the page says it expired.
    await expireDataExports({ now: new Date(Date.now() + 6 * 24 * 60 * 60 * 1000) });
    expect(await storage().head(key)).not.toBeNull();
    const report = await expireDataExports({ now: new Date(Date.now() + 8 * 24 * 60 * 60 * 1000) });
    expect(report.deletedObjects).toBeGreaterThanOrEqual(1);
    expect(await storage().head(key)).toBeNull();
    expect((await exportRows(alice.userId))[0]!.status).toBe('expired');
    const expired = returned(await alice.call(async () => getDataExport(await requireUser(), aliceExport!.id)));
    expect(expired?.status).toBe('expired');
    // An expired export is not downloadable: back to its page, which says so.
    const answer = returned(await download(alice, aliceExport!.id));
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`/account/exports/${aliceExport!.id}`);
  });

  it('pets.json names every column of pets as exported or private: a new column is a decision, not a leak', () => {
    // Exported (under their pets.json names: imagePath becomes the photo's entry in the archive) …
    const exported = ['id', 'name', 'category', 'birthday', 'gender', 'createdAt', 'updatedAt', 'imagePath'];
    // … and never: the owner, the storage of the photo, the form's key, the row's version.
    const private_ = ['userId', 'version', 'submissionId', 'photoBytes', 'photoStatus', 'photoOriginalKey'];
    expect(Object.keys(getTableColumns(pets)).sort()).toEqual([...exported, ...private_].sort());
  });

  it('pets.json names every column of the care records as exported or private', () => {
    // Exported under the pet they belong to (pet_id places them); who entered one and the form's key never,
    // nor the reminder lead time (a setting of this app's emails, like the account's reminder settings).
    const private_ = ['petId', 'createdBy', 'submissionId', 'remindDaysBefore'];
    for (const [table, exported] of [
      [vaccinations, exportedVaccinationColumns],
      [vetVisits, exportedVisitColumns],
    ] as const)
      expect(Object.keys(getTableColumns(table)).sort()).toEqual([...Object.keys(exported), ...private_].sort());
  });

  it('pets.json names every column of weight_records as exported or private', () => {
    // Exported as { date, grams, note } under their pet …
    const exported = ['petId', 'weighedOn', 'grams', 'note'];
    // … and never: who entered it, the form's key, the record's own id and times.
    const private_ = ['id', 'createdBy', 'submissionId', 'createdAt', 'updatedAt'];
    expect(Object.keys(getTableColumns(weightRecords)).sort()).toEqual([...exported, ...private_].sort());
  });

  it('pets.json names every column of visit_documents as exported or private', () => {
    // Exported under their visit as { filename, contentType, byteSize, path, createdAt } …
    const exported = ['visitId', 'filename', 'contentType', 'byteSize', 'createdAt'];
    // … and never: the storage key (the file is in the archive instead), who added it, the row's id.
    const private_ = ['id', 'storageKey', 'createdBy'];
    expect(Object.keys(getTableColumns(visitDocuments)).sort()).toEqual([...exported, ...private_].sort());
  });

  it("holds each vet visit's documents: listed under the visit, the files in the archive byte for byte", async () => {
    const frank = await signedIn('export');
    const petId = await petOf(frank);
    const visitId = await visitOf(frank, petId);
    const pdf = pdfOfSize(2_000);
    const picture = await png(40, 30);
    for (const file of [
      new File([new Uint8Array(pdf)], 'Blood test.pdf'),
      // A PNG named .pdf: exported as what its bytes are.
      new File([new Uint8Array(picture)], 'scan.pdf'),
    ])
      expect((await frank.submit(addVisitDocument, { petId, visitId, document: file })).kind).toBe('redirected');
    const id = await startExport(frank);
    await waitForStatus(frank.userId, id, 'ready');
    const answer = returned(await download(frank, id));
    const entries = await unzip(Buffer.from(await (await followSigned(answer.headers.get('location')!)).arrayBuffer()));
    const document = JSON.parse(entries.get('pets.json')!.toString('utf8')) as {
      pets: { visits: { id: string; documents: { path: string }[] }[] }[];
    };
    const [visit] = document.pets[0]!.visits;
    expect(visit!.id).toBe(visitId);
    expect(visit!.documents).toEqual([
      {
        filename: 'Blood test.pdf',
        contentType: 'application/pdf',
        byteSize: pdf.length,
        path: expect.stringMatching(/^documents\/blood-test-[0-9a-f-]{36}\.pdf$/),
        createdAt: expect.any(String),
      },
      {
        filename: 'scan.pdf',
        contentType: 'image/png',
        byteSize: picture.length,
        path: expect.stringMatching(/^documents\/scan-[0-9a-f-]{36}\.png$/),
        createdAt: expect.any(String),
      },
    ]);
    expect(entries.get(visit!.documents[0]!.path)!.equals(pdf)).toBe(true);
    expect(entries.get(visit!.documents[1]!.path)!.equals(picture)).toBe(true);
  });

  it('refuses an export that would not fit beside many documents, as beside photos', async () => {
    const gina = await signedIn('export');
    const petId = await petOf(gina);
    const visitId = await visitOf(gina, petId);
    for (let index = 0; index < 5; index++)
      expect(
        (
          await gina.submit(addVisitDocument, {
            petId,
            visitId,
            document: new File([new Uint8Array(pdfOfSize(20_000))], `report-${index}.pdf`),
          })
        ).kind,
      ).toBe('redirected');
    // Room for the documents once and a little more: the archive holds them again.
    withQuota(5 * 20_000 + 20_000);
    const refused = returned(await gina.submit(exportUserData, {}));
    expect(refused).toEqual({ success: false, message: expect.stringMatching(EXPORT_DOES_NOT_FIT) });
    expect(await exportRows(gina.userId)).toEqual([]);
    // With room for them twice over (and pets.json), it starts.
    withQuota(3 * 5 * 20_000);
    await startExport(gina);
  });

  it('keeps one live export per account: a new one removes the older archive and its row', async () => {
    const carol = await signedIn('export');
    await petWithPhoto(carol);
    const first = await startExport(carol);
    await waitForStatus(carol.userId, first, 'ready');
    // An hour later the next export may start.
    await db().execute(sql`update data_exports set created_at = created_at - interval '2 hours' where id = ${first}`);
    const second = await startExport(carol);
    await waitForStatus(carol.userId, second, 'ready');
    expect((await exportRows(carol.userId)).map((row) => row.id)).toEqual([second]);
    expect(await storedKeys(`${carol.userId}/exports/`)).toEqual([`${carol.userId}/exports/${second}.zip`]);
  });

  it("counts an export's bytes in the storage quota, and refuses one that does not fit with a clear message", async () => {
    const dave = await signedIn('export');
    await petWithPhoto(dave);
    const photos = await photoBytesOf(dave.userId);
    expect(photos).toBeGreaterThan(0);

    // The archive holds the photos again: with room for them only once, the export is refused.
    withQuota(photos + 100);
    const refused = returned(await dave.submit(exportUserData, {}));
    expect(refused).toEqual({ success: false, message: expect.stringMatching(EXPORT_DOES_NOT_FIT) });
    expect(await exportRows(dave.userId)).toEqual([]);

    withQuota(null);
    const id = await startExport(dave);
    await waitForStatus(dave.userId, id, 'ready');
    const archive = Number((await exportRows(dave.userId))[0]!.byte_size);
    expect(archive).toBeGreaterThan(0);
    // Room for the photos and 10 KB more, but the archive counts too: a 10 KB upload no longer fits.
    withQuota(photos + archive + 10 * 1024 + 1);
    expect(await uploadUrlFor(dave, 10 * 1024)).toMatchObject({ success: true });
    withQuota(photos + 10 * 1024 + 1);
    expect(await uploadUrlFor(dave, 10 * 1024)).toEqual({
      success: false,
      message: expect.stringMatching(/^Your photo storage is full/),
    });
  });

  it('an export that finishes after its account was deleted leaves nothing: no mail, no archive', async () => {
    const erin = await signedIn('export');
    await rememberEmail(erin);
    await petWithPhoto(erin);
    const exportId = await queuedExportWithoutJob(erin.userId);
    let deleted = false;
    // The account is deleted (and its files removed, as the remove-account-files job does) while the
    // export job builds its archive.
    const run = {
      jobId: crypto.randomUUID(),
      attempt: 1,
      userId: erin.userId,
      asUser: async <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
        const [row] = await exportRows(erin.userId);
        if (!deleted && row?.status === 'running') {
          deleted = true;
          const outcome = await erin.submit(deleteAccount, {
            confirmEmail: emailOf(erin),
            password: 'correct horse battery',
          });
          expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
          await removeAccountFiles(erin.userId);
        }
        return withUser(db(), erin.userId, work);
      },
    };
    await exportUserDataHandler.handler({ userId: erin.userId, exportId }, run);
    expect(deleted).toBe(true);
    expect(await storedKeys(`${erin.userId}/`)).toEqual([]);
    // The mail worker runs in this suite: nothing reaches the deleted address.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await mailsTo(emailOf(erin))).toEqual([]);
  });
}

const emails = new WeakMap<SignedInBrowser, string>();
function emailOf(user: SignedInBrowser): string {
  return emails.get(user)!;
}

/** Remembers each test user's address (signedIn makes it; the session knows it). */
async function rememberEmail(user: SignedInBrowser): Promise<void> {
  const me = returned(await user.call(async () => (await requireUser()).email));
  emails.set(user, me);
}

/** A pet with a processed photo for `user`. */
async function petWithPhoto(user: SignedInBrowser): Promise<void> {
  const photo = new File([new Uint8Array(await jpegWithGps())], 'photo.jpg', { type: 'image/jpeg' });
  const fields = { name: 'Rex', category: 'Dog', birthday: '2020-05-06', gender: 'male', timezone: 'UTC' };
  const outcome = await user.submit(createPet, { ...fields, image: photo });
  expect(outcome.kind).toBe('redirected');
  const petId = new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
  expect((await settledPet(user, petId)).photoStatus).toBe('ready');
}

/** A pet (no photo) of `user`; its id. */
async function petOf(user: SignedInBrowser): Promise<string> {
  const fields = { name: 'Rex', category: 'Dog', birthday: '2020-05-06', gender: 'male', timezone: 'UTC' };
  const outcome = await user.submit(createPet, fields);
  expect(outcome.kind).toBe('redirected');
  return new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
}

/** A vet visit of the pet; its id. */
async function visitOf(user: SignedInBrowser, petId: string): Promise<string> {
  expect((await user.submit(createVetVisit, { petId, visitedOn: '2025-01-02', reason: 'Check-up' })).kind).toBe(
    'redirected',
  );
  const result = (await db().execute(
    sql`select id from vet_visits where pet_id = ${petId} order by created_at desc limit 1`,
  )) as unknown as { rows: { id: string }[] };
  return result.rows[0]!.id;
}

/** A PDF (by its bytes) of exactly `size` bytes. */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

async function photoBytesOf(userId: string): Promise<number> {
  const result = (await db().execute(
    sql`select coalesce(sum(photo_bytes), 0)::bigint as n from pets where user_id = ${userId}`,
  )) as unknown as { rows: { n: string | number }[] };
  return Number(result.rows[0]!.n);
}

async function uploadUrlFor(user: SignedInBrowser, fileSize: number) {
  return returned(
    await user.call(() => generateImageUploadUrl({ filename: 'pet.jpg', fileType: 'image/jpeg', fileSize })),
  );
}
