// S3-compatible adapter (AWS S3, R2, Supabase Storage's S3 endpoint, MinIO, Ceph RGW) through
// AWS SDK v3. Browsers upload and download straight from the store with presigned URLs that sign
// the content type and exact length, so a URL cannot be reused for another file (ADR 0005).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  assertValidContentType,
  assertValidExpiry,
  assertValidKey,
  assertValidPrefix,
  assertValidUploadOptions,
  contentDisposition,
  inlineTypeForFilename,
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

export type S3StorageOptions = {
  bucket: string;
  region: string;
  /** Omit for AWS itself; set for every other S3-compatible store. */
  endpoint?: string;
  /** Path-style URLs (endpoint/bucket/key): needed by most non-AWS stores and by IP endpoints. */
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** Origins allowed to PUT and GET from the browser (the app's public origin). */
  corsOrigins: readonly string[];
};

/** DeleteObjects takes at most 1000 keys per request. */
const DELETE_BATCH = 1000;

export class S3ObjectStorage implements ObjectStorage {
  readonly driver = 's3' as const;
  readonly bucket: string;
  readonly client: S3Client;
  private readonly options: S3StorageOptions;

  constructor(options: S3StorageOptions) {
    this.options = options;
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // The SDK's default (WHEN_SUPPORTED) adds a checksum of the body it has — for a presigned PUT
      // that is the empty body — so every real upload would fail, and non-AWS stores reject the
      // flexible-checksum headers on responses. Checksums only where an operation requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Creates the bucket when missing and (re)applies the CORS rules browsers need. Idempotent. */
  async ensureReady(): Promise<void> {
    await this.ensureBucket();
  }

  async ensureBucket(): Promise<void> {
    const exists = await this.client.send(new HeadBucketCommand({ Bucket: this.bucket })).then(
      () => true,
      (error: unknown) => {
        if (isNotFound(error)) return false;
        throw error;
      },
    );
    if (!exists) {
      // us-east-1 is the one region that must not be named as a location constraint.
      const configuration =
        this.options.region === 'us-east-1'
          ? undefined
          : { LocationConstraint: this.options.region as BucketLocationConstraint };
      await this.client
        .send(new CreateBucketCommand({ Bucket: this.bucket, CreateBucketConfiguration: configuration }))
        .catch((error: unknown) => {
          // Another instance created it between our check and our create.
          if (errorName(error) !== 'BucketAlreadyOwnedByYou') throw error;
        });
    }
    await this.client.send(
      new PutBucketCorsCommand({
        Bucket: this.bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: [...this.options.corsOrigins],
              AllowedMethods: ['PUT', 'GET'],
              AllowedHeaders: ['content-type', 'if-none-match'],
              ExposeHeaders: ['etag'],
              MaxAgeSeconds: 3600,
            },
          ],
        },
      }),
    );
  }

  async createUploadUrl(key: string, options: UploadUrlOptions): Promise<SignedUpload> {
    assertValidKey(key);
    assertValidUploadOptions(options);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: options.contentType,
      ContentLength: options.contentLength,
      // A conditional write: the store refuses (412) a second PUT of the URL rather than replace
      // the first upload (AWS S3, R2, MinIO and Ceph RGW honour it).
      IfNoneMatch: '*',
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: options.expiresInSeconds,
      // Signed headers make the store refuse a body of another type or size, or without the condition.
      signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
    });
    return { url, method: 'PUT', headers: { 'content-type': options.contentType, 'if-none-match': '*' } };
  }

  async createDownloadUrl(key: string, options: DownloadUrlOptions): Promise<string> {
    assertValidKey(key);
    assertValidExpiry(options.expiresInSeconds);
    const filename = sanitizeFilename(options.filename ?? lastSegment(key));
    // The store serves whatever type was uploaded; the URL decides the presentation instead:
    // an image name is served inline as that image type, anything else as a download.
    const inlineType = inlineTypeForFilename(filename);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(inlineType !== null, filename),
      ResponseContentType: inlineType ?? undefined,
      ResponseCacheControl: `private, max-age=${options.expiresInSeconds}`,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidKey(key);
    try {
      const result = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: result.ContentLength ?? 0,
        contentType: result.ContentType ?? 'application/octet-stream',
        lastModified: result.LastModified ?? new Date(0),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async read(key: string, options: ReadOptions = {}): Promise<Buffer | null> {
    return bufferObject(await this.getBody(key), options.maxBytes);
  }

  async readStream(key: string): Promise<Readable | null> {
    return (await this.getBody(key))?.stream ?? null;
  }

  async withLocalFile<T>(key: string, options: ReadOptions, work: (file: LocalFile) => Promise<T>): Promise<T | null> {
    const body = await this.getBody(key);
    if (!body) return null;
    refuseOverLimit(body, options.maxBytes);
    const directory = await mkdtemp(path.join(tmpdir(), 'pawprint-object-'));
    try {
      const file = path.join(directory, 'object');
      await pipeline(body.stream, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      return await work({ path: file, size: body.size });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }

  async put(key: string, body: Buffer, options: { contentType: string }): Promise<void> {
    assertValidKey(key);
    assertValidContentType(options.contentType);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: options.contentType }),
    );
  }

  async putStream(key: string, body: Readable, options: { contentType: string; size: number }): Promise<void> {
    assertValidKey(key);
    assertValidContentType(options.contentType);
    // One PUT with the exact length, so no partial object is ever kept. A body that ends short (or runs
    // long) would leave the request waiting for bytes that never come: it is counted, and aborted.
    const abort = new AbortController();
    let received = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(received > options.size ? new Error(`more than the ${options.size} bytes announced`) : null, chunk);
      },
      flush(callback) {
        callback(received === options.size ? null : new Error(`ended after ${received} of ${options.size} bytes`));
      },
    });
    const failed = new Promise<never>((_, reject) =>
      counted.once('error', (error) => {
        abort.abort();
        reject(error);
      }),
    );
    body.once('error', (error) => counted.destroy(error));
    body.pipe(counted);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: counted,
      ContentLength: options.size,
      ContentType: options.contentType,
    });
    await Promise.race([this.client.send(command, { abortSignal: abort.signal }), failed]);
  }

  async delete(keys: readonly string[]): Promise<void> {
    keys.forEach((key) => assertValidKey(key));
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const result = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      // S3 reports a missing key as deleted; anything listed here really failed.
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(`S3 delete failed for ${failed.length} key(s): ${failed[0]?.Code ?? 'unknown error'}`);
      }
    }
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    assertValidPrefix(prefix);
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield { key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
      }
    }
  }

  private async getBody(key: string): Promise<{ stream: Readable; size: number } | null> {
    assertValidKey(key);
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // In Node the SDK's body is an http.IncomingMessage, i.e. a Readable.
      return { stream: result.Body as Readable, size: result.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return true;
  const name = errorName(error);
  return name === 'NotFound' || name === 'NoSuchKey' || name === 'NoSuchBucket';
}
