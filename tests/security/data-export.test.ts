// Data export download by another user (issue 12, ADR 0015): A and B each export their data; B, signed
// in, follows A's export link (the page and its download route), tries to turn a signed URL of B's own
// export into one of A's key, and asks the storage route for A's key unsigned. Everything is refused
// with no byte of A's; A's own download (the control) works, through a URL signed for at most 1 hour.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpClient } from '../support/http';
import { clientFor, closeDbPool, context, db, Ledger } from './support/harness';

const EXPORT_ACTION = 'src/actions/export.ts#exportUserData';

type ExportRow = { id: string; status: string; storage_key: string };

async function startExport(client: HttpClient): Promise<void> {
  const id = context().allActions[EXPORT_ACTION];
  if (!id) throw new Error(`the build exposes no ${EXPORT_ACTION}`);
  const { outcome } = await client.action(id, [null, new FormData()], { path: '/account' });
  expect(outcome).toMatchObject({ kind: 'returned', value: { success: true } });
}

async function readyExport(userId: string): Promise<ExportRow> {
  let row: ExportRow | undefined;
  await vi.waitFor(
    async () => {
      const { rows } = await db().query<ExportRow>(
        `select id, status, storage_key from data_exports where user_id = $1 order by created_at desc limit 1`,
        [userId],
      );
      row = rows[0];
      expect(row?.status).toBe('ready');
    },
    { timeout: 60_000, interval: 500 },
  );
  return row!;
}

let alice: HttpClient;
let bob: HttpClient;
let aliceExport: ExportRow;
let bobExport: ExportRow;

beforeAll(async () => {
  const { a, b } = context();
  alice = clientFor(a);
  bob = clientFor(b);
  await startExport(alice);
  await startExport(bob);
  aliceExport = await readyExport(a.userId);
  bobExport = await readyExport(b.userId);
});

afterAll(async () => {
  await closeDbPool();
});

describe('data export download by another user', () => {
  it("refuses B every way to A's export and its bytes; A's own download works", async () => {
    const ledger = new Ledger('export download by another user');
    const page = `/account/exports/${aliceExport.id}`;

    // The control: A's download is a redirect to a URL signed now for at most 1 hour, serving the ZIP.
    const own = await alice.request(`${page}/download`);
    expect(own.status).toBe(303);
    const signed = new URL(String(own.headers.location), context().origin);
    const expiresAt = Number(signed.searchParams.get('exp'));
    expect(expiresAt - Date.now() / 1000).toBeLessThanOrEqual(3600);
    expect(expiresAt - Date.now() / 1000).toBeGreaterThan(0);
    const zip = await alice.request(`${signed.pathname}${signed.search}`);
    expect(zip.status).toBe(200);
    expect(zip.body.subarray(0, 2).toString()).toBe('PK');
    const secrets = [aliceExport.id, aliceExport.storage_key, signed.searchParams.get('sig')!];

    const bobsPage = await bob.request(page);
    ledger.attempt(`B opens A's export page → ${bobsPage.status}`, bobsPage.status === 404, bobsPage, {
      secrets: secrets.slice(1),
    });
    const bobsDownload = await bob.request(`${page}/download`);
    ledger.attempt(
      `B follows A's download → ${bobsDownload.status}`,
      bobsDownload.status === 404 && bobsDownload.headers.location === undefined && !bobsDownload.text.includes('PK'),
      bobsDownload,
      { secrets: secrets.slice(1) },
    );

    // B's own signed URL, its key swapped for A's: the signature covers the key.
    const bobsOwn = await bob.request(`/account/exports/${bobExport.id}/download`);
    expect(bobsOwn.status).toBe(303);
    const bobsUrl = new URL(String(bobsOwn.headers.location), context().origin);
    const swapped = `${bobsUrl.pathname.replace(bobExport.storage_key, aliceExport.storage_key)}${bobsUrl.search}`;
    expect(swapped).toContain(aliceExport.storage_key);
    const forged = await bob.request(swapped);
    ledger.attempt(`B's signed URL re-pointed at A's key → ${forged.status}`, forged.status === 403, forged, {
      secrets,
    });

    // A's key, unsigned or with A's expired-looking or missing signature.
    for (const [label, path] of [
      ['unsigned', `/api/storage/${aliceExport.storage_key}`],
      ['no signature', `/api/storage/${aliceExport.storage_key}?exp=${expiresAt}&name=x.zip`],
    ] as const) {
      const response = await bob.request(path);
      ledger.attempt(`B asks storage for A's key, ${label} → ${response.status}`, response.status === 403, response, {
        secrets,
      });
    }

    // Signed out, the link leads to the login (and back), never to storage.
    const anonymous = clientFor(null);
    const signedOut = await anonymous.request(`${page}/download`);
    const location = String(signedOut.headers.location ?? '');
    ledger.attempt(
      `signed out, A's download → ${signedOut.status} ${location}`,
      signedOut.status >= 300 && signedOut.status < 400 && location.includes('/login?redirect='),
      signedOut,
      { secrets: secrets.slice(1) },
    );
  });
});
