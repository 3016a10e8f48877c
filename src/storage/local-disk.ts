// Local disk adapter (the default): objects under <DATA_DIR>/storage/<bucket>/, never under public/.
// Its signed URLs point at the app's own route and carry an HMAC over everything the holder may do
// (method, key, expiry, exact size, content type, download name); local-disk-http.ts verifies them.
// An upload never replaces an object: a signed upload URL stores once, like S3's If-None-Match: *.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, type Dirent } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidContentType,
  assertValidExpiry,
  assertValidKey,
  assertValidPrefix,
  assertValidUploadOptions,
  isValidKey,
  lastSegment,
  sanitizeFilename,
  type DownloadUrlOptions,
  type ListedObject,
  type ObjectInfo,
  type ObjectStorage,
  type LocalFile,
  type ReadOptions,
  type SignedUpload,
  type UploadUrlOptions,
  bufferObject,
  refuseOverLimit,
} from './object-storage';

export type LocalDiskOptions = {
  /** Directory of the bucket: <DATA_DIR>/storage/<bucket>. */
  root: string;
  /** Absolute URL of the route that serves signed requests, e.g. https://pets.example.com/api/storage. */
  publicBaseUrl: string;
  /** The app's auth secret. Only a key derived from it (HKDF, own label) ever signs URLs. */
  secret: string;
};

/** What a verified URL allows; nothing more may be done with it. */
export type Grant =
  | { method: 'PUT'; key: string; expiresAt: number; size: number; contentType: string }
  | { method: 'GET'; key: string; expiresAt: number; filename: string };

/** `exists`: an exclusive receive found the key already taken and left it as it was. */
export type ReceiveResult = 'stored' | 'too-large' | 'too-small' | 'aborted' | 'exists';

export type OpenedObject = { stream: Readable; size: number; contentType: string; lastModified: Date };

// Keeps the product's former name: changing it would void every signed URL in flight at the deploy.
const SIGNATURE_VERSION = 'pet-app-local-storage-v1';
const FALLBACK_CONTENT_TYPE = 'application/octet-stream';
const DIGITS = /^\d{1,12}$/;

class SizeExceeded extends Error {}

export class LocalDiskStorage implements ObjectStorage {
  readonly driver = 'local' as const;
  readonly root: string;
  /** Path part of publicBaseUrl, without a trailing slash: requests for keys arrive below it. */
  readonly basePath: string;
  private readonly baseUrl: string;
  private readonly signingKey: Buffer;

  constructor(options: LocalDiskOptions) {
    this.root = path.resolve(options.root);
    this.baseUrl = options.publicBaseUrl.replace(/\/+$/, '');
    // A root-relative base (the app's own /api/storage) keeps URLs valid under any host name.
    this.basePath = new URL(this.baseUrl, 'http://relative.invalid').pathname.replace(/\/+$/, '');
    // The auth secret also signs sessions: a derived key with its own label keeps the two uses apart.
    // The salt keeps the product's former name, like SIGNATURE_VERSION: a new one voids live URLs.
    this.signingKey = Buffer.from(
      hkdfSync('sha256', options.secret, 'pet-app', 'storage/local-disk/signed-urls/v1', 32),
    );
  }

  async ensureReady(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
  }

  async createUploadUrl(key: string, options: UploadUrlOptions): Promise<SignedUpload> {
    assertValidKey(key);
    assertValidUploadOptions(options);
    const grant: Grant = {
      method: 'PUT',
      key,
      expiresAt: nowSeconds() + options.expiresInSeconds,
      size: options.contentLength,
      contentType: options.contentType,
    };
    const query = new URLSearchParams({
      exp: String(grant.expiresAt),
      size: String(grant.size),
      type: grant.contentType,
      sig: this.sign(grant),
    });
    return { url: `${this.baseUrl}/${key}?${query}`, method: 'PUT', headers: { 'content-type': options.contentType } };
  }

  async createDownloadUrl(key: string, options: DownloadUrlOptions): Promise<string> {
    assertValidKey(key);
    assertValidExpiry(options.expiresInSeconds);
    const grant: Grant = {
      method: 'GET',
      key,
      expiresAt: nowSeconds() + options.expiresInSeconds,
      filename: sanitizeFilename(options.filename ?? lastSegment(key)),
    };
    const query = new URLSearchParams({ exp: String(grant.expiresAt), name: grant.filename, sig: this.sign(grant) });
    return `${this.baseUrl}/${key}?${query}`;
  }

