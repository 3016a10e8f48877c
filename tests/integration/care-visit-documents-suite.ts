// A vet visit's documents against a real database, for either storage adapter (ADR 0036): uploaded through
// a signed URL and added, or sent inside the form without JavaScript; typed by their bytes (a PNG named
// .pdf is a PNG, an EXE named .pdf is refused and its bytes removed); 10 MB at most; counted in the
// storage quota; 20 per visit; opened through a route that checks the caller; removed with the visit,
// the pet and the account; kept by the storage sweep; another account's ids answered as not found. Run
// by care-visit-documents.test.ts (local disk) and care-visit-documents-s3.test.ts (radosgw), on PGlite
// and PostgreSQL.
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deleteAccount } from '@/actions/account';
import { deletePet } from '@/actions/pets';
import { generateImageUploadUrl } from '@/actions/upload';
import { addVisitDocument, deleteVisitDocument, generateVisitDocumentUploadUrl } from '@/actions/visit-documents';
import { createVetVisit, deleteVetVisit } from '@/actions/visits';
import { GET as openDocument } from '@/app/(signed-in)/pets/[id]/visits/[recordId]/documents/[documentId]/route';
import { removeAccountFiles } from '@/data/account-files';
import { listVisitDocuments } from '@/data/care/visit-documents';
import { requireUser } from '@/data/session';
import { sweepUnreferencedObjects } from '@/data/sweep';
import { db } from '@/db/client';
import { storage } from '@/storage';
import { petOf, storedRows } from '../support/care';
import { png } from '../support/images';
import { toSignedUrl } from '../support/local-upload';
import { returned, type ActionOutcome } from '../support/next-request';
import { withQuota } from '../support/quota';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const TEN_MB = 10 * 1024 * 1024;
const TYPE_REFUSED = 'Documents must be PDF, JPEG or PNG';
const TOO_LARGE = 'A document can be at most 10 MB';
const STORAGE_FULL = /^Your photo storage is full \([^)]+\)\. Delete some photos to make room\.$/;
const VISIT_NOT_FOUND = { success: false, message: 'Vet visit not found' };
const DOCUMENT_NOT_FOUND = { success: false, message: 'Document not found' };

/** A small but real PDF: a header, one empty page, a cross-reference table and the trailer. */
function tinyPdf(text = 'Pawprint'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\n` +
      `xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n0\n%%EOF\n`,
  );
}

/** The start of a Windows executable (MZ … PE): what file-type calls application/x-msdownload. */
function exe(): Buffer {
  const bytes = Buffer.alloc(1024);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

async function visitOf(browser: SignedInBrowser, petId: string, reason = 'Check-up'): Promise<string> {
  const before = (await storedRows('vet_visits', petId)).map((row) => row.id);
  const outcome = await browser.submit(createVetVisit, { petId, visitedOn: '2026-03-03', reason });
  expect(outcome.kind).toBe('redirected');
  return String((await storedRows('vet_visits', petId)).find((row) => !before.includes(row.id))!.id);
}

type DocumentRow = {
  id: string;
  visit_id: string;
  storage_key: string;
  filename: string;
  content_type: string;
  byte_size: number;
};

async function documentRows(where: { visitId?: string; petId?: string } = {}): Promise<DocumentRow[]> {
  const result = (await db().execute(sql`
    select d.id, d.visit_id, d.storage_key, d.filename, d.content_type, d.byte_size from visit_documents d
    join vet_visits v on v.id = d.visit_id
    where (${where.visitId ?? null}::uuid is null or d.visit_id = ${where.visitId ?? null}::uuid)
      and (${where.petId ?? null}::uuid is null or v.pet_id = ${where.petId ?? null}::uuid)
    order by d.created_at, d.id`)) as unknown as { rows: DocumentRow[] };
  return result.rows;
}

const allDocuments = async () =>
  Number(
    ((await db().execute(sql`select count(*) as n from visit_documents`)) as unknown as { rows: { n: string }[] })
      .rows[0]!.n,
  );

/** Signs an upload of `bytes` for the visit (the browser's declared type and name) and PUTs them. */
async function uploaded(
  browser: SignedInBrowser,
  ids: { petId: string; visitId: string },
  bytes: Buffer,
  filename: string,
  fileType = 'application/pdf',
): Promise<string> {
  const signed = returned(
    await browser.call(() => generateVisitDocumentUploadUrl({ ...ids, filename, fileType, fileSize: bytes.length })),
  );
  expect(signed, JSON.stringify(signed)).toMatchObject({ success: true });
  const put = await toSignedUrl(signed.uploadUrl!, {
    method: 'PUT',
    headers: signed.headers,
    body: new Uint8Array(bytes),
    duplex: 'half',
  } as RequestInit);
  expect(put.status).toBe(200);
  return signed.storagePath!;
}

function added(outcome: ActionOutcome<unknown>, petId: string, visitId: string) {
  expect(outcome).toEqual({
    kind: 'redirected',
    location: `/pets/${petId}/visits/${visitId}/edit?documents=document-added#documents`,
  });
}

