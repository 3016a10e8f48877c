// The object storage contract both adapters fill (local disk, S3), and the rules they share: what a
// key may look like, how a filename becomes safe, how a download is presented. Never trust a key.
import type { Readable } from 'node:stream';

/** What the browser needs to upload: PUT these bytes to `url` with exactly these `headers`. */
export type SignedUpload = {
  url: string;
  method: 'PUT';
  /** Headers the upload must carry (they are part of the signature). Content-Length is set by the
   * browser itself and is signed too: the body must be exactly the announced size. */
  headers: Record<string, string>;
};

export type UploadUrlOptions = {
  contentType: string;
  /** Exact size of the body in bytes; a larger (or, on S3, any different) body is refused. */
  contentLength: number;
  expiresInSeconds: number;
};

export type DownloadUrlOptions = {
  expiresInSeconds: number;
  /** Name offered to the browser; defaults to the key's last segment. Sanitized before use. */
  filename?: string;
};

export type ObjectInfo = { size: number; contentType: string; lastModified: Date };

export type ListedObject = { key: string; size: number; lastModified: Date };

/** An object's private copy on disk (ObjectStorage.withLocalFile). */
export type LocalFile = { path: string; size: number };

export type ReadOptions = {
  /** Refuse (ObjectTooLargeError) rather than buffer an object larger than this. */
  maxBytes?: number;
};

export interface ObjectStorage {
  readonly driver: 'local' | 's3';
  /** Creates what the adapter needs before first use (directory; bucket and its CORS rules). Idempotent. */
  ensureReady(): Promise<void>;
  createUploadUrl(key: string, options: UploadUrlOptions): Promise<SignedUpload>;
  createDownloadUrl(key: string, options: DownloadUrlOptions): Promise<string>;
  /** null when the object does not exist. */
  head(key: string): Promise<ObjectInfo | null>;
  /** The whole object in memory (server-side image processing: ≤ 20 MB); null when missing. */
  read(key: string, options?: ReadOptions): Promise<Buffer | null>;
  /** The object as a stream, for callers that must not buffer it; null when missing. */
  readStream(key: string): Promise<Readable | null>;
  /**
   * Runs `work` with the object as a private file on this machine, removed afterwards, so a reader
   * that takes a path (sharp: a 20 MB photo's header and decode) never holds the object in memory.
   * The file does not change while `work` runs, whatever happens to the key meanwhile. null (and
   * `work` not run) when missing; ObjectTooLargeError over `maxBytes`.
   */
  withLocalFile<T>(key: string, options: ReadOptions, work: (file: LocalFile) => Promise<T>): Promise<T | null>;
  put(key: string, body: Buffer, options: { contentType: string }): Promise<void>;
  /** Writes (or replaces) `key` from a stream of exactly `size` bytes without holding it in memory
   * (a data export's ZIP); fails, leaving no object, when another number of bytes arrives. */
  putStream(key: string, body: Readable, options: { contentType: string; size: number }): Promise<void>;
  /** Deletes every key given; keys that do not exist are not an error. */
  delete(keys: readonly string[]): Promise<void>;
  /** Every object whose key starts with `prefix` (order unspecified), e.g. to sweep abandoned uploads. */
  list(prefix: string): AsyncIterable<ListedObject>;
}

export class InvalidKeyError extends Error {
  override name = 'InvalidKeyError';
}

export class ObjectTooLargeError extends Error {
  override name = 'ObjectTooLargeError';
}

export const MAX_KEY_LENGTH = 512;
/** S3 caps presigned URLs at 7 days; the local adapter keeps the same ceiling. */
export const MAX_URL_EXPIRY_SECONDS = 7 * 24 * 60 * 60;
/** S3's single-PUT limit; the app's own limit (20 MB) is far below and enforced by its callers. */
export const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

// One segment: safe characters only, and never starting with a dot. That excludes `.` and `..`,
// hidden files, and every name the local adapter reserves for its temp and metadata files.
// `%` and `\` are not in the set, so no encoding or separator trick survives validation.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

