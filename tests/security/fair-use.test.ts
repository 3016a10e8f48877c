// Authenticated abuse of heavy work (issue 11, findings 1 and 3). Disk fill: one account asks for
// 8 MB upload URLs and PUTs 8 MB to each until refused; the bytes written stay under the storage
// quota. Upload URLs per minute. Starving: one account floods the photo pipeline with twelve
// no-JavaScript creates of a large PNG, then another saves one photo; the process-photo job (ADR
// 0016) must not make the other's photo wait behind the flood (judged by the order the photos
// become ready, from the rows the job writes, never by wall-clock time), and the flooder soon hits
// the photo saves per minute.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { png } from '../support/images';
import { actionId, context, db, Ledger, messageOf, newAccount, settledPetRow } from './support/harness';
import type { HttpClient } from '../support/http';

/** Each upload of the disk-fill probe (the quota, not the size of one photo, is what is probed). */
const UPLOAD_BYTES = 8 * 1024 * 1024;
const LIMIT = (what: string) => new RegExp(`^You've reached the limit of ${what} — try again in \\d+ seconds?\\.$`);

/** Bytes of the files (not the adapter's dot-files) in every folder named `name` under `directory`. */
function bytesInFolders(directory: string, name: string, inside = false): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(directory, entry);
    const stats = statSync(full);
    if (stats.isDirectory()) total += bytesInFolders(full, name, inside || entry === name);
    else if (inside && !entry.startsWith('.')) total += stats.size;
  }
  return total;
}

async function uploadUrl(client: HttpClient, fileSize: number) {
  const call = await client.action(
    actionId('generateImageUploadUrl'),
    [{ filename: 'fill.jpg', fileType: 'image/jpeg', fileSize }],
    { path: '/pets/new' },
  );
  const value =
    call.outcome.kind === 'returned'
      ? (call.outcome.value as { success: boolean; uploadUrl?: string; headers?: Record<string, string> })
      : null;
  return { ...call, value, message: messageOf(call) };
}

function createForm(name: string, image: Blob): [string, string | Blob][] {
  return [
    ['name', name],
    ['category', 'Probe'],
    ['birthday', '2020-01-01'],
    ['gender', 'other'],
    ['timezone', 'UTC'],
    ['image', image],
  ];
}

