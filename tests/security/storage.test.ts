// Local disk storage behind /api/storage: tampered signed URLs, unsigned paths, other users'
// folders, path traversal in keys and upload filenames, oversized bodies, HTML/SVG disguised as
// PNG and a decompression-bomb PNG, a replayed upload URL (also while its photo waits for the
// process-photo job, and after the job used it). All refused; nothing stored for a pet, nothing
// served as a page, nothing overwritten.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png, pngClaiming, TWENTY_MB } from '../support/images';
import {
  actionId,
  clientFor,
  closeDbPool,
  context,
  db,
  filesOutsideStorage,
  Ledger,
  petRows,
  settledPetRow,
  storageSnapshot,
} from './support/harness';
import type { HttpClient, HttpResponse } from '../support/http';

const VALID = { name: 'Photo pet', category: 'Dog', birthday: '2020-02-02', gender: 'male', timezone: 'UTC' };
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>',
);

let bob: HttpClient;
let anonymous: HttpClient;

type Upload = { success: boolean; uploadUrl?: string; storagePath?: string; message?: string };

async function uploadUrl(
  client: HttpClient,
  filename: string,
  fileType: string,
  fileSize: number,
): Promise<{ value: Upload | null; response: HttpResponse }> {
  const { outcome, response } = await client.action(
    actionId('generateImageUploadUrl'),
    [{ filename, fileType, fileSize }],
    { path: '/pets/new' },
  );
  return { value: outcome.kind === 'returned' ? (outcome.value as Upload) : null, response };
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url, 'http://x');
  return `${parsed.pathname}${parsed.search}`;
}

const isRefusal = (response: HttpResponse) =>
  response.status >= 400 && response.status < 500 && !/image\//.test(String(response.headers['content-type']));

/** Next answers some odd paths (backslashes, `//`, a trailing slash) with a 308 to the normalised
 * path: a refusal only if following it (as a browser would, once) is refused too. */
