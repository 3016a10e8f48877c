// Vet visit documents attacked over HTTP against the production build (ADR 0036): every document action
// without a session, and with B's session given A's pet, visit and document ids in every combination
// (forged FormData: A's upload path, a file, malformed and made-up ids); B opening A's document through
// the "Open" route and its delete page. Each is refused as "not found", a login redirect or a 404, no
// document row changes, A's object stays, and nothing of A's is shown.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOverHttp } from '../support/accounts';
import type { HttpClient } from '../support/http';
import {
  actionId,
  clientFor,
  closeDbPool,
  context,
  db,
  isLoginRedirect,
  Ledger,
  returnedMessage,
  UUID_RE,
} from './support/harness';

const VISIT_NOT_FOUND = 'Vet visit not found';
const DOCUMENT_NOT_FOUND = 'Document not found';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const documentAction = (name: 'generateVisitDocumentUploadUrl' | 'addVisitDocument' | 'deleteVisitDocument') => {
  const id = context().allActions[`src/actions/visit-documents.ts#${name}`];
  if (!id) throw new Error(`the build exposes no ${name}`);
  return id;
};

/** Every document row, as the superuser sees it: what no attack may change. */
async function documentsSnapshot(): Promise<string> {
  const { rows } = await db().query(
    `select id, visit_id, storage_key, filename, content_type, byte_size, created_by from visit_documents order by id`,
  );
  return JSON.stringify(rows);
}

let alice: HttpClient;
let bob: HttpClient;
let anonymous: HttpClient;
let alicePet: string;
let aliceVisit: string;
let aliceDocument: string;
let aliceKey: string;
let bobPet: string;
let bobVisit: string;
let bobUserId: string;

/** A vet visit of the pet through the action over HTTP; its id. */
async function visitOverHttp(client: HttpClient, petId: string): Promise<string> {
  const { outcome } = await client.form(
    actionId('createVetVisit'),
    { petId, visitedOn: '2026-03-03', reason: 'Blood test', submissionId: randomUUID() },
    { path: `/pets/${petId}/visits/new` },
  );
  expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
  const { rows } = await db().query<{ id: string }>(
    `select id from vet_visits where pet_id = $1 order by created_at desc limit 1`,
    [petId],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  const { a } = context();
  alice = clientFor(a, '127.0.0.6');
  // The attacker is an account of this file's own, not the suite's shared B: the attempts below spend
  // upload rate (30 a minute, as an honest upload would), and B's bucket is drawn on by other files.
  bob = clientFor(null, '127.0.0.6');
  const ids = { register: actionId('register'), getCurrentUser: actionId('getCurrentUser') };
  bobUserId = (await registerOverHttp(bob, ids, 'docs-bob')).userId;
  anonymous = clientFor(null, '127.0.0.6');
  alicePet = a.pets[0]!.id;
  aliceVisit = await visitOverHttp(alice, alicePet);
  const added = await alice.form(
    documentAction('addVisitDocument'),
    [
      ['petId', alicePet],
      ['visitId', aliceVisit],
      ['document', new File([new Uint8Array(PDF)], 'Alice private results.pdf', { type: 'application/pdf' })],
    ],
    { path: `/pets/${alicePet}/visits/${aliceVisit}/edit` },
  );
  expect(added.outcome.kind, JSON.stringify(added.outcome)).toBe('redirected');
  const { rows } = await db().query<{ id: string; storage_key: string }>(
    `select id, storage_key from visit_documents where visit_id = $1`,
    [aliceVisit],
  );
  aliceDocument = rows[0]!.id;
  aliceKey = rows[0]!.storage_key;
  expect(aliceDocument).toMatch(UUID_RE);
  const { outcome } = await bob.form(
    actionId('createPet'),
    { name: 'Bobs documents pet', category: 'Dog', birthday: '2020-02-02', gender: 'male', timezone: 'UTC' },
    { path: '/pets/new' },
  );
  bobPet = new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
  bobVisit = await visitOverHttp(bob, bobPet);
});

afterAll(closeDbPool);

