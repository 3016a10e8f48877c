// What a data export gives away: an account with two pets (one with a photo and a vet visit with a
// document) exports its data, follows its export's page and the signed download as a browser does, and
// opens the ZIP with an independent reader (yauzl). pets.json must be the documented, versioned format (docs/data-export-format.md) —
// exactly its fields, never whole rows — and carry nothing internal: no user id, storage key,
// pending original, submission id, row version, photo size or status.
import { describe, expect, it, vi } from 'vitest';
import { png } from '../support/images';
import { uploadPhoto } from '../support/photo-upload';
import { unzip } from '../support/zip';
import { actionId, context, db, Ledger, messageOf, newAccount, settledPetRow } from './support/harness';

const EXPORT_ACTION = 'src/actions/export.ts#exportUserData';
/** docs/data-export-format.md, version 1. */
const DOCUMENT_FIELDS = ['format', 'version', 'exportedAt', 'account', 'pets'];
const ACCOUNT_FIELDS = ['email'];
const PET_FIELDS = [
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
];
/** A vet visit in pets.json, and a document of it (ADR 0036). */
const VISIT_FIELDS = [
  'id',
  'visitedOn',
  'reason',
  'clinic',
  'notes',
  'costCents',
  'createdAt',
  'updatedAt',
  'documents',
];
const VISIT_DOCUMENT_FIELDS = ['filename', 'contentType', 'byteSize', 'path', 'createdAt'];

type PetsJson = {
  format: string;
  version: number;
  account: { email: string };
  pets: Array<Record<string, unknown>>;
};

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)]);
  return [];
}