async function refusedFollowing(
  client: HttpClient,
  response: HttpResponse,
  method: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<{ refused: boolean; responses: HttpResponse[] }> {
  if (response.status < 300 || response.status >= 400) return { refused: isRefusal(response), responses: [response] };
  const location = new URL(String(response.headers.location ?? '/'), client.origin);
  if (location.origin !== client.origin) return { refused: false, responses: [response] };
  const next = await client.request(`${location.pathname}${location.search}`, { method, body, headers });
  return { refused: isRefusal(next) && response.body.length < 1024, responses: [response, next] };
}

/** B's photo storage as the quota counts it: stored photos plus pending uploads. */
/**
 * Another valid PNG of exactly `photo`'s length: the racing PUT must fit the URL's signed size, and
 * whichever of the two wins is then saved as a pet's photo, so both must be pictures.
 */
async function samePngLength(photo: Buffer, width: number, height: number): Promise<Buffer> {
  for (let red = 0; red < 256; red++) {
    const other = await sharp({
      create: { width, height, channels: 4, background: { r: red, g: 40, b: 200, alpha: 1 } },
    })
      .png()
      .toBuffer();
    if (other.length === photo.length && !other.equals(photo)) return other;
  }
  throw new Error(`no other ${width}×${height} PNG of ${photo.length} bytes`);
}

async function storageCounted(userId: string): Promise<number> {
  const { rows } = await db().query<{ used: string }>(
    `select coalesce((select sum(photo_bytes) from pets where user_id = $1), 0)
       + coalesce((select sum(bytes) from upload_reservations where user_id = $1 and expires_at > now()), 0) as used`,
    [userId],
  );
  return Number(rows[0]!.used);
}

beforeAll(() => {
  bob = clientFor(context().b, '127.0.0.7');
  anonymous = clientFor(null, '127.0.0.7');
});
afterAll(closeDbPool);

describe('storage', () => {
  const ledger = new Ledger('Storage');

  it("refuses tampered signed URLs, unsigned paths and other users' folders", async () => {
    const { a, b } = context();
    const pet = a.pets.find((entry) => entry.imagePath)!;
    const original = new URL(pet.imageUrl!, 'http://x');
    const control = await anonymous.request(pathAndQuery(pet.imageUrl!));
    expect(
      control.status,
      'the unmodified signed URL works (a bearer URL), so the variants below test the signature',
    ).toBe(200);

    const query = original.searchParams;
    const withParam = (name: string, value: string | null) => {
      const copy = new URLSearchParams(query);
      if (value === null) copy.delete(name);
      else copy.set(name, value);
      return `${original.pathname}?${copy}`;
    };
    const sig = query.get('sig')!;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    const thumbKey = pet.imagePath!.replace(/\.webp$/, '.thumb.webp');
    const variants: [string, string, string?][] = [
      ['other key, same signature (thumbnail)', `/api/storage/${thumbKey}?${query}`],
      ['other key, same signature (A pending upload)', `/api/storage/${a.pendingUpload}?${query}`],
      ["B's folder, same file name", `/api/storage/${pet.imagePath!.replace(a.userId, b.userId)}?${query}`],
      ['expiry +1', withParam('exp', String(Number(query.get('exp')) + 1))],
      ['expiry in 10 years', withParam('exp', String(Number(query.get('exp')) + 315_360_000))],
      ['expiry in the past', withParam('exp', '1')],
      ['signature flipped', withParam('sig', flipped)],
      ['signature removed', withParam('sig', null)],
      ['signature empty', withParam('sig', '')],
      ['signature padded', withParam('sig', `${sig}=`)],
      ['signature in standard base64', withParam('sig', Buffer.from(sig, 'base64url').toString('base64'))],
      ['signature upper-cased', withParam('sig', sig.toUpperCase())],
      ['download name changed to .html', withParam('name', 'page.html')],
      ['expiry duplicated', `${original.pathname}?${query}&exp=${query.get('exp')}`],
      ['signature duplicated', `${original.pathname}?${query}&sig=${flipped}`],
      ['no query at all', original.pathname],
      ['PUT with the GET signature', `${original.pathname}?${query}`, 'PUT'],
      ['DELETE', `${original.pathname}?${query}`, 'DELETE'],
      ['POST', `${original.pathname}?${query}`, 'POST'],
      ['HEAD with the signature flipped', withParam('sig', flipped), 'HEAD'],
    ];
    for (const [label, target, method] of variants) {
      const response = await bob.request(target, {
        method: method ?? 'GET',
        body: method === 'PUT' || method === 'POST' ? HTML : undefined,
        headers: method === 'PUT' ? { 'content-type': 'image/webp' } : {},
      });
      // The signature of A's URL is in the request: only the image bytes would be a leak here.
      ledger.attempt(
        `${label} → ${response.status}`,
        isRefusal(response) && !response.body.equals(control.body),
        response,
      );
    }
    expect(
      (await anonymous.request(pathAndQuery(pet.imageUrl!))).body.equals(control.body),
      'A’s image is unchanged',
    ).toBe(true);

    // B's own signed upload URL, pointed at A's folder.
    const own = await uploadUrl(bob, 'mine.png', 'image/png', HTML.length);
    expect(own.value?.success).toBe(true);
    const ownUrl = new URL(own.value!.uploadUrl!, 'http://x');
    const intoA = `${ownUrl.pathname.replace(b.userId, a.userId)}${ownUrl.search}`;
    const put = await bob.request(intoA, { method: 'PUT', body: HTML, headers: { 'content-type': 'image/png' } });
    ledger.attempt(`PUT into A's folder with B's signature → ${put.status}`, isRefusal(put), put);
    const overwrite = await bob.request(`/api/storage/${a.pendingUpload}${ownUrl.search}`, {
      method: 'PUT',
      body: HTML,
      headers: { 'content-type': 'image/png' },
    });
    ledger.attempt(
      `PUT over A's pending upload with B's signature → ${overwrite.status}`,
      isRefusal(overwrite),
      overwrite,
    );
    for (const unsigned of [pet.imagePath!, thumbKey, a.pendingUpload, `${a.userId}/pets/`, a.userId]) {
      const response = await bob.request(`/api/storage/${unsigned}`);
      const { refused, responses } = await refusedFollowing(bob, response, 'GET');
      ledger.attempt(
        `B GET unsigned /api/storage/${unsigned.replace(a.userId, '<A>').slice(0, 60)} → ${responses.map((entry) => entry.status).join(' → ')}`,
        refused,
        responses,
      );
    }
  });

  it('refuses path traversal in keys and keeps upload filenames inside the caller’s folder', async () => {
    const { a, b } = context();
    const pet = a.pets.find((entry) => entry.imagePath)!;
    const outsideBefore = filesOutsideStorage();
    const own = await uploadUrl(bob, 'own.png', 'image/png', HTML.length);
    const search = new URL(own.value!.uploadUrl!, 'http://x').search;
    const target = pet.imagePath!.slice(a.userId.length + 1);
    const keys = [
      `${b.userId}/pets/../../${a.userId}/pets/${target}`,
      `${b.userId}/pets/%2e%2e/%2e%2e/${a.userId}/pets/${target}`,
      `${b.userId}/pets/%252e%252e/%252e%252e/${a.userId}/pets/${target}`,
      `${b.userId}/pets/..%2f..%2f${a.userId}%2fpets%2f${target}`,
      `${b.userId}\\pets\\..\\..\\${a.userId}\\pets\\${target}`,
      `${b.userId}/pets/..%5c..%5c${a.userId}%5cpets%5c${target}`,
      `${b.userId}/pets/....//....//${a.userId}/pets/${target}`,
      `../../../../etc/passwd`,
      `..%2f..%2f..%2f..%2fetc%2fpasswd`,
      `%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      `${b.userId}/pets/.hidden.meta.json`,
      `${b.userId}/pets/%00.png`,
      `./${a.pendingUpload}`,
    ];
    for (const key of keys) {
      for (const method of ['GET', 'PUT'] as const) {
        const [body, headers] = method === 'PUT' ? [HTML, { 'content-type': 'image/png' }] : [undefined, {}];
        const response = await bob.request(`/api/storage/${key}${search}`, { method, body, headers });
        const { refused, responses } = await refusedFollowing(bob, response, method, body, headers);
        ledger.attempt(
          `${method} key ${key.replace(a.userId, '<A>').replace(b.userId, '<B>').slice(0, 70)} → ${responses.map((entry) => entry.status).join(' → ')}`,
          refused && responses.every((entry) => !entry.text.includes('root:x:0:0')),
          responses,
        );
      }
    }
    // Traversal outside Next's route entirely.
    for (const raw of [
      '/api/storage/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/api/storage/../../../../etc/passwd',
      '/api/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const response = await bob.request(raw);
      ledger.attempt(
        `GET ${raw} → ${response.status}`,
        response.status >= 300 && !response.text.includes('root:x:0:0'),
        response,
      );
    }

    const folder = new RegExp(`^${b.userId}/pets/[A-Za-z0-9_-][A-Za-z0-9._-]*$`);
    const filenames = [
      '../../../etc/passwd.png',
      '..\\..\\..\\evil.png',
      '%2e%2e%2f%2e%2e%2fevil.png',
      '/absolute/evil.png',
      `${a.userId}/pets/x.png`,
      'a/../../b.png',
      '\u0000evil.png',
      `${'x'.repeat(250)}.png`,
      '.htaccess.png',
      'CON.png',
      '\u202egnp.exe',
      'photo.png\n.html',
      '%252e%252e%252fevil.png',
    ];
    for (const filename of filenames) {
      const { value, response } = await uploadUrl(bob, filename, 'image/png', HTML.length);
      const storagePath = value?.storagePath ?? '';
      const inside = value?.success === false || (folder.test(storagePath) && !storagePath.includes('..'));
      let put: HttpResponse | undefined;
      if (value?.success)
        put = await bob.request(pathAndQuery(value.uploadUrl!), {
          method: 'PUT',
          body: HTML,
          headers: { 'content-type': 'image/png' },
        });
      ledger.attempt(
        `upload filename ${JSON.stringify(filename).slice(0, 40)} → ${storagePath ? storagePath.replace(b.userId, '<B>') : value?.message}`,
        inside,
        put ? [response, put] : response,
      );
    }
    expect(filesOutsideStorage()).toEqual(outsideBefore);
    expect(
      storageSnapshot()
        .split('\n')
        .filter((line) => line.includes(a.userId) && line.includes('evil')),
    ).toEqual([]);
  });

  it('takes one PUT per upload URL: a replay is refused, at the same time or after it, and the first bytes stay', async () => {
    const replays = new Ledger('Upload URL replay');
    const { b, dataDir } = context();
    const onDisk = (storagePath: string) => readFileSync(path.join(dataDir, 'storage', 'pet-images', storagePath));
    const photo = await png(64, 48);
    const rival = await samePngLength(photo, 64, 48);
    const { value } = await uploadUrl(bob, 'once.png', 'image/png', photo.length);
    expect(value?.success).toBe(true);
    const target = pathAndQuery(value!.uploadUrl!);
    const put = (body: Buffer) =>
      bob.request(target, { method: 'PUT', body, headers: { 'content-type': 'image/png' } });
    const [first, racing] = await Promise.all([put(photo), put(rival)]);
    const stored = first.status === 200 ? first : racing;
    expect(stored.status, 'one of two PUTs at once stores').toBe(200);
    replays.attempt(
      `two PUTs at once → ${first.status}, ${racing.status}`,
      [first, racing].filter(isRefusal).length === 1,
      [first, racing],
    );
    const kept = onDisk(value!.storagePath!);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const replay = await put(randomBytes(photo.length));
      replays.attempt(
        `PUT #${attempt + 2} to the same URL → ${replay.status}`,
        isRefusal(replay) && onDisk(value!.storagePath!).equals(kept),
        replay,
      );
    }
    // The upload becomes a pet: while its photo waits for the process-photo job (ADR 0016) the
    // pending original itself holds the key, and a replay finds it taken. B's own large photo,
    // saved first, keeps the job busy (one photo of an account at a time), and the row is checked
    // to still hold the original after the probe: the probe did meet the pending original.
    // Noise makes a slow decode and encode (seconds), unlike a flat colour.
    const blocker = await sharp({
      create: {
        width: 4000,
        height: 3000,
        channels: 3,
        background: '#3a7',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const blocked = await bob.form(
      actionId('createPet'),
      [
        ...Object.entries({ ...VALID, name: 'Replay blocker' }),
        ['image', new Blob([new Uint8Array(blocker)], { type: 'image/jpeg' })],
      ],
      { path: '/pets/new' },
    );
    expect(blocked.outcome.kind, JSON.stringify(blocked.outcome)).toBe('redirected');
    const create = await bob.form(
      actionId('createPet'),
      { ...VALID, name: 'Replay target', storagePath: value!.storagePath! },
      { path: '/pets/new' },
    );
    expect(create.outcome.kind, JSON.stringify(create.outcome)).toBe('redirected');
    const petId = new URL((create.outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
    const countedPending = await storageCounted(b.userId);
    const whilePending = await put(randomBytes(photo.length));
    const pendingAtKey = onDisk(value!.storagePath!);
    const countedAfterPending = await storageCounted(b.userId);
    const [stillPending] = (await petRows(b.userId)).filter((pet) => pet.id === petId);
    expect(
      [stillPending?.photo_status, stillPending?.photo_original_key],
      'the probe ran before the job consumed the upload',
    ).toEqual(['processing', value!.storagePath]);
    replays.attempt(
      `PUT while the saved photo waits for its job → ${whilePending.status}, original ${pendingAtKey.equals(kept) ? 'kept' : 'CHANGED'}, quota ${countedPending} → ${countedAfterPending}`,
      isRefusal(whilePending) && pendingAtKey.equals(kept) && countedAfterPending === countedPending,
      whilePending,
    );
    expect(pendingAtKey.equals(kept), 'the pending original is unchanged').toBe(true);

    // Once the job has made the display image, the upload is consumed: its key keeps an empty
    // tombstone, so a replay within the URL's minute still finds it taken and stores nothing the
    // quota would not count.
    const saved = await settledPetRow(petId);
    expect(saved.photo_status, 'the job processed the photo').toBe('ready');
    const countedBefore = await storageCounted(b.userId);
    const afterUse = await put(randomBytes(photo.length));
    const leftAtKey = onDisk(value!.storagePath!);
    const countedAfter = await storageCounted(b.userId);
    replays.attempt(
      `PUT after the job used the upload → ${afterUse.status}, ${leftAtKey.length} bytes at the key, quota ${countedBefore} → ${countedAfter}`,
      isRefusal(afterUse) && leftAtKey.length === 0 && countedAfter === countedBefore,
      afterUse,
    );
    expect(leftAtKey.length, 'nothing stored by the replay').toBe(0);
    expect(countedAfter, 'the quota is unchanged').toBe(countedBefore);
    expect(saved.image_path, 'the saved photo is the processed image, not the upload').toMatch(
      new RegExp(`^${b.userId}/pets/[0-9a-f-]{36}-once\\.webp$`),
    );
  });

  it('refuses 20 MB + 1 byte to a URL signed for 20 MB, with and without Content-Length', async () => {
    const { b } = context();
    const tooLarge = await uploadUrl(bob, 'big.png', 'image/png', TWENTY_MB + 1);
    ledger.attempt(
      `generateImageUploadUrl fileSize=20MB+1 → ${tooLarge.value?.message}`,
      tooLarge.value?.success === false && tooLarge.value.message === 'Image must be under 20MB',
      tooLarge.response,
    );
    const body = Buffer.alloc(TWENTY_MB + 1, 0x41);
    for (const chunked of [false, true]) {
      const { value } = await uploadUrl(bob, 'big.png', 'image/png', TWENTY_MB);
      expect(value?.success).toBe(true);
      const response = await bob.request(pathAndQuery(value!.uploadUrl!), {
        method: 'PUT',
        body,
        chunked,
        headers: { 'content-type': 'image/png' },
      });
      const stored = storageSnapshot()
        .split('\n')
        .some(
          (line) =>
            line.startsWith(`pet-images/${value!.storagePath}`) || line.includes(value!.storagePath!.split('/').pop()!),
        );
      ledger.attempt(
        `PUT 20MB+1 ${chunked ? 'chunked' : 'with Content-Length'} → ${response.status}`, // 0: the server closed the connection on the excess bytes before its 413 could be read.
        [413, 400, 0].includes(response.status) && !stored,
        response,
      );
      // The size in the URL is signed: raising it breaks the signature.
      const url = new URL(value!.uploadUrl!, 'http://x');
      url.searchParams.set('size', String(TWENTY_MB + 1));
      const raised = await bob.request(`${url.pathname}${url.search}`, {
        method: 'PUT',
        body,
        chunked,
        headers: { 'content-type': 'image/png' },
      });
      ledger.attempt(
        `PUT 20MB+1 with size raised in the URL → ${raised.status}`,
        isRefusal(raised) || raised.status === 0,
        raised,
      );
    }
    expect((await petRows(b.userId)).some((pet) => pet.name === 'Photo pet')).toBe(false);
  });

  it('refuses HTML and SVG disguised as PNG, and a decompression bomb; never serves them as a page', async () => {
    const { b } = context();
    const before = JSON.stringify(await petRows(b.userId));
    const bomb = await pngClaiming(30_000, 30_000);
    for (const [label, bytes] of [
      ['HTML as image/png', HTML],
      ['SVG as image/png', SVG],
      ['30000×30000 PNG bomb', bomb],
    ] as const) {
      // With JavaScript: signed upload, PUT, then createPet with the storage path.
      const { value } = await uploadUrl(bob, 'disguised.png', 'image/png', bytes.length);
      expect(value?.success).toBe(true);
      const put = await bob.request(pathAndQuery(value!.uploadUrl!), {
        method: 'PUT',
        body: bytes,
        headers: { 'content-type': 'image/png' },
      });
      expect(put.status).toBe(200);
      const create = await bob.form(
        actionId('createPet'),
        { ...VALID, storagePath: value!.storagePath! },
        { path: '/pets/new' },
      );
      const errors =
        create.outcome.kind === 'returned'
          ? (create.outcome.value as { errors?: { image?: string[] } }).errors
          : undefined;
      ledger.attempt(
        `${label} via upload + createPet → ${JSON.stringify(errors ?? create.outcome.kind)}`,
        errors?.image?.[0] === 'Invalid image file',
        create.response,
      );
      // The upload URL does not read back; no GET URL is ever issued for it.
      const readBack = await bob.request(pathAndQuery(value!.uploadUrl!));
      ledger.attempt(
        `${label}: GET with the upload signature → ${readBack.status}`,
        isRefusal(readBack) && !/text\/html|svg/.test(String(readBack.headers['content-type'])),
        readBack,
      );
      // Without JavaScript: the file inside the form.
      const file = new File([new Uint8Array(bytes)], 'disguised.png', { type: 'image/png' });
      const noJs = await bob.form(actionId('createPet'), [...Object.entries(VALID), ['image', file]], {
        path: '/pets/new',
      });
      const noJsErrors =
        noJs.outcome.kind === 'returned' ? (noJs.outcome.value as { errors?: { image?: string[] } }).errors : undefined;
      ledger.attempt(
        `${label} as a form file → ${JSON.stringify(noJsErrors ?? noJs.outcome.kind)}`,
        noJsErrors?.image?.[0] === 'Invalid image file',
        noJs.response,
      );
    }
    for (const [fileType, bytes] of [
      ['text/html', HTML],
      ['image/svg+xml', SVG],
      ['image/webp', HTML],
    ] as const) {
      const { value, response } = await uploadUrl(bob, 'page.png', fileType, bytes.length);
      ledger.attempt(
        `generateImageUploadUrl type ${fileType} → ${value?.message}`,
        value?.success === false && value.message === 'Only JPEG and PNG formats are supported',
        response,
      );
      const file = new File([new Uint8Array(bytes)], 'page.svg', { type: fileType });
      const noJs = await bob.form(actionId('createPet'), [...Object.entries(VALID), ['image', file]], {
        path: '/pets/new',
      });
      const noJsErrors =
        noJs.outcome.kind === 'returned' ? (noJs.outcome.value as { errors?: { image?: string[] } }).errors : undefined;
      ledger.attempt(
        `form file of type ${fileType} → ${JSON.stringify(noJsErrors)}`,
        noJsErrors?.image?.[0] === 'Only JPEG and PNG formats are supported',
        noJs.response,
      );
    }
    // A PUT whose Content-Type differs from the signed one.
    const { value } = await uploadUrl(bob, 'typed.png', 'image/png', HTML.length);
    for (const contentType of ['text/html', 'image/svg+xml', 'image/png; charset=utf-8', 'IMAGE/PNG, text/html', '']) {
      const response = await bob.request(pathAndQuery(value!.uploadUrl!), {
        method: 'PUT',
        body: HTML,
        headers: { 'content-type': contentType || undefined },
      });
      ledger.attempt(
        `PUT with Content-Type ${JSON.stringify(contentType)} to a URL signed for image/png → ${response.status}`,
        isRefusal(response),
        response,
      );
    }
    expect(JSON.stringify(await petRows(b.userId))).toBe(before);
    // Nothing under storage carries a page's content type.
    const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(hash(HTML)).not.toBe(hash(SVG));
  });
});
