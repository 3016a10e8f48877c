// A photo uploaded as the browser uploads it, against a running server: generateImageUploadUrl
// for a signed URL, then a PUT of the bytes to that URL (the app's own route on local disk, or
// the S3 server).
import type { HttpClient } from './http';

export type SignedUpload = {
  /** Absolute: the app's origin, or the S3 server's. */
  uploadUrl: string;
  storagePath: string;
  /** The URL's path and query, for requests made with the client itself. */
  path: string;
  /** What the PUT must carry, as the browser sends them (S3 signs a no-overwrite condition). */
  headers: Record<string, string>;
};

export async function signUpload(
  client: HttpClient,
  ids: { generateImageUploadUrl: string },
  bytes: Buffer,
  filename: string,
  fileType: string,
): Promise<SignedUpload> {
  const { outcome } = await client.action(
    ids.generateImageUploadUrl,
    [{ filename, fileType, fileSize: bytes.length }],
    { path: '/pets/new' },
  );
  const value =
    outcome.kind === 'returned'
      ? (outcome.value as {
          success: boolean;
          uploadUrl: string;
          storagePath: string;
          headers?: Record<string, string>;
        })
      : null;
  if (!value?.success) throw new Error(`generateImageUploadUrl failed: ${JSON.stringify(outcome)}`);
  const url = new URL(value.uploadUrl, client.origin);
  return {
    uploadUrl: url.toString(),
    storagePath: value.storagePath,
    path: `${url.pathname}${url.search}`,
    headers: value.headers ?? { 'content-type': fileType },
  };
}

/** Signs an upload and PUTs the bytes; the storage path a pet form then submits. */
export async function uploadPhoto(
  client: HttpClient,
  ids: { generateImageUploadUrl: string },
  bytes: Buffer,
  filename = 'photo.png',
  fileType = 'image/png',
): Promise<string> {
  const signed = await signUpload(client, ids, bytes, filename, fileType);
  const response = await fetch(signed.uploadUrl, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: signed.headers,
  });
  if (response.status !== 200) throw new Error(`upload PUT failed: ${response.status} ${await response.text()}`);
  return signed.storagePath;
}