function refusedWith(outcome: ActionOutcome<unknown>, message: string | RegExp) {
  const value = returned(outcome) as { success: boolean; message: string; errors?: { document?: string[] } };
  expect(value.success).toBe(false);
  expect(value.message).toMatch(message);
  return value;
}

const open = (browser: SignedInBrowser, petId: string, visitId: string, documentId: string) =>
  browser
    .call(() =>
      openDocument(new Request(`http://localhost/pets/${petId}/visits/${visitId}/documents/${documentId}`), {
        params: Promise.resolve({ id: petId, recordId: visitId, documentId }),
      }),
    )
    .then(returned);

async function objectSize(key: string): Promise<number | null> {
  return (await storage().head(key))?.size ?? null;
}

export function visitDocumentsSuite(driver: 'local' | 's3') {
  let alice: SignedInBrowser;
  let bob: SignedInBrowser;
  let alicePet: string;
  let bobPet: string;

  beforeAll(async () => {
    expect(storage().driver).toBe(driver);
    alice = await signedIn('documents');
    bob = await signedIn('documents');
    alicePet = await petOf(alice);
    bobPet = await petOf(bob, 'Tom', 'Cat');
  });

  afterEach(() => withQuota(null));

  describe('adding a document with JavaScript (a signed upload, then addVisitDocument)', () => {
    it('adds the uploaded PDF, lists it, ends the upload hold and opens it through the checked route', async () => {
      const visitId = await visitOf(alice, alicePet);
      const pdf = tinyPdf();
      const storagePath = await uploaded(alice, { petId: alicePet, visitId }, pdf, 'Blood test.pdf');
      added(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, storagePath, filename: 'Blood test.pdf' }),
        alicePet,
        visitId,
      );
      const listed = returned(await alice.call(async () => listVisitDocuments(await requireUser(), alicePet, visitId)));
      expect(listed).toEqual([
        {
          id: expect.any(String),
          visitId,
          filename: 'Blood test.pdf',
          contentType: 'application/pdf',
          byteSize: pdf.length,
          createdAt: expect.any(String),
        },
      ]);
      const [row] = await documentRows({ visitId });
      expect(row!.storage_key).toBe(storagePath);
      const holds = await db().execute(sql`select 1 from upload_reservations where storage_path = ${storagePath}`);
      expect((holds as unknown as { rows: unknown[] }).rows).toEqual([]);

      const answer = await open(alice, alicePet, visitId, listed![0]!.id);
      expect(answer.status).toBe(303);
      const served = await toSignedUrl(answer.headers.get('location')!);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
    });

    it('types a document by its bytes: a PNG named .pdf (declared a PDF) is added as a PNG', async () => {
      const visitId = await visitOf(alice, alicePet);
      const picture = await png(64, 48);
      const storagePath = await uploaded(alice, { petId: alicePet, visitId }, picture, 'scan.pdf', 'application/pdf');
      added(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, storagePath, filename: 'scan.pdf' }),
        alicePet,
        visitId,
      );
      expect(await documentRows({ visitId })).toEqual([
        expect.objectContaining({ filename: 'scan.pdf', content_type: 'image/png', byte_size: picture.length }),
      ]);
    });

    it('refuses an EXE named .pdf with its message, records nothing and removes its bytes', async () => {
      const visitId = await visitOf(alice, alicePet);
      const storagePath = await uploaded(alice, { petId: alicePet, visitId }, exe(), 'invoice.pdf');
      const refused = refusedWith(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, storagePath, filename: 'invoice.pdf' }),
        TYPE_REFUSED,
      );
      expect(refused.errors).toEqual({ document: [TYPE_REFUSED] });
      expect(await documentRows({ visitId })).toEqual([]);
      // The bytes are gone: an empty tombstone refuses a replayed URL until the sweep removes it.
      expect(await objectSize(storagePath)).toBe(0);
      const holds = await db().execute(sql`select 1 from upload_reservations where storage_path = ${storagePath}`);
      expect((holds as unknown as { rows: unknown[] }).rows).toEqual([]);
      // The same path again is no upload any more.
      refusedWith(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, storagePath, filename: 'invoice.pdf' }),
        'The document could not be added. Please try again.',
      );
    });

    it('refuses an upload URL over 10 MB and a type other than PDF, JPEG or PNG, handing out nothing', async () => {
      const visitId = await visitOf(alice, alicePet);
      const ids = { petId: alicePet, visitId, filename: 'big.pdf' };
      expect(
        returned(
          await alice.call(() =>
            generateVisitDocumentUploadUrl({ ...ids, fileType: 'application/pdf', fileSize: TEN_MB + 1 }),
          ),
        ),
      ).toEqual({ success: false, message: TOO_LARGE });
      expect(
        returned(
          await alice.call(() =>
            generateVisitDocumentUploadUrl({ ...ids, fileType: 'application/x-msdownload', fileSize: 10 }),
          ),
        ),
      ).toEqual({ success: false, message: TYPE_REFUSED });
      // Exactly 10 MB is allowed.
      expect(
        returned(
          await alice.call(() =>
            generateVisitDocumentUploadUrl({ ...ids, fileType: 'application/pdf', fileSize: TEN_MB }),
          ),
        ),
      ).toMatchObject({ success: true });
    });

    it('does not take a key that is no upload of the caller: a photo of theirs, or a path outside their folder', async () => {
      const visitId = await visitOf(alice, alicePet);
      const photoUpload = returned(
        await alice.call(() => generateImageUploadUrl({ filename: 'a.png', fileType: 'image/png', fileSize: 10 })),
      );
      for (const storagePath of [`${bob.userId}/pets/x-a.pdf`, '../etc/passwd', `${alice.userId}/exports/x.zip`])
        refusedWith(
          await alice.submit(addVisitDocument, { petId: alicePet, visitId, storagePath, filename: 'a.pdf' }),
          'The document could not be added. Please try again.',
        );
      // An upload URL handed out but never used: nothing there to add.
      refusedWith(
        await alice.submit(addVisitDocument, {
          petId: alicePet,
          visitId,
          storagePath: photoUpload.storagePath!,
          filename: 'a.pdf',
        }),
        'The document could not be added. Please try again.',
      );
      expect(await documentRows({ visitId })).toEqual([]);
    });
  });

  describe('adding a document without JavaScript (the file inside the form)', () => {
    const file = (bytes: Buffer, name: string, type = 'application/pdf') =>
      new File([new Uint8Array(bytes)], name, { type });

    it('adds the PDF with the same checks, under a new key in the owner folder', async () => {
      const visitId = await visitOf(alice, alicePet);
      const pdf = tinyPdf('no-js');
      added(
        await alice.submit(addVisitDocument, {
          petId: alicePet,
          visitId,
          document: file(pdf, 'C:\\scans\\X-ray\u202E.pdf'),
        }),
        alicePet,
        visitId,
      );
      const [row] = await documentRows({ visitId });
      // The path and the bidi override are gone from the shown name.
      expect(row).toMatchObject({ filename: 'X-ray.pdf', content_type: 'application/pdf', byte_size: pdf.length });
      expect(row!.storage_key.startsWith(`${alice.userId}/pets/`)).toBe(true);
      expect((await storage().read(row!.storage_key))!.equals(pdf)).toBe(true);
    });

    it('refuses an EXE, a file over 10 MB and no file at all, each with its message, storing nothing', async () => {
      const visitId = await visitOf(alice, alicePet);
      const before = await allDocuments();
      refusedWith(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, document: file(exe(), 'x.pdf') }),
        TYPE_REFUSED,
      );
      const big = Buffer.concat([tinyPdf(), Buffer.alloc(TEN_MB + 1 - tinyPdf().length)]);
      expect(big.length).toBe(TEN_MB + 1);
      refusedWith(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, document: file(big, 'big.pdf') }),
        TOO_LARGE,
      );
      refusedWith(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, document: new File([], '') }),
        'Choose a document to add',
      );
      expect(await allDocuments()).toBe(before);
    });

    it('holds at most 20 documents per visit: the 21st is refused with a clear message', async () => {
      const visitId = await visitOf(alice, alicePet);
      await db().execute(sql`
      insert into visit_documents (visit_id, storage_key, filename, content_type, byte_size)
      select ${visitId}::uuid, ${`${alice.userId}/pets/`} || gen_random_uuid() || '-f.pdf', 'f.pdf', 'application/pdf', 10
      from generate_series(1, 20)`);
      refusedWith(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, document: file(tinyPdf(), 'one-more.pdf') }),
        'This vet visit already has 20 documents, the most one visit can have.',
      );
      expect(await documentRows({ visitId })).toHaveLength(20);
    });
  });

  describe('the storage quota', () => {
    it("counts the account's documents, and refuses an upload or a form's file that does not fit with the quota message", async () => {
      const carol = await signedIn('documents');
      const pet = await petOf(carol);
      const visitId = await visitOf(carol, pet);
      const pdf = Buffer.concat([tinyPdf(), Buffer.alloc(50_000)]);
      added(
        await carol.submit(addVisitDocument, {
          petId: pet,
          visitId,
          document: new File([new Uint8Array(pdf)], 'a.pdf'),
        }),
        pet,
        visitId,
      );
      // Room for the document and 1 KB more: a 2 KB photo, a 2 KB document upload and a form's file are refused.
      withQuota(pdf.length + 1024);
      expect(
        returned(
          await carol.call(() => generateImageUploadUrl({ filename: 'p.png', fileType: 'image/png', fileSize: 2048 })),
        ),
      ).toEqual({ success: false, message: expect.stringMatching(STORAGE_FULL) });
      expect(
        returned(
          await carol.call(() =>
            generateVisitDocumentUploadUrl({
              petId: pet,
              visitId,
              filename: 'b.pdf',
              fileType: 'application/pdf',
              fileSize: 2048,
            }),
          ),
        ),
      ).toEqual({ success: false, message: expect.stringMatching(STORAGE_FULL) });
      const small = Buffer.concat([tinyPdf(), Buffer.alloc(2048)]);
      const refused = refusedWith(
        await carol.submit(addVisitDocument, {
          petId: pet,
          visitId,
          document: new File([new Uint8Array(small)], 'b.pdf'),
        }),
        STORAGE_FULL,
      );
      expect(refused.errors?.document?.[0]).toMatch(STORAGE_FULL);
      expect(await documentRows({ visitId })).toHaveLength(1);
      // Deleting the document frees its bytes.
      const [row] = await documentRows({ visitId });
      expect((await carol.submit(deleteVisitDocument, { petId: pet, id: row!.id })).kind).toBe('redirected');
      expect(
        returned(
          await carol.call(() => generateImageUploadUrl({ filename: 'p.png', fileType: 'image/png', fileSize: 2048 })),
        ),
      ).toMatchObject({ success: true });
    });
  });

  describe('removing documents', () => {
    const addPdf = async (browser: SignedInBrowser, petId: string, visitId: string) => {
      added(
        await browser.submit(addVisitDocument, {
          petId,
          visitId,
          document: new File([new Uint8Array(tinyPdf())], 'r.pdf'),
        }),
        petId,
        visitId,
      );
      return (await documentRows({ visitId })).at(-1)!;
    };

    it('deleting a document removes its row and its object, and says so on the visit page', async () => {
      const visitId = await visitOf(alice, alicePet);
      const row = await addPdf(alice, alicePet, visitId);
      expect(await alice.submit(deleteVisitDocument, { petId: alicePet, id: row.id })).toEqual({
        kind: 'redirected',
        location: `/pets/${alicePet}/visits/${visitId}/edit?documents=document-deleted#documents`,
      });
      expect(await documentRows({ visitId })).toEqual([]);
      expect(await objectSize(row.storage_key)).toBeNull();
    });

    it("deleting the visit, or the pet, removes its documents' objects", async () => {
      const pet = await petOf(alice, 'Bella');
      const [first, second] = [await visitOf(alice, pet), await visitOf(alice, pet)];
      const [a, b] = [await addPdf(alice, pet, first), await addPdf(alice, pet, second)];
      expect((await alice.submit(deleteVetVisit, { petId: pet, id: first })).kind).toBe('redirected');
      expect(await objectSize(a.storage_key)).toBeNull();
      expect(await objectSize(b.storage_key)).toBe(tinyPdf().length);
      expect((await alice.submit(deletePet, { id: pet })).kind).toBe('redirected');
      expect(await objectSize(b.storage_key)).toBeNull();
      expect(await documentRows({ petId: pet })).toEqual([]);
    });

    it("deleting the account removes its documents' rows, and the account files job their objects", async () => {
      const dave = await signedIn('documents', 'correct horse battery');
      const pet = await petOf(dave);
      const row = await addPdf(dave, pet, await visitOf(dave, pet));
      const email = returned(await dave.call(async () => (await requireUser()).email));
      const outcome = await dave.submit(deleteAccount, { confirmEmail: email, password: 'correct horse battery' });
      expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
      expect(await documentRows({ petId: pet })).toEqual([]);
      await removeAccountFiles(dave.userId);
      expect(await objectSize(row.storage_key)).toBeNull();
    });

    it('the storage sweep keeps added documents and removes an upload never added', async () => {
      const erin = await signedIn('documents');
      const pet = await petOf(erin);
      const visitId = await visitOf(erin, pet);
      const row = await addPdf(erin, pet, visitId);
      const abandoned = await uploaded(erin, { petId: pet, visitId }, tinyPdf(), 'never.pdf');
      const report = await sweepUnreferencedObjects({ graceMs: 0, now: new Date(Date.now() + 60_000) });
      expect(report.deleted).toContain(abandoned);
      expect(report.deleted).not.toContain(row.storage_key);
      expect(await objectSize(row.storage_key)).toBe(tinyPdf().length);
    });
  });

  describe("another account's ids", () => {
    it('are not found through every document action and the open route, and change nothing', async () => {
      const visitId = await visitOf(alice, alicePet);
      const storagePath = await uploaded(alice, { petId: alicePet, visitId }, tinyPdf(), 'mine.pdf');
      added(
        await alice.submit(addVisitDocument, { petId: alicePet, visitId, storagePath, filename: 'mine.pdf' }),
        alicePet,
        visitId,
      );
      const [document] = await documentRows({ visitId });
      const bobVisit = await visitOf(bob, bobPet);
      const before = await allDocuments();
      const forged = crypto.randomUUID();
      const pdf = () => new File([new Uint8Array(tinyPdf())], 'x.pdf');

      // Alice's pet and visit, Bob's pet with Alice's visit, and made-up ids.
      for (const [petId, visit] of [
        [alicePet, visitId],
        [bobPet, visitId],
        [alicePet, bobVisit],
        [forged, forged],
        ['not-a-uuid', visitId],
      ]) {
        expect(
          returned(
            await bob.call(() =>
              generateVisitDocumentUploadUrl({
                petId: petId!,
                visitId: visit!,
                filename: 'x.pdf',
                fileType: 'application/pdf',
                fileSize: 10,
              }),
            ),
          ),
        ).toEqual(VISIT_NOT_FOUND);
        expect(
          returned(await bob.submit(addVisitDocument, { petId: petId!, visitId: visit!, document: pdf() })),
        ).toEqual(VISIT_NOT_FOUND);
        // Even with Alice's own upload path: the visit is checked before the upload is looked at.
        expect(
          returned(
            await bob.submit(addVisitDocument, { petId: petId!, visitId: visit!, storagePath, filename: 'x.pdf' }),
          ),
        ).toEqual(VISIT_NOT_FOUND);
      }
      for (const [petId, id] of [
        [alicePet, document!.id],
        [bobPet, document!.id],
        [alicePet, forged],
        ['x', 'y'],
      ])
        expect(returned(await bob.submit(deleteVisitDocument, { petId: petId!, id: id! }))).toEqual(DOCUMENT_NOT_FOUND);
      for (const [petId, visit, id] of [
        [alicePet, visitId, document!.id],
        [bobPet, bobVisit, document!.id],
        [bobPet, visitId, document!.id],
        [alicePet, visitId, forged],
        ['x', 'y', 'z'],
      ]) {
        const answer = await open(bob, petId!, visit!, id!);
        expect(answer.status).toBe(404);
        expect(answer.headers.get('location')).toBeNull();
      }
      expect(await allDocuments()).toBe(before);
      expect(await documentRows({ visitId })).toHaveLength(1);
      expect(await objectSize(document!.storage_key)).toBe(tinyPdf().length);
    });
  });
}