  /** The key a request path names, or null when it is not below basePath or not a valid key.
   * The path is taken raw: a percent-encoded key is simply invalid, never decoded. */
  keyFromPathname(pathname: string): string | null {
    const prefix = `${this.basePath}/`;
    if (!pathname.startsWith(prefix)) return null;
    const key = pathname.slice(prefix.length);
    return isValidKey(key) ? key : null;
  }

  /** The grant a signed URL carries, or null when anything about it is wrong or expired. */
  verify(method: 'GET' | 'PUT', key: string, query: URLSearchParams): Grant | null {
    const single = (name: string): string | null => {
      const values = query.getAll(name);
      return values.length === 1 ? values[0]! : null;
    };
    const exp = single('exp');
    const sig = single('sig');
    if (!exp || !sig || !DIGITS.test(exp)) return null;
    let grant: Grant;
    if (method === 'PUT') {
      const size = single('size');
      const type = single('type');
      if (!size || !type || !DIGITS.test(size)) return null;
      grant = { method, key, expiresAt: Number(exp), size: Number(size), contentType: type };
    } else {
      const name = single('name');
      if (!name || name !== sanitizeFilename(name)) return null;
      grant = { method, key, expiresAt: Number(exp), filename: name };
    }
    const expected = Buffer.from(this.sign(grant), 'base64url');
    const given = Buffer.from(sig, 'base64url');
    // Only the canonical spelling: base64 decoding ignores stray characters and padding bits.
    if (given.length !== expected.length || given.toString('base64url') !== sig) return null;
    if (!timingSafeEqual(given, expected)) return null;
    // Checked after the MAC so that an expired URL and a forged one look the same from outside.
    if (nowSeconds() >= grant.expiresAt) return null;
    return grant;
  }

