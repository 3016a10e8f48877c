// The local disk adapter through real HTTP: a node:http server on 127.0.0.1 turns requests into
// web Requests for handleLocalStorageRequest, as the Next route handler will. Plus what only this
// adapter must prove: streaming (no 20 MB buffer), no temp file left behind, safe serving headers.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@/lib/env';
import { storage, STORAGE_BUCKET } from '@/storage';
import { LocalDiskStorage } from '@/storage/local-disk';
import { handleLocalStorageRequest } from '@/storage/local-disk-http';
import { sanitizeFilename } from '@/storage/object-storage';
import { keyValidatorCases, newKey, storageContract, upload } from './storage-contract';

type Harness = { storage: LocalDiskStorage; baseUrl: string; root: string; close(): Promise<void> };

/** Serves `/api/storage/*` with the framework-agnostic handler, the way the route handler will. */
async function startHarness(secret = env().authSecret, name = STORAGE_BUCKET): Promise<Harness> {
  const root = path.join(env().dataDir, 'storage', name);
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseUrl = `${origin}/api/storage`;
  const local = new LocalDiskStorage({ root, publicBaseUrl: baseUrl, secret });
  await local.ensureReady();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const response = await handleLocalStorageRequest(toRequest(req, origin), local);
      // A refusal sent before the body was read (413): this socket must not carry another request.
      const headers = Object.fromEntries(response.headers);
      res.writeHead(response.status, req.complete ? headers : { ...headers, connection: 'close' });
      if (response.body) await pipeline(Readable.fromWeb(response.body as never), res);
      else res.end();
    })().catch((error: unknown) => {
      res.destroy(error as Error);
    });
  });
  return {
    storage: local,
    baseUrl,
    root,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`${origin}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
}

/** Temp uploads anywhere under the root: what a refused or aborted upload must not leave. */
function tempFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter(
    (file) => file.endsWith('.upload') || file.endsWith('.tmp') || file.endsWith('.read'),
  );
}

function tempFilesFor(root: string, key: string): { name: string; size: number }[] {
  const directory = path.join(root, path.dirname(key));
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.startsWith(`.${path.basename(key)}.`) && name.endsWith('.upload'))
    .flatMap((name) => {
      try {
        return [{ name, size: statSync(path.join(directory, name)).size }];
      } catch {
        return [];
      }
    });
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A body of `total` bytes produced on the fly in 64 KiB chunks (never held whole in memory). Before
 * sending byte `pauseAt` it awaits `whilePaused`: the test looks at the disk while the upload is
 * still in flight.
 */
function generatedBody(total: number, pauseAt: number, whilePaused: () => Promise<void>) {
  const hash = createHash('sha256');
  const chunk = 64 * 1024;
  let sent = 0;
  let paused = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      if (!paused && sent >= pauseAt) {
        paused = true;
        await whilePaused();
      }
      const size = Math.min(chunk, total - sent);
      const bytes = randomBytes(size);
      hash.update(bytes);
      sent += size;
      controller.enqueue(bytes);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

storageContract('local disk', async () => ({
  storage: harness.storage,
  signatureParam: 'sig',
  expiryParam: 'exp',
  leftovers: async () => tempFiles(harness.root),
  cleanup: async () => {},
}));

keyValidatorCases();

describe('sanitizeFilename', () => {
  it.each([
    ['Ünïcode Photo (1).JPG', 'unicode-photo-1.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\cat.png', 'cat.png'],
    ['.htaccess', 'htaccess'],
    ['%2e%2e%2fx.png', '2e-2e-2fx.png'],
    ['', 'file'],
    ['....', 'file'],
    ['🐶.png', 'file.png'],
    ['archive.tar.gz', 'archive-tar.gz'],
    ['noext', 'noext'],
    ['weird.ext-with-dash', 'weird-ext-with-dash'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });

  it('caps the length at 80 and keeps the extension', () => {
    const result = sanitizeFilename(`${'a'.repeat(300)}.jpeg`);
    expect(result.length).toBeLessThanOrEqual(80);
    expect(result.endsWith('.jpeg')).toBe(true);
  });
});

describe('local disk adapter specifics', () => {
  it('is the default adapter and keeps objects in DATA_DIR/storage/pet-images, outside public/', async () => {
    const configured = storage();
    expect(configured).toBeInstanceOf(LocalDiskStorage);
    expect((configured as LocalDiskStorage).root).toBe(path.join(env().dataDir, 'storage', 'pet-images'));
    expect((configured as LocalDiskStorage).basePath).toBe('/api/storage');

    const key = newKey();
    const response = await upload(harness.storage, key, randomBytes(10));
    expect(response.status).toBe(200);
    expect(statSync(path.join(harness.root, ...key.split('/'))).size).toBe(10);
    await harness.storage.delete([key]);
  });

  it('streams a 20 MB upload to disk while it arrives, without buffering it, and stores it intact', async () => {
    const key = newKey('big.png');
    const total = 20 * 1024 * 1024;
    const signed = await harness.storage.createUploadUrl(key, {
      contentType: 'image/png',
      contentLength: total,
      expiresInSeconds: 60,
    });
    // Half-way through the body the temp file must already hold most of the first half: a handler
    // that buffered the request would not have written a byte yet, and this would time out.
    const body = generatedBody(total, total / 2, () =>
      until(
        () => tempFilesFor(harness.root, key).some((file) => file.size >= total / 4),
        10_000,
        'the temp file to grow while the upload is in flight',
      ),
    );
    // (Memory is not asserted here: RSS depends on what else runs; the temp file is the proof.
    // Peak memory under concurrent uploads is measured by `npm run bench`.)
    const response = await fetch(signed.url, {
      method: 'PUT',
      headers: signed.headers,
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
    await response.body?.cancel();

    expect(await harness.storage.head(key)).toMatchObject({ size: total, contentType: 'image/png' });
    const stored = await harness.storage.readStream(key);
    const hash = createHash('sha256');
    for await (const chunk of stored!) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(body.digest());
    expect(tempFiles(harness.root)).toEqual([]);
    await harness.storage.delete([key]);
  });

  it('aborts an oversized streamed upload as soon as it passes the signed size and deletes the temp file', async () => {
    const key = newKey();
    const signedSize = 1024 * 1024;
    const signed = await harness.storage.createUploadUrl(key, {
      contentType: 'image/png',
      contentLength: signedSize,
      expiresInSeconds: 60,
    });
    let sawTempFile = false;
    // Chunked (no Content-Length), so only counting the bytes can catch it. Past the signed size
    // the body pauses until the temp file is gone: the handler gave up while data was still coming.
    const body = generatedBody(3 * signedSize, signedSize + 256 * 1024, async () => {
      sawTempFile = tempFilesFor(harness.root, key).length > 0 || sawTempFile;
      await until(() => tempFilesFor(harness.root, key).length === 0, 10_000, 'the temp file to be deleted');
    });
    const status = await fetch(signed.url, {
      method: 'PUT',
      headers: signed.headers,
      body: body.stream,
      duplex: 'half',
    } as RequestInit).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      // The server may close the connection while the client is still sending: also a refusal.
      () => 'connection closed',
    );
    expect([413, 'connection closed']).toContain(status);
    expect(await harness.storage.head(key)).toBeNull();
    expect(tempFiles(harness.root)).toEqual([]);
  });

  it('refuses a body shorter than the signed size and stores nothing', async () => {
    const key = newKey();
    const signed = await harness.storage.createUploadUrl(key, {
      contentType: 'image/png',
      contentLength: 100,
      expiresInSeconds: 60,
    });
    const response = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: randomBytes(99) });
    expect(response.status).toBe(400);
    await response.body?.cancel();
    expect(await harness.storage.head(key)).toBeNull();
    expect(tempFiles(harness.root)).toEqual([]);
  });

  it('stores one of two PUTs of the same URL at once, intact, and refuses the other', async () => {
    const key = newKey();
    const signed = await harness.storage.createUploadUrl(key, {
      contentType: 'image/png',
      contentLength: 100,
      expiresInSeconds: 60,
    });
    const put = (body: Buffer) =>
      fetch(signed.url, { method: 'PUT', headers: signed.headers, body: new Uint8Array(body) }).then(
        async (response) => {
          await response.body?.cancel();
          return response.status;
        },
      );
    const [first, second] = [randomBytes(100), randomBytes(100)];
    const statuses = await Promise.all([put(first), put(second)]);
    expect([...statuses].sort()).toEqual([200, 409]);
    const stored = await harness.storage.read(key);
    expect(stored?.equals(statuses[0] === 200 ? first : second)).toBe(true);
    expect(tempFiles(harness.root)).toEqual([]);
    await harness.storage.delete([key]);
  });

  it('lets a URL whose upload stored nothing be used again (a retry after a broken upload)', async () => {
    const key = newKey();
    const signed = await harness.storage.createUploadUrl(key, {
      contentType: 'image/png',
      contentLength: 100,
      expiresInSeconds: 60,
    });
    const short = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: randomBytes(99) });
    expect(short.status).toBe(400);
    await short.body?.cancel();
    const body = randomBytes(100);
    const retry = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: new Uint8Array(body) });
    expect(retry.status).toBe(200);
    await retry.body?.cancel();
    expect((await harness.storage.read(key))?.equals(body)).toBe(true);
    await harness.storage.delete([key]);
  });

  it('never lets an upload replace an object already there', async () => {
    const key = newKey();
    const original = randomBytes(100);
    await harness.storage.put(key, original, { contentType: 'image/png' });
    const response = await upload(harness.storage, key, randomBytes(100));
    expect(response.status).toBe(409);
    await response.body?.cancel();
    expect((await harness.storage.read(key))?.equals(original)).toBe(true);
    expect(tempFiles(harness.root)).toEqual([]);
    await harness.storage.delete([key]);
  });

  it('serves downloads with nosniff, a safe disposition and a cache lifetime bounded by the URL', async () => {
    const image = newKey('cat.png');
    await harness.storage.put(image, randomBytes(10), { contentType: 'image/png' });
    const imageResponse = await fetch(await harness.storage.createDownloadUrl(image, { expiresInSeconds: 120 }));
    expect(imageResponse.headers.get('x-content-type-options')).toBe('nosniff');
    expect(imageResponse.headers.get('content-disposition')).toMatch(/^inline; filename="[a-z0-9-]+-cat\.png"$/);
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(imageResponse.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(110);
    expect(maxAge).toBeLessThanOrEqual(120);
    await imageResponse.body?.cancel();

    // Whatever got stored as HTML or SVG is a download, never a page on the app's origin.
    for (const contentType of ['text/html', 'image/svg+xml']) {
      const key = newKey('page.html');
      await harness.storage.put(key, Buffer.from('<script>alert(1)</script>'), { contentType });
      const response = await fetch(
        await harness.storage.createDownloadUrl(key, { expiresInSeconds: 60, filename: 'x.png' }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="x.png"');
      expect(response.headers.get('content-security-policy')).toContain('sandbox');
      await response.body?.cancel();
      await harness.storage.delete([key]);
    }
    await harness.storage.delete([image]);
  });

  it('refuses percent-encoded and traversing paths even with a valid signature', async () => {
    const key = newKey();
    await harness.storage.put(key, randomBytes(10), { contentType: 'image/png' });
    const url = new URL(await harness.storage.createDownloadUrl(key, { expiresInSeconds: 60 }));
    const encoded = key.replaceAll('-', '%2D');
    for (const pathname of [
      `/api/storage/${encoded}`,
      `/api/storage/%2e%2e/${key}`,
      `/api/storage/..%2f${key}`,
      `/api/${key}`,
    ]) {
      const response = await fetch(`${url.origin}${pathname}${url.search}`);
      expect(response.status, pathname).toBe(403);
      await response.body?.cancel();
    }
    await harness.storage.delete([key]);
  });

  it('refuses URLs signed with another secret', async () => {
    const other = await startHarness('another-secret-0123456789abcdef-0123456789', STORAGE_BUCKET);
    try {
      const key = newKey();
      await harness.storage.put(key, randomBytes(10), { contentType: 'image/png' });
      // Same files, same route, different key material: a forged-elsewhere URL is worthless.
      const forged = new URL(await other.storage.createDownloadUrl(key, { expiresInSeconds: 60 }));
      const response = await fetch(`${harness.baseUrl}/${key}${forged.search}`);
      expect(response.status).toBe(403);
      await response.body?.cancel();
      await harness.storage.delete([key]);
    } finally {
      await other.close();
    }
  });

  it('answers other methods with 405 and refusals in plain text that say nothing', async () => {
    const key = newKey();
    const url = await harness.storage.createDownloadUrl(key, { expiresInSeconds: 60 });
    for (const method of ['DELETE', 'POST', 'PATCH']) {
      const response = await fetch(url, { method });
      expect(response.status).toBe(405);
      expect(await response.text()).toBe('Method Not Allowed');
    }
    const missing = await fetch(url);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await missing.text()).toBe('Not Found');
    const forbidden = await fetch(`${harness.baseUrl}/${key}`);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toBe('Forbidden');
  });
});
