// The behaviour every ObjectStorage adapter must show, through real HTTP on its signed URLs: what
// a browser can do with a URL, and what an attacker who edits one cannot. Run by local-disk.test.ts
// and s3.test.ts against their adapter.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidKey, InvalidKeyError, ObjectTooLargeError, type ObjectStorage } from '@/storage/object-storage';

export type ContractSubject = {
  storage: ObjectStorage;
  /** Names of the query parameters that carry the signature and the expiry in this adapter's URLs. */
  signatureParam: string;
  expiryParam: string;
  /** Temp files an adapter may leave behind after a refused upload (local disk); [] when not applicable. */
  leftovers(): Promise<string[]>;
  cleanup(): Promise<void>;
};

const PNG_TYPE = 'image/png';

/** A key in a fresh user folder, shaped like the app's: {user_id}/pets/{uuid}-{filename}. */
export function newKey(name = 'photo.png', user = randomUUID()): string {
  return `${user}/pets/${randomUUID()}-${name}`;
}

export async function upload(
  storage: ObjectStorage,
  key: string,
  body: Buffer,
  contentType = PNG_TYPE,
  expiresInSeconds = 60,
): Promise<Response> {
  const signed = await storage.createUploadUrl(key, { contentType, contentLength: body.length, expiresInSeconds });
  return fetch(signed.url, { method: signed.method, headers: signed.headers, body: new Uint8Array(body) });
}