describe('vet visit document actions and routes', () => {
  const ledger = new Ledger('Vet visit documents');
  const pdf = () => new File([new Uint8Array(PDF)], 'x.pdf', { type: 'application/pdf' });

  it('without a session every document action refuses (login, or Unauthorized) and changes nothing', async () => {
    const before = await documentsSnapshot();
    for (const cookie of [undefined, 'better-auth.session_token=forged-token-value']) {
      const headers = { cookie };
      const upload = await anonymous.action(
        documentAction('generateVisitDocumentUploadUrl'),
        [{ petId: alicePet, visitId: aliceVisit, filename: 'x.pdf', fileType: 'application/pdf', fileSize: 10 }],
        { path: '/pets', headers },
      );
      ledger.attempt(
        `${cookie ?? 'no session'}: generateVisitDocumentUploadUrl → ${JSON.stringify(upload.outcome).slice(0, 80)}`,
        returnedMessage(upload.outcome, 'Unauthorized'),
        upload.response,
      );
      for (const pending of [
        anonymous.form(
          documentAction('addVisitDocument'),
          [
            ['petId', alicePet],
            ['visitId', aliceVisit],
            ['document', pdf()],
          ],
          { path: '/pets', headers },
        ),
        anonymous.form(
          documentAction('deleteVisitDocument'),
          { petId: alicePet, id: aliceDocument },
          { path: '/pets', headers },
        ),
      ]) {
        const { response, outcome } = await pending;
        ledger.attempt(
          `${cookie ?? 'no session'} → ${JSON.stringify(outcome).slice(0, 80)}`,
          isLoginRedirect(outcome),
          response,
        );
      }
    }
    expect(await documentsSnapshot()).toBe(before);
  });

  it("B's session cannot add to, open the upload of, or delete A's documents, however the ids are dressed", async () => {
    const before = await documentsSnapshot();
    const malformed = [`${aliceVisit}' or '1'='1`, '../' + aliceVisit, 'x'.repeat(5000), '', randomUUID()];
    const targets: [string, string][] = [
      [alicePet, aliceVisit],
      [bobPet, aliceVisit],
      [alicePet, bobVisit],
      ...malformed.map((bad): [string, string] => [alicePet, bad]),
      ...malformed.map((bad): [string, string] => [bad, aliceVisit]),
    ];
    for (const [petId, visitId] of targets) {
      const label = `pet ${petId === alicePet ? '<A>' : petId.slice(0, 20)} visit ${visitId === aliceVisit ? '<A>' : visitId.slice(0, 20)}`;
      const upload = await bob.action(
        documentAction('generateVisitDocumentUploadUrl'),
        [{ petId, visitId, filename: 'x.pdf', fileType: 'application/pdf', fileSize: 10 }],
        { path: `/pets/${bobPet}` },
      );
      ledger.attempt(
        `generateVisitDocumentUploadUrl ${label} → ${JSON.stringify(upload.outcome).slice(0, 80)}`,
        returnedMessage(upload.outcome, VISIT_NOT_FOUND),
        upload.response,
      );
      for (const fields of [
        [['document', pdf()]],
        // A's own upload path: the visit is checked before any upload is looked at.
        [
          ['storagePath', aliceKey],
          ['filename', 'x.pdf'],
        ],
        [
          ['document', pdf()],
          ['createdBy', bobUserId],
          ['userId', context().a.userId],
        ],
      ] as [string, string | File][][]) {
        const { response, outcome } = await bob.form(
          documentAction('addVisitDocument'),
          [['petId', petId], ['visitId', visitId], ...fields],
          { path: `/pets/${bobPet}` },
        );
        ledger.attempt(
          `addVisitDocument ${label} ${fields.map(([name]) => name).join('+')} → ${JSON.stringify(outcome).slice(0, 80)}`,
          returnedMessage(outcome, VISIT_NOT_FOUND),
          response,
        );
      }
    }
    for (const [petId, id] of [
      [alicePet, aliceDocument],
      [bobPet, aliceDocument],
      ...malformed.map((bad) => [alicePet, bad]),
    ] as [string, string][]) {
      const { response, outcome } = await bob.form(
        documentAction('deleteVisitDocument'),
        { petId, id },
        { path: `/pets/${bobPet}` },
      );
      ledger.attempt(
        `deleteVisitDocument pet ${petId === alicePet ? '<A>' : '<B>'} id ${id === aliceDocument ? '<A>' : id.slice(0, 20)} → ${JSON.stringify(outcome).slice(0, 80)}`,
        returnedMessage(outcome, DOCUMENT_NOT_FOUND),
        response,
      );
    }
    expect(await documentsSnapshot()).toBe(before);
    const { rows } = await db().query(`select 1 from visit_documents where id = $1`, [aliceDocument]);
    expect(rows).toHaveLength(1);
  });

  it("answers B's requests for A's document (Open, and its delete page) with a 404 and no bytes", async () => {
    const base = (petId: string, visitId: string, id: string) => `/pets/${petId}/visits/${visitId}/documents/${id}`;
    for (const path of [
      base(alicePet, aliceVisit, aliceDocument),
      base(bobPet, bobVisit, aliceDocument),
      base(bobPet, aliceVisit, aliceDocument),
      base(alicePet, aliceVisit, randomUUID()),
      base('x', 'y', 'z'),
      `${base(alicePet, aliceVisit, aliceDocument)}/delete`,
      `${base(bobPet, bobVisit, aliceDocument)}/delete`,
    ]) {
      const response = await bob.request(path);
      ledger.attempt(
        `B GET ${path.replaceAll(alicePet, '<A pet>').replaceAll(aliceDocument, '<A document>')} → ${response.status}`,
        response.status === 404 && !response.headers.location,
        response,
        { secrets: [aliceKey, 'Alice private results', alicePet, aliceVisit] },
      );
    }
    // Alice herself is redirected to her document's signed URL.
    const own = await alice.request(base(alicePet, aliceVisit, aliceDocument));
    expect(own.status).toBe(303);
    expect(String(own.headers.location)).toContain('/api/storage/');
  });
});