  /**
   * Streams `body` to a temp file beside the object and renames it into place only when exactly
   * `size` bytes arrived. `exclusive` (uploads through a signed URL): it is linked into place
   * instead, which fails rather than replace an object already there. Past `size` it stops reading at once and deletes the temp file, so an
   * oversized upload never reaches the disk in full and nothing is buffered in memory.
   */
  async receive(
    key: string,
    body: Readable,
    options: { contentType: string; size: number; exclusive?: boolean },
  ): Promise<ReceiveResult> {
    const target = this.pathOf(key);
    const directory = path.dirname(target);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temp = path.join(directory, `.${path.basename(target)}.${randomBytes(8).toString('hex')}.upload`);
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > options.size) callback(new SizeExceeded());
        else callback(null, chunk);
      },
    });
    const sink = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    // Which side failed: pipeline() destroys every stream with the first error, so `body.errored`
    // alone would call a full disk (ENOSPC) an upload the client aborted — a silent 400 instead of
    // our own failure, logged.
    let writeFailed = false;
    sink.once('error', () => {
      writeFailed = true;
    });
    try {
      await pipeline(body, limit, sink);
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof SizeExceeded) return 'too-large';
      if (body.errored && !writeFailed) return 'aborted';
      throw error;
    }
    if (received !== options.size) {
      await rm(temp, { force: true });
      return 'too-small';
    }
    if (options.exclusive) return this.linkIntoPlace(temp, target, options.contentType);
    try {
      await this.writeMetadata(target, { contentType: options.contentType });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return 'stored';
  }

  /** Moves a received temp file to `target` unless something is there already. */
  private async linkIntoPlace(temp: string, target: string, contentType: string): Promise<ReceiveResult> {
    try {
      await link(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    } finally {
      await rm(temp, { force: true });
    }
    try {
      await this.writeMetadata(target, { contentType });
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
    return 'stored';
  }

  /** The object opened for streaming, or null when it does not exist. */
  async open(key: string): Promise<OpenedObject | null> {
    const target = this.pathOf(key);
    const handle = await open(target, 'r').catch(ifMissing(null));
    if (!handle) return null;
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        await handle.close();
        return null;
      }
      const metadata = await this.readMetadata(target);
      return {
        stream: handle.createReadStream(),
        size: stats.size,
        contentType: metadata.contentType,
        lastModified: stats.mtime,
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const target = this.pathOf(key);
    const stats = await stat(target).catch(ifMissing(null));
    if (!stats?.isFile()) return null;
    const { contentType } = await this.readMetadata(target);
    return { size: stats.size, contentType, lastModified: stats.mtime };
  }

  async read(key: string, options: ReadOptions = {}): Promise<Buffer | null> {
    return bufferObject(await this.open(key), options.maxBytes);
  }

  async readStream(key: string): Promise<Readable | null> {
    return (await this.open(key))?.stream ?? null;
  }

  async withLocalFile<T>(key: string, options: ReadOptions, work: (file: LocalFile) => Promise<T>): Promise<T | null> {
    const target = this.pathOf(key);
    if (!(await stat(target).catch(ifMissing(null)))?.isFile()) return null;
    // A hard link beside the object, not the object's own path: a delete or an upload's tombstone
    // meanwhile replaces the key's name, never these bytes. A dot-file, so never listed as an object.
    const copy = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString('hex')}.read`);
    try {
      await link(target, copy);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const stats = await stat(copy);
      refuseOverLimit(stats, options.maxBytes);
      return await work({ path: copy, size: stats.size });
    } finally {
      await rm(copy, { force: true });
    }
  }

  async put(key: string, body: Buffer, options: { contentType: string }): Promise<void> {
    assertValidContentType(options.contentType);
    const result = await this.receive(key, Readable.from([body]), {
      contentType: options.contentType,
      size: body.length,
    });
    if (result !== 'stored') throw new Error(`Local storage put failed: ${result}`);
  }

  async putStream(key: string, body: Readable, options: { contentType: string; size: number }): Promise<void> {
    assertValidContentType(options.contentType);
    const result = await this.receive(key, body, options);
    if (result !== 'stored') throw new Error(`Local storage put failed: ${result}`);
  }

  async delete(keys: readonly string[]): Promise<void> {
    const targets = keys.map((key) => this.pathOf(key));
    for (const target of targets) {
      await rm(target, { force: true });
      await rm(metadataPath(target), { force: true });
    }
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    assertValidPrefix(prefix);
    // Walk only the directory the prefix fully names; the rest of the prefix filters file names.
    const directoryKey = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const start = path.join(this.root, ...directoryKey.split('/').filter(Boolean));
    for await (const entry of walk(start, directoryKey)) {
      if (!entry.key.startsWith(prefix)) continue;
      const stats = await stat(entry.file).catch(ifMissing(null));
      if (stats?.isFile()) yield { key: entry.key, size: stats.size, lastModified: stats.mtime };
    }
  }

  private sign(grant: Grant): string {
    const fields =
      grant.method === 'PUT'
        ? [SIGNATURE_VERSION, grant.method, grant.key, grant.expiresAt, grant.size, grant.contentType, '']
        : [SIGNATURE_VERSION, grant.method, grant.key, grant.expiresAt, '', '', grant.filename];
    // Newline-separated: no field can contain one (keys, types and names are validated).
    return createHmac('sha256', this.signingKey).update(fields.join('\n')).digest('base64url');
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const target = path.join(this.root, ...key.split('/'));
    // Defence in depth: the validator already makes escaping the root impossible.
    if (!target.startsWith(this.root + path.sep)) throw new Error('Storage key resolved outside the root');
    return target;
  }

  private async readMetadata(target: string): Promise<{ contentType: string }> {
    const raw = await readFile(metadataPath(target), 'utf8').catch(ifMissing(null));
    if (raw === null) return { contentType: FALLBACK_CONTENT_TYPE };
    const parsed = JSON.parse(raw) as { contentType?: unknown };
    return { contentType: typeof parsed.contentType === 'string' ? parsed.contentType : FALLBACK_CONTENT_TYPE };
  }

  private async writeMetadata(target: string, metadata: { contentType: string }): Promise<void> {
    const file = metadataPath(target);
    const temp = `${file}.${randomBytes(8).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(metadata), { flag: 'wx', mode: 0o600 });
    await rename(temp, file);
  }
}

/** Metadata sits beside its object as a dot-file: keys cannot start with a dot, so no key collides. */
function metadataPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.meta.json`);
}

async function* walk(directory: string, keyPrefix: string): AsyncGenerator<{ key: string; file: string }> {
  const entries: Dirent[] | null = await readdir(directory, { withFileTypes: true }).catch(ifMissing(null));
  if (!entries) return;
  for (const entry of entries) {
    // Dot-files are temp uploads and metadata, never objects.
    if (entry.name.startsWith('.')) continue;
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* walk(file, `${keyPrefix}${entry.name}/`);
    else if (entry.isFile()) yield { key: `${keyPrefix}${entry.name}`, file };
  }
}

function ifMissing<T>(fallback: T) {
  return (error: NodeJS.ErrnoException): T => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return fallback;
    throw error;
  };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