describe('fair use', () => {
  it('one account cannot fill the disk: uploads are refused once the storage quota is reached', async () => {
    const ledger = new Ledger('Disk fill (8 MB upload URLs + PUTs)');
    const { storageQuotaBytes, dataDir } = context();
    const filler = await newAccount('filler', '127.0.4.1');
    const payload = Buffer.alloc(UPLOAD_BYTES, 0xff);
    const bound = Math.ceil(storageQuotaBytes / UPLOAD_BYTES) + 3;
    let granted = 0;
    let refusal = '';
    for (let attempt = 1; attempt <= bound && !refusal; attempt++) {
      const signed = await uploadUrl(filler.client, UPLOAD_BYTES);
      if (!signed.value?.success) {
        refusal = signed.message;
        ledger.attempt(`URL #${attempt} → ${refusal}`, /^Your photo storage is full/.test(refusal), signed.response);
        break;
      }
      granted++;
      const url = new URL(signed.value.uploadUrl!, filler.client.origin);
      const put = await filler.client.request(`${url.pathname}${url.search}`, {
        method: 'PUT',
        body: payload,
        headers: signed.value.headers,
      });
      expect(put.status, `PUT #${attempt}: ${put.text.slice(0, 200)}`).toBe(200);
      ledger.attempt(`URL #${attempt} granted, PUT ${put.status} (within the quota)`, true, [signed.response, put], {
        informational: true,
      });
    }
    const written = bytesInFolders(path.join(dataDir, 'storage'), filler.userId);
    console.log(
      `disk fill: ${granted} × 8 MB granted, refused with "${refusal}", ${written} bytes written (quota ${storageQuotaBytes})`,
    );
    expect(refusal).toBe('Your photo storage is full (100 MB). Delete some photos to make room.');
    expect(written).toBe(granted * UPLOAD_BYTES);
    expect(written).toBeLessThanOrEqual(storageQuotaBytes);
  }, 300_000);

  it('upload URLs are limited per account per minute', async () => {
    const ledger = new Ledger('Upload URL flood (1 KB URLs)');
    const flooder = await newAccount('urls', '127.0.4.2');
    const started = Date.now();
    let granted = 0;
    let refusal = '';
    for (let attempt = 1; attempt <= 60 && !refusal; attempt++) {
      const signed = await uploadUrl(flooder.client, 1024);
      if (signed.value?.success) granted++;
      else refusal = signed.message;
      ledger.attempt(`URL #${attempt} → ${signed.value?.success ? 'granted' : refusal}`, true, signed.response, {
        informational: Boolean(signed.value?.success),
      });
    }
    expect(refusal).toMatch(LIMIT('30 photo uploads per minute'));
    // A token bucket: 30 at once, then one every 2 s.
    expect(granted).toBeLessThanOrEqual(30 + Math.ceil((Date.now() - started) / 2000));
  }, 300_000);

  it("one account's flood of large photos does not queue another account's photo behind it", async () => {
    const ledger = new Ledger('Photo starvation (12 × 36 MP PNG)');
    const flooder = await newAccount('flooder', '127.0.4.3');
    const victim = await newAccount('victim', '127.0.4.4');
    const large = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const small = await png(320, 240);
    const save = (client: HttpClient, name: string, bytes: Buffer) =>
      client.form(actionId('createPet'), createForm(name, new Blob([new Uint8Array(bytes)], { type: 'image/png' })), {
        path: '/pets/new',
      });
    const createdId = (call: Awaited<ReturnType<typeof save>>) =>
      call.outcome.kind === 'redirected'
        ? new URL(call.outcome.location, 'http://x').searchParams.get('created')
        : null;

    // The saves answer at once (a header check); the flood's twelve photos are then queued for
    // the job, and the victim's one comes after all of them.
    const floodCalls = await Promise.all(
      Array.from({ length: 12 }, (_, index) => save(flooder.client, `flood-${index}`, large)),
    );
    const victimCall = await save(victim.client, 'victim', small);
    for (const [index, call] of floodCalls.entries())
      ledger.attempt(`flood save #${index + 1} → ${call.outcome.kind}`, true, call.response, { informational: true });
    expect(floodCalls.map(createdId).every(Boolean), 'every flood save was accepted').toBe(true);
    expect(victimCall.outcome.kind).toBe('redirected');

    // The flooder has spent 12 of its 20 photo saves this minute: a few more and it is refused
    // (probed now, while the minute lasts; these small photos queue behind the flood's own).
    let refusal = '';
    for (let attempt = 1; attempt <= 15 && !refusal; attempt++) {
      const call = await save(flooder.client, `more-${attempt}`, small);
      refusal = messageOf(call);
      ledger.attempt(`more photo saves #${attempt} → ${refusal || call.outcome.kind}`, true, call.response, {
        informational: !refusal,
      });
    }
    expect(refusal).toMatch(LIMIT('20 photo saves per minute'));

    // The order the job finished the photos in: each row's updated_at is set by the job's
    // transaction that made it ready. Flood photos still processing finish after the victim's.
    const victimRow = await settledPetRow(createdId(victimCall)!, 240_000);
    const { rows } = await db().query<{ name: string; photo_status: string; updated_at: Date }>(
      `select name, photo_status, updated_at from pets where user_id = $1 and name like 'flood-%'`,
      [flooder.userId],
    );
    const after = rows.filter(
      (row) => row.photo_status === 'processing' || row.updated_at > (victimRow.updated_at as Date),
    ).length;
    console.log(
      `photo starvation: the victim's photo was ${victimRow.photo_status} before ${after} of the flood's 12 were processed`,
    );
    ledger.attempt(
      `victim's photo ready before ${after} of 12 flood photos`,
      victimRow.photo_status === 'ready' && after >= 6,
      victimCall.response,
    );
    expect(rows).toHaveLength(12);
    expect(victimRow.photo_status).toBe('ready');
    expect(after, "the victim's photo waited behind the flood").toBeGreaterThanOrEqual(6);
  }, 300_000);
});
