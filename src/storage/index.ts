// The object storage of this process, chosen by STORAGE_DRIVER: local disk under DATA_DIR by
// default, an S3-compatible store with 's3'. Only the DAL (src/data) imports it.
import path from 'node:path';
import { env } from '@/lib/env';
import { LocalDiskStorage } from './local-disk';
import type { ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3';

export type { ObjectStorage } from './object-storage';
export { assertValidKey, isValidKey, sanitizeFilename, InvalidKeyError, ObjectTooLargeError } from './object-storage';

/** The private bucket of pet images (Supabase Storage's name in docs/requirements.md). */
export const STORAGE_BUCKET = 'pet-images';

/** Where the local adapter's signed URLs are served (src/app/api/storage/[...key]/route.ts). */
export const LOCAL_STORAGE_ROUTE = '/api/storage';

// On globalThis because the custom server and Next's bundle each load this module; one adapter
// (one S3 client, one derived signing key) per process is enough.
const globalForStorage = globalThis as unknown as { __pawprintStorage?: ObjectStorage };

function createStorage(): ObjectStorage {
  const config = env();
  if (config.STORAGE_DRIVER === 's3') {
    return new S3ObjectStorage({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      // parseEnv guarantees both when STORAGE_DRIVER=s3.
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      corsOrigins: [config.appUrl],
    });
  }
  return new LocalDiskStorage({
    root: path.join(config.dataDir, 'storage', STORAGE_BUCKET),
    // Root-relative: the page and its images share whatever origin the user reached the app at.
    publicBaseUrl: LOCAL_STORAGE_ROUTE,
    secret: config.authSecret,
  });
}

export function storage(): ObjectStorage {
  globalForStorage.__pawprintStorage ??= createStorage();
  return globalForStorage.__pawprintStorage;
}

/** The local adapter when it is the one configured (the /api/storage route serves only it). */
export function localDiskStorage(): LocalDiskStorage | null {
  const current = storage();
  // By `driver`, not instanceof: Next bundles route handlers and actions separately, so the
  // adapter on globalThis may come from another copy of the LocalDiskStorage class.
  return current.driver === 'local' ? (current as LocalDiskStorage) : null;
}

/** Tests that change the configuration call this to build the adapter again. */
export function resetStorageForTests(): void {
  delete globalForStorage.__pawprintStorage;
}