async function drain(response: Response): Promise<void> {
  await response.body?.cancel();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Changes one character of a query parameter, keeping its alphabet. */
function tamperParam(url: string, name: string, change: (value: string) => string): string {
  const parsed = new URL(url);
  const value = parsed.searchParams.get(name);
  if (value === null) throw new Error(`URL has no ${name} parameter: ${url}`);
  parsed.searchParams.set(name, change(value));
  return parsed.toString();
}

/** Changes the first character: in base64 the last one may carry only padding bits. */
function flipFirstChar(value: string): string {
  const first = value[0]!;
  const replacement = /[0-9]/.test(first) ? (first === '0' ? '1' : '0') : first === 'a' ? 'b' : 'a';
  return replacement + value.slice(1);
}

export function storageContract(label: string, factory: () => Promise<ContractSubject>): void {
  describe(`ObjectStorage contract: ${label}`, () => {
    let subject: ContractSubject;
    let storage: ObjectStorage;

    beforeAll(async () => {
      subject = await factory();
      storage = subject.storage;
    });

    afterAll(async () => {
      await subject?.cleanup();
    });

    it('uploads through a signed PUT URL, downloads through a signed GET URL, then deletes', async () => {
      const key = newKey();
      const body = randomBytes(4096);
      const put = await upload(storage, key, body);
      expect(put.status).toBe(200);
      await drain(put);

      const url = await storage.createDownloadUrl(key, { expiresInSeconds: 60, filename: 'Fluffy at the Beach.PNG' });
      const get = await fetch(url);
      expect(get.status).toBe(200);
      expect(get.headers.get('content-type')).toBe(PNG_TYPE);
      expect(get.headers.get('content-disposition')).toBe('inline; filename="fluffy-at-the-beach.png"');
      expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);

      expect((await storage.read(key))?.equals(body)).toBe(true);

      await storage.delete([key, newKey('never-existed.png')]);
      expect(await storage.head(key)).toBeNull();
      expect(await storage.read(key)).toBeNull();
      expect(await storage.readStream(key)).toBeNull();
      const gone = await fetch(url);
      expect(gone.status).toBe(404);
      await drain(gone);
    });

    it('writes from the server (put), reports head and reads back, streams too', async () => {
      const key = newKey('display.webp');
      const body = randomBytes(1234);
      await storage.put(key, body, { contentType: 'image/webp' });
      const info = await storage.head(key);
      expect(info).toMatchObject({ size: 1234, contentType: 'image/webp' });
      expect(Math.abs(info!.lastModified.getTime() - Date.now())).toBeLessThan(120_000);

      const stream = await storage.readStream(key);
      const chunks: Buffer[] = [];
      for await (const chunk of stream!) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(body)).toBe(true);

      await expect(storage.read(key, { maxBytes: 1000 })).rejects.toBeInstanceOf(ObjectTooLargeError);
      expect(await storage.head(newKey())).toBeNull();
      await storage.delete([key]);
    });

    it('lends an object as a private file (withLocalFile): its bytes, unchanged by a delete meanwhile, gone after', async () => {
      const key = newKey('original.jpg');
      const body = randomBytes(70_000);
      await storage.put(key, body, { contentType: 'image/jpeg' });
      let lent = '';
      const seen = await storage.withLocalFile(key, { maxBytes: body.length }, async (file) => {
        lent = file.path;
        expect(file.size).toBe(body.length);
        // Deleted while lent: the file still holds what was read.
        await storage.delete([key]);
        return readFile(file.path);
      });
      expect(seen?.equals(body)).toBe(true);
      expect(existsSync(lent)).toBe(false);
      expect(await subject.leftovers()).toEqual([]);

      let ran = false;
      const missing = await storage.withLocalFile(key, {}, async () => {
        ran = true;
      });
      expect(missing).toBeNull();
      expect(ran).toBe(false);

      const large = newKey('large.jpg');
      await storage.put(large, randomBytes(2000), { contentType: 'image/jpeg' });
      await expect(storage.withLocalFile(large, { maxBytes: 1000 }, async () => 'read')).rejects.toBeInstanceOf(
        ObjectTooLargeError,
      );
      await storage.delete([large]);
    });

    it('writes from a stream of a known size (putStream), replaces on a second write, refuses a wrong size', async () => {
      const key = `${randomUUID()}/exports/${randomUUID()}.zip`;
      const first = randomBytes(300_000);
      // Several chunks, as a file read stream delivers them.
      const chunks = (body: Buffer) => Readable.from([body.subarray(0, 65_536), body.subarray(65_536)]);
      await storage.putStream(key, chunks(first), { contentType: 'application/zip', size: first.length });
      expect(await storage.head(key)).toMatchObject({ size: first.length, contentType: 'application/zip' });
      expect((await storage.read(key))?.equals(first)).toBe(true);

      const second = randomBytes(1000);
      await storage.putStream(key, chunks(second), { contentType: 'application/zip', size: second.length });
      expect((await storage.read(key))?.equals(second)).toBe(true);

      const short = `${randomUUID()}/exports/${randomUUID()}.zip`;
      await expect(
        storage.putStream(short, chunks(randomBytes(100)), { contentType: 'application/zip', size: 200 }),
      ).rejects.toThrow();
      expect(await storage.head(short)).toBeNull();
      await storage.delete([key]);
    });

    it('lists exactly the objects under a prefix, with sizes', async () => {
      const user = randomUUID();
      const keys = [newKey('a.png', user), newKey('b.png', user), newKey('c.jpg', user)];
      await Promise.all(
        keys.map((key, index) => storage.put(key, randomBytes(100 + index), { contentType: PNG_TYPE })),
      );
      const other = newKey('other.png');
      await storage.put(other, randomBytes(10), { contentType: PNG_TYPE });

      const listed = [];
      for await (const object of storage.list(`${user}/`)) listed.push(object);
      expect(listed.map((object) => object.key).sort()).toEqual([...keys].sort());
      for (const object of listed) {
        expect(object.size).toBe(100 + keys.indexOf(object.key));
        expect(object.lastModified).toBeInstanceOf(Date);
      }

      const byPartialName = [];
      for await (const object of storage.list(keys[0]!.slice(0, -5))) byPartialName.push(object.key);
      expect(byPartialName).toEqual([keys[0]]);

      const none = [];
      for await (const object of storage.list(`${randomUUID()}/`)) none.push(object);
      expect(none).toEqual([]);
      await storage.delete([...keys, other]);
    });

    it('refuses an upload URL after it expires', async () => {
      const key = newKey();
      const body = randomBytes(100);
      const signed = await storage.createUploadUrl(key, {
        contentType: PNG_TYPE,
        contentLength: 100,
        expiresInSeconds: 1,
      });
      await sleep(2_100);
      const response = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body });
      expect(response.status).toBe(403);
      await drain(response);
      expect(await storage.head(key)).toBeNull();
    });

    it('refuses a download URL after it expires', async () => {
      const key = newKey();
      await storage.put(key, randomBytes(100), { contentType: PNG_TYPE });
      // Expiry counts from the signing second, so a 1 s URL may already be dead; 3 s leaves a busy
      // machine 2 s to show the fresh URL works, and after 4 s it must be refused.
      const signedAt = Date.now();
      const url = await storage.createDownloadUrl(key, { expiresInSeconds: 3 });
      const fresh = await fetch(url);
      expect(fresh.status).toBe(200);
      await drain(fresh);
      await sleep(signedAt + 4_100 - Date.now());
      const expired = await fetch(url);
      expect(expired.status).toBe(403);
      await drain(expired);
      await storage.delete([key]);
    });

    it('refuses upload URLs whose signature, expiry or key was edited', async () => {
      const key = newKey();
      const body = randomBytes(100);
      const signed = await storage.createUploadUrl(key, {
        contentType: PNG_TYPE,
        contentLength: 100,
        expiresInSeconds: 60,
      });
      const otherKey = newKey();
      const tampered = {
        signature: tamperParam(signed.url, subject.signatureParam, flipFirstChar),
        expiry: tamperParam(signed.url, subject.expiryParam, (value) => String(Number(value) + 3600)),
        key: signed.url.replace(key, otherKey),
        keyTraversal: signed.url.replace(key, `${key.split('/')[0]}/../${otherKey}`),
      };
      expect(tampered.key).not.toBe(signed.url);
      for (const [what, url] of Object.entries(tampered)) {
        const response = await fetch(url, { method: 'PUT', headers: signed.headers, body });
        expect(response.status, `tampered ${what}`).toBe(403);
        await drain(response);
      }
      expect(await storage.head(key)).toBeNull();
      expect(await storage.head(otherKey)).toBeNull();

      // The untouched URL still works: the refusals were about the edits.
      const genuine = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body });
      expect(genuine.status).toBe(200);
      await drain(genuine);
      await storage.delete([key]);
    });

    it('refuses download URLs whose signature, expiry or key was edited', async () => {
      const key = newKey();
      const otherKey = newKey();
      await storage.put(key, randomBytes(100), { contentType: PNG_TYPE });
      await storage.put(otherKey, randomBytes(100), { contentType: PNG_TYPE });
      const url = await storage.createDownloadUrl(key, { expiresInSeconds: 60 });
      const tampered = {
        signature: tamperParam(url, subject.signatureParam, flipFirstChar),
        expiry: tamperParam(url, subject.expiryParam, (value) => String(Number(value) + 3600)),
        // A URL signed for key A used for key B, which exists.
        key: url.replace(key, otherKey),
      };
      for (const [what, tamperedUrl] of Object.entries(tampered)) {
        const response = await fetch(tamperedUrl);
        expect(response.status, `tampered ${what}`).toBe(403);
        await drain(response);
      }
      await storage.delete([key, otherKey]);
    });

    it('refuses an upload with another Content-Type than the one signed, or none', async () => {
      const key = newKey();
      const body = randomBytes(100);
      const signed = await storage.createUploadUrl(key, {
        contentType: PNG_TYPE,
        contentLength: 100,
        expiresInSeconds: 60,
      });
      const wrong: Record<string, string>[] = [{ 'content-type': 'image/jpeg' }, { 'content-type': 'text/html' }, {}];
      for (const headers of wrong) {
        const response = await fetch(signed.url, { method: 'PUT', headers, body });
        expect(response.status, JSON.stringify(headers)).toBe(403);
        await drain(response);
      }
      expect(await storage.head(key)).toBeNull();
    });

    it('refuses a body larger than the signed size and stores nothing', async () => {
      const key = newKey();
      const signed = await storage.createUploadUrl(key, {
        contentType: PNG_TYPE,
        contentLength: 1000,
        expiresInSeconds: 60,
      });
      const response = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: randomBytes(1001) });
      expect(response.ok).toBe(false);
      expect([403, 413]).toContain(response.status);
      await drain(response);
      expect(await storage.head(key)).toBeNull();
      expect(await subject.leftovers()).toEqual([]);
    });

    it('uses a PUT URL only for PUT and a GET URL only for GET', async () => {
      const key = newKey();
      const body = randomBytes(100);
      const signed = await storage.createUploadUrl(key, {
        contentType: PNG_TYPE,
        contentLength: 100,
        expiresInSeconds: 60,
      });
      await drain(await fetch(signed.url, { method: 'PUT', headers: signed.headers, body }));
      const getWithPutUrl = await fetch(signed.url);
      expect(getWithPutUrl.status).toBe(403);
      await drain(getWithPutUrl);

      const downloadUrl = await storage.createDownloadUrl(key, { expiresInSeconds: 60 });
      const putWithGetUrl = await fetch(downloadUrl, {
        method: 'PUT',
        headers: signed.headers,
        body: randomBytes(100),
      });
      expect(putWithGetUrl.status).toBe(403);
      await drain(putWithGetUrl);
      expect((await storage.read(key))?.equals(body)).toBe(true);
      await storage.delete([key]);
    });

    it('stores once per upload URL: a second PUT is refused and the first bytes stay', async () => {
      const key = newKey();
      const first = randomBytes(100);
      const signed = await storage.createUploadUrl(key, {
        contentType: PNG_TYPE,
        contentLength: 100,
        expiresInSeconds: 60,
      });
      const stored = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: new Uint8Array(first) });
      expect(stored.status).toBe(200);
      await drain(stored);
      const replay = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: randomBytes(100) });
      expect(replay.ok).toBe(false);
      expect([409, 412]).toContain(replay.status);
      await drain(replay);
      expect((await storage.read(key))?.equals(first)).toBe(true);
      expect(await subject.leftovers()).toEqual([]);
      await storage.delete([key]);
    });

    it('refuses invalid keys before signing anything', async () => {
      for (const key of ['../x', 'a/../../b', '/abs', 'a//b', 'a\\b']) {
        await expect(
          storage.createUploadUrl(key, { contentType: PNG_TYPE, contentLength: 1, expiresInSeconds: 60 }),
        ).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(storage.createDownloadUrl(key, { expiresInSeconds: 60 })).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(storage.head(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(storage.delete([key])).rejects.toBeInstanceOf(InvalidKeyError);
      }
    });
  });
}

/** Pure checks of the shared key rules; run once (from local-disk.test.ts). */
export function keyValidatorCases(): void {
  describe('assertValidKey', () => {
    const rejected = [
      '../x',
      'a/../../b',
      '%2e%2e/x',
      'a/%2e%2e/b',
      '..%2fx',
      'a//b',
      '/abs',
      'a/b/',
      'a\\b',
      '..\\x',
      'a/./b',
      '.',
      '..',
      '.hidden',
      'a/.meta.json',
      '',
      'a b',
      'a\nb',
      'a\0b',
      'ü.png',
      'x'.repeat(513),
    ];
    it.each(rejected)('rejects %j', (key) => {
      expect(() => assertValidKey(key)).toThrow(InvalidKeyError);
    });

    it.each(['u/pets/0d7c-photo.png', 'a', 'A_b-c.d/e.f.g', 'x'.repeat(512)])('accepts %j', (key) => {
      expect(() => assertValidKey(key)).not.toThrow();
    });

    it('rejects values that are not strings', () => {
      for (const value of [undefined, null, 42, ['a']]) expect(() => assertValidKey(value)).toThrow(InvalidKeyError);
    });
  });
}