describe('data export format', () => {
  it('pets.json holds exactly the documented fields and nothing internal', async () => {
    const ledger = new Ledger('Export archive contents');
    const owner = await newAccount('format', '127.0.9.1');
    const fields = { category: 'Dog', birthday: '2020-05-06', gender: 'male', timezone: 'UTC' };
    const photo = await uploadPhoto(
      owner.client,
      { generateImageUploadUrl: actionId('generateImageUploadUrl') },
      await png(320, 240),
    );
    const created: string[] = [];
    for (const extra of [{ name: 'Rex', storagePath: photo }, { name: 'Mia' }] as Record<string, string>[]) {
      const call = await owner.client.form(actionId('createPet'), { ...fields, ...extra }, { path: '/pets/new' });
      expect(call.outcome.kind, JSON.stringify(call.outcome)).toBe('redirected');
      created.push(new URL((call.outcome as { location: string }).location, 'http://x').searchParams.get('created')!);
    }
    expect((await settledPetRow(created[0]!)).photo_status).toBe('ready');
    // Rex has a vet visit with a document: its storage key and creator must not leave either.
    const visit = await owner.client.form(
      actionId('createVetVisit'),
      { petId: created[0]!, visitedOn: '2026-03-03', reason: 'Blood test' },
      { path: `/pets/${created[0]!}/visits/new` },
    );
    expect(visit.outcome.kind, JSON.stringify(visit.outcome)).toBe('redirected');
    const {
      rows: [visitRow],
    } = await db().query<{ id: string }>('select id from vet_visits where pet_id = $1', [created[0]!]);
    const added = await owner.client.form(
      context().allActions['src/actions/visit-documents.ts#addVisitDocument']!,
      [
        ['petId', created[0]!],
        ['visitId', visitRow!.id],
        ['document', new File([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], 'results.pdf')],
      ],
      { path: `/pets/${created[0]!}/visits/${visitRow!.id}/edit` },
    );
    expect(added.outcome.kind, JSON.stringify(added.outcome)).toBe('redirected');

    const started = await owner.client.action(context().allActions[EXPORT_ACTION]!, [null, new FormData()], {
      path: '/account',
    });
    expect(messageOf(started)).toBe('Export started. You will receive an email when ready.');
    let exportId = '';
    await vi.waitFor(
      async () => {
        const { rows } = await db().query<{ id: string; status: string }>(
          'select id, status from data_exports where user_id = $1',
          [owner.userId],
        );
        expect(rows.map((row) => row.status)).toEqual(['ready']);
        exportId = rows[0]!.id;
      },
      { timeout: 60_000, interval: 250 },
    );

    // As the browser gets it: the export's page links to its download, which redirects to a signed URL.
    const page = await owner.client.request(`/account/exports/${exportId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/account/exports/${exportId}/download`);
    const download = await owner.client.request(`/account/exports/${exportId}/download`);
    expect(download.status).toBe(303);
    const signed = new URL(String(download.headers.location), context().origin);
    const zip = await owner.client.request(`${signed.pathname}${signed.search}`);
    expect(zip.status).toBe(200);
    const entries = await unzip(zip.body);
    const text = entries.get('pets.json')?.toString('utf8') ?? '';
    const document = JSON.parse(text) as PetsJson;

    // Everything the database knows that is not the user's data: none of it may appear.
    const { rows } = await db().query<Record<string, unknown>>(
      'select * from pets where user_id = $1 order by created_at, id',
      [owner.userId],
    );
    const internal = [owner.userId, exportId, `${owner.userId}/`];
    const { rows: documentRows } = await db().query<{ id: string; storage_key: string }>(
      'select id, storage_key from visit_documents where visit_id = $1',
      [visitRow!.id],
    );
    for (const row of documentRows) internal.push(row.storage_key);
    for (const row of rows)
      for (const value of [row.image_path, row.photo_original_key, row.submission_id])
        if (typeof value === 'string') internal.push(value, value.replace(/\.webp$/, '.thumb.webp'));
    const found = internal.filter((value) => text.includes(value));
    const allowedKeys = new Set([
      ...DOCUMENT_FIELDS,
      ...ACCOUNT_FIELDS,
      ...PET_FIELDS,
      ...VISIT_FIELDS,
      ...VISIT_DOCUMENT_FIELDS,
    ]);
    const undocumented = [...new Set(keysOf(document))].filter((key) => !allowedKeys.has(key));
    console.log(`export format: keys beyond the documented ones: [${undocumented.join(', ')}]`);
    ledger.attempt(
      `pets.json: undocumented keys [${undocumented.join(', ')}], internal values ${found.length}`,
      undocumented.length === 0 && found.length === 0,
      zip,
    );

    expect.soft(Object.keys(document).sort()).toEqual([...DOCUMENT_FIELDS].sort());
    expect.soft(document.format).toBe('pawprint-pets');
    expect.soft(document.version).toBe(1);
    expect.soft(document.account).toEqual({ email: owner.email.toLowerCase() });
    expect.soft(found, 'internal values in pets.json').toEqual([]);
    expect(document.pets).toHaveLength(2);
    for (const [index, pet] of document.pets.entries()) {
      const row = rows[index]!;
      expect.soft(Object.keys(pet).sort()).toEqual([...PET_FIELDS].sort());
      expect.soft(pet).toMatchObject({
        id: row.id,
        name: row.name,
        category: row.category,
        birthday: fields.birthday,
        gender: row.gender,
        createdAt: new Date(row.created_at as string).toISOString(),
        updatedAt: new Date(row.updated_at as string).toISOString(),
      });
    }
    // The photo's entry is the stored display image; a pet without one says null.
    const [rex, mia] = document.pets;
    expect(mia!.photo).toBeNull();
    const visits = rex!.visits as { documents: Record<string, unknown>[] }[] & Record<string, unknown>[];
    expect.soft(visits.map((item) => Object.keys(item).sort())).toEqual([[...VISIT_FIELDS].sort()]);
    const [document_] = visits[0]!.documents;
    expect.soft(Object.keys(document_!).sort()).toEqual([...VISIT_DOCUMENT_FIELDS].sort());
    expect([...entries.keys()].sort()).toEqual(['pets.json', rex!.photo, document_!.path].sort());
  }, 180_000);
});
