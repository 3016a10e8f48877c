// A photo uploaded as the browser uploads it, in the test process on local disk: the
// generateImageUploadUrl action signs the URL, and the app's storage route takes the PUT.
import { expect } from 'vitest';
import { generateImageUploadUrl } from '@/actions/upload';
import { serveLocalStorage } from '@/data/images';
import { storage } from '@/storage';
import { returned, type Browser } from './next-request';

type SignedUrl = { uploadUrl?: string; headers?: Record<string, string> };

/** PUTs `bytes` to a signed upload URL through the storage route; its response. */
export function putToLocalStorage(signed: SignedUrl, bytes: Buffer): Promise<Response> {
  return serveLocalStorage(
    new Request(new URL(signed.uploadUrl!, 'http://localhost'), {
      method: 'PUT',
      headers: signed.headers,
      body: new Uint8Array(bytes),
      duplex: 'half',
    } as RequestInit),
  );
}

/** Signs an upload for `user`, PUTs the bytes (expecting 200); the storage path a pet form submits. */
export async function uploadLocally(
  user: Browser,
  bytes: Buffer,
  fileType = 'image/png',
  filename = 'photo.png',
): Promise<string> {
  const signed = returned(
    await user.call(() => generateImageUploadUrl({ filename, fileType, fileSize: bytes.length })),
  );
  expect((await putToLocalStorage(signed, bytes)).status).toBe(200);
  return signed.storagePath!;
}

/** A request to a signed URL, as the browser makes it: to the app's storage route, or to the S3 server. */
export async function toSignedUrl(url: string, init: RequestInit = {}): Promise<Response> {
  if (storage().driver === 'local') return serveLocalStorage(new Request(new URL(url, 'http://localhost'), init));
  return fetch(url, init);
}