function keyProblem(key: unknown): string | null {
  if (typeof key !== 'string') return 'key must be a string';
  if (key.length === 0) return 'key is empty';
  if (key.length > MAX_KEY_LENGTH) return `key is longer than ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith('/')) return 'key must be relative';
  for (const segment of key.split('/')) {
    if (segment.length === 0) return 'key has an empty segment';
    if (!SEGMENT.test(segment)) return 'key has a segment with a disallowed character or a leading dot';
  }
  return null;
}

export function isValidKey(key: unknown): key is string {
  return keyProblem(key) === null;
}

/** Throws InvalidKeyError unless `key` is a relative path of safe segments (see SEGMENT). */
export function assertValidKey(key: unknown): asserts key is string {
  const problem = keyProblem(key);
  if (problem) throw new InvalidKeyError(`Invalid storage key: ${problem}`);
}

/** A list prefix: empty, or a valid key optionally followed by `/`. */
export function assertValidPrefix(prefix: unknown): asserts prefix is string {
  if (prefix === '') return;
  if (typeof prefix !== 'string') throw new InvalidKeyError('Invalid storage prefix: must be a string');
  const problem = keyProblem(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  if (problem) throw new InvalidKeyError(`Invalid storage prefix: ${problem}`);
}

const MAX_FILENAME_LENGTH = 80;
const MAX_EXTENSION_LENGTH = 10;

/**
 * A user-supplied filename reduced to a safe ASCII slug plus its extension, e.g.
 * `Ünïcode Photo (1).JPG` → `unicode-photo-1.jpg`. At most 80 characters, never empty, never
 * starting with a dot, always a valid key segment.
 */
export function sanitizeFilename(name: string): string {
  const ascii = name
    .split(/[/\\]/)
    .pop()!
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const dot = ascii.lastIndexOf('.');
  const rawExtension = dot > 0 ? ascii.slice(dot + 1) : '';
  const extension = rawExtension.length <= MAX_EXTENSION_LENGTH && /^[a-z0-9]+$/.test(rawExtension) ? rawExtension : '';
  const stem = extension ? ascii.slice(0, dot) : ascii;
  const room = MAX_FILENAME_LENGTH - (extension ? extension.length + 1 : 0);
  const slug =
    stem
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, room)
      .replace(/^-+|-+$/g, '') || 'file';
  return extension ? `${slug}.${extension}` : slug;
}

/** Image types a browser may render inline from our URLs. Anything else (SVG above all: it can
 * carry script) is offered as a download instead. */
const INLINE_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

export function isInlineSafeType(contentType: string): boolean {
  return Object.hasOwn(INLINE_TYPES, contentType.toLowerCase());
}

/** The inline-safe image type a filename's extension names, or null. */
export function inlineTypeForFilename(filename: string): string | null {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  const normalized = extension === 'jpeg' ? 'jpg' : extension;
  return Object.entries(INLINE_TYPES).find(([, ext]) => ext === normalized)?.[0] ?? null;
}

/** `inline` for safe image types, `attachment` otherwise; the filename is sanitized ASCII, so
 * it needs no quoting beyond the quotes. */
export function contentDisposition(inline: boolean, filename: string): string {
  return `${inline ? 'inline' : 'attachment'}; filename="${sanitizeFilename(filename)}"`;
}

export function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

// A bare `type/subtype`, lower case, no parameters: it is compared byte for byte with the
// Content-Type header of the upload, so there must be exactly one spelling.
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

export function assertValidContentType(contentType: string): void {
  if (!CONTENT_TYPE.test(contentType) || contentType.length > 127) {
    throw new TypeError('contentType must be a lower-case type/subtype without parameters');
  }
}

export function assertValidExpiry(expiresInSeconds: number): void {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_URL_EXPIRY_SECONDS) {
    throw new RangeError(`expiresInSeconds must be an integer between 1 and ${MAX_URL_EXPIRY_SECONDS}`);
  }
}

export function assertValidUploadOptions(options: UploadUrlOptions): void {
  assertValidContentType(options.contentType);
  assertValidExpiry(options.expiresInSeconds);
  if (
    !Number.isInteger(options.contentLength) ||
    options.contentLength < 1 ||
    options.contentLength > MAX_UPLOAD_BYTES
  ) {
    throw new RangeError(`contentLength must be an integer between 1 and ${MAX_UPLOAD_BYTES}`);
  }
}

/** Reads an opened object into memory, refusing (ObjectTooLargeError) one over `maxBytes`. */
export async function bufferObject(
  body: { stream: Readable; size: number } | null,
  maxBytes?: number,
): Promise<Buffer | null> {
  if (!body) return null;
  refuseOverLimit(body, maxBytes);
  const chunks: Buffer[] = [];
  for await (const chunk of body.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Throws ObjectTooLargeError (closing the stream) when an opened object is over `maxBytes`. */
export function refuseOverLimit(body: { stream?: Readable; size: number }, maxBytes: number | undefined): void {
  if (maxBytes === undefined || body.size <= maxBytes) return;
  body.stream?.destroy();
  throw new ObjectTooLargeError(`Object is ${body.size} bytes, more than ${maxBytes}`);
}
