// Pet photos in the DAL: signed upload and view URLs for the caller's own folder only, and the
// server-side pipeline every photo goes through (ADR 0008, 0016): in the request, ownership,
// existence, size, magic bytes and a header within the pixel limit; in the process-photo job, a
// decode with a pixel limit, auto-rotation, metadata stripped (GPS included), re-encoded display
// image and thumbnail (docs/architecture.md, Images).
import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { logger } from '@/lib/logger';
import type { UploadRequest } from '@/lib/validations/image';
import { IMAGE_MESSAGES, MAX_FILE_SIZE, MAX_INPUT_PIXELS } from '@/lib/validations/rules';
import { localDiskStorage, ObjectTooLargeError, sanitizeFilename, storage } from '@/storage';
import { handleLocalStorageRequest } from '@/storage/local-disk-http';
import { isOwnImagePath, thumbnailPathOf, UPLOAD_URL_SECONDS, userFolder } from './image-keys';
import type { SessionUser } from './session';
import { reserveUpload } from './usage';

export { imageObjects, isOwnImagePath, thumbnailPathOf, UPLOAD_URL_SECONDS } from './image-keys';

export const VIEW_URL_SECONDS = 60 * 60;
const DISPLAY_MAX_SIDE = 2560;
const THUMBNAIL = { width: 640, height: 480 };
// WebP's encoder effort (0–6, libvips' default 4): 2 halves the encoding time of a 1600×1200 photo
// (about 500 → 250 ms on one core here) for files about 4 % larger: photos are ready sooner under
// load, where the process-photo jobs share the cores with requests (docs/performance.md).
const WEBP_EFFORT = 2;
// libvips' operation cache keeps recent images' pixels for reuse: every photo here is new.
sharp.cache(false);
// One thread per image operation (libvips' default is one per core): the process-photo job runs two
// photos at once, and each should leave a core to the other and to requests, not compete for all.
sharp.concurrency(1);

/** A photo the server refuses, with the message for the form's image field. */
export class ImageRejectedError extends Error {
  override name = 'ImageRejectedError';
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}

/** Where a submitted photo comes from: a direct upload (with JavaScript) or the form itself (without). */
export type ImageSource = { kind: 'upload'; storagePath: string } | { kind: 'file'; file: File };

/** The objects a processed photo consists of, and their size together. */
export type StoredImage = { imagePath: string; thumbnailPath: string; bytes: number };

export async function createImageUpload(
  user: SessionUser,
  request: UploadRequest,
): Promise<{ uploadUrl: string; storagePath: string; headers: Record<string, string> }> {
  const storagePath = `${userFolder(user.id)}${randomUUID()}-${sanitizeFilename(request.filename)}`;
  // The declared size counts against the storage quota from now on (refused when it does not fit).
  await reserveUpload(user, storagePath, request.fileSize);
  const signed = await storage().createUploadUrl(storagePath, {
    contentType: request.fileType,
    contentLength: request.fileSize,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return { uploadUrl: signed.url, storagePath, headers: signed.headers };
}

/**
 * A view URL (1 h) for one of the caller's processed images (a pet's display image or thumbnail),
 * or null otherwise: uploads and pending originals may carry GPS metadata and are never served.
 */
export async function createImageViewUrl(user: SessionUser, imagePath: string): Promise<string | null> {
  if (!isOwnImagePath(user.id, imagePath)) return null;
  const displayPath = imagePath.replace(/\.thumb\.webp$/, '.webp');
  const shown = await withUser(db(), user.id, (tx) =>
    tx
      .select({ id: pets.id })
      .from(pets)
      .where(and(eq(pets.userId, user.id), eq(pets.imagePath, displayPath)))
      .limit(1),
  );
  if (shown.length === 0) return null;
  return storage().createDownloadUrl(imagePath, { expiresInSeconds: VIEW_URL_SECONDS });
}

/** Signed display and thumbnail URLs for rows the DAL has already checked belong to the caller. */
export async function signedUrlsFor(
  imagePath: string | null,
): Promise<{ imageUrl: string | null; thumbnailUrl: string | null }> {
  if (!imagePath) return { imageUrl: null, thumbnailUrl: null };
  const [imageUrl, thumbnailUrl] = await Promise.all([
    storage().createDownloadUrl(imagePath, { expiresInSeconds: VIEW_URL_SECONDS }),
    storage().createDownloadUrl(thumbnailPathOf(imagePath), { expiresInSeconds: VIEW_URL_SECONDS }),
  ]);
  return { imageUrl, thumbnailUrl };
}

/**
 * A photo accepted in the request and not processed yet (ADR 0016): the uploaded original, which
 * the process-photo job turns into the display image and thumbnail. Never served as it is.
 */
export type AcceptedPhoto = {
  originalKey: string;
  /** The original's size: what it counts against the storage quota until it is processed. */
  bytes: number;
  /** The upload it is (its quota hold ends when a row takes it over), or null for a form's file. */
  consumedUpload: string | null;
  /** True when the request itself stored the original (a form's file): a failed write deletes it. */
  storedByRequest: boolean;
};

async function readSource(
  userId: string,
  source: ImageSource,
): Promise<{ bytes: Buffer; name: string; upload: string | null }> {
  if (source.kind === 'file') {
    if (source.file.size > MAX_FILE_SIZE) throw new ImageRejectedError(IMAGE_MESSAGES.size);
    return { bytes: Buffer.from(await source.file.arrayBuffer()), name: source.file.name, upload: null };
  }
  // Only the caller's own folder: a path of someone else's is refused like a missing one.
  if (!isOwnImagePath(userId, source.storagePath)) throw new ImageRejectedError(IMAGE_MESSAGES.uploadFailed);
  let bytes: Buffer | null;
  try {
    bytes = await storage().read(source.storagePath, { maxBytes: MAX_FILE_SIZE });
  } catch (error) {
    if (error instanceof ObjectTooLargeError) throw new ImageRejectedError(IMAGE_MESSAGES.size);
    throw error;
  }
  // Empty: a used upload's tombstone (consumeUpload), which is as gone as a missing one.
  if (!bytes || bytes.length === 0) throw new ImageRejectedError(IMAGE_MESSAGES.uploadFailed);
  return { bytes, name: nameInKey(userId, source.storagePath), upload: source.storagePath };
}

/** The sanitized file name inside a key `{user}/pets/{uuid}-{name}`. */
function nameInKey(userId: string, key: string): string {
  return key.slice(userFolder(userId).length + 37);
}

/**
 * The checks a user hears about at once, from the file's header alone: JPEG or PNG by its magic
 * bytes, and a header sharp can read whose dimensions are within the pixel limit. `metadata()`
 * parses the header only and decodes no pixels (a JPEG cut off after its header passes here and
 * fails in the job: tests/integration/pet-photo-processing.test.ts), so this costs microseconds,
 * not the seconds of a decode.
 */
async function checkHeader(bytes: Buffer): Promise<void> {
  // Magic bytes, not the name or the declared type: a text file named .png is not a PNG.
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== 'image/jpeg' && detected?.mime !== 'image/png')
    throw new ImageRejectedError(IMAGE_MESSAGES.invalid);
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(bytes).metadata());
  } catch {
    throw new ImageRejectedError(IMAGE_MESSAGES.invalid);
  }
  // Over the pixel limit: a decompression bomb, refused before anything decodes it.
  if (!width || !height || width * height > MAX_INPUT_PIXELS) throw new ImageRejectedError(IMAGE_MESSAGES.invalid);
}

/**
 * Accepts a submitted photo for processing: the header checks above, then the original is where
 * the job will find it — the upload itself, or (a form's file) a new object in the user's folder.
 */
export async function acceptPhoto(userId: string, source: ImageSource): Promise<AcceptedPhoto> {
  const { bytes, name, upload } = await readSource(userId, source);
  await checkHeader(bytes);
  if (upload) return { originalKey: upload, bytes: bytes.length, consumedUpload: upload, storedByRequest: false };
  const originalKey = `${userFolder(userId)}${randomUUID()}-${sanitizeFilename(name)}`;
  const contentType = (await fileTypeFromBuffer(bytes))!.mime;
  await storage().put(originalKey, bytes, { contentType });
  return { originalKey, bytes: bytes.length, consumedUpload: null, storedByRequest: true };
}

/** The display image and the thumbnail of a photo, metadata stripped; PhotoDecodeError when it cannot be decoded. */
async function renderPhoto(bytes: Buffer): Promise<{ display: Buffer; thumbnail: Buffer }> {
  // Two pipelines one after the other rather than two clones of one decode at once: each lets
  // libjpeg shrink while decoding (1/2 for the display image, 1/8 for the thumbnail), reads the
  // input top to bottom (sequentialRead) and holds one image's pixels at a time.
  const decode = () =>
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true }).rotate();
  try {
    // rotate() applies the EXIF orientation; nothing of the metadata (GPS included) is kept.
    const display = await decode()
      .resize({ width: DISPLAY_MAX_SIDE, height: DISPLAY_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82, effort: WEBP_EFFORT })
      .toBuffer();
    const thumbnail = await decode()
      .resize({ ...THUMBNAIL, fit: 'cover', position: 'attention' })
      .webp({ quality: 70, effort: WEBP_EFFORT })
      .toBuffer();
    return { display, thumbnail };
  } catch (error) {
    // Truncated data, a pixel bomb, an unsupported variant: all the user can do is pick another file.
    throw new PhotoDecodeError(error instanceof Error ? error.message : String(error));
  }
}

/** The original could not be decoded (or is gone): the photo fails for good, a retry would not help. */
export class PhotoDecodeError extends Error {
  override name = 'PhotoDecodeError';
}

/**
 * Where the display image of an original goes: a key derived from the original's, so a retried
 * job writes over what an interrupted run wrote instead of leaving a second copy.
 */
function displayKeyFor(userId: string, originalKey: string): string {
  const hex = createHash('sha256').update(`display\0${originalKey}`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const base = nameInKey(userId, originalKey).replace(/\.[a-z0-9]+$/, '') || 'photo';
  return `${userFolder(userId)}${id}-${base}.webp`;
}

/**
 * Decodes an accepted original and writes its display image and thumbnail (the process-photo
 * job). PhotoDecodeError when the original cannot be decoded or is missing; other errors (storage
 * down) are worth a retry.
 */
export async function renderPendingPhoto(userId: string, originalKey: string): Promise<StoredImage> {
  let bytes: Buffer | null;
  try {
    bytes = await storage().read(originalKey, { maxBytes: MAX_FILE_SIZE });
  } catch (error) {
    if (error instanceof ObjectTooLargeError) throw new PhotoDecodeError('original over 20 MB');
    throw error;
  }
  if (!bytes) throw new PhotoDecodeError('original missing');
  const { display, thumbnail } = await renderPhoto(bytes);
  const imagePath = displayKeyFor(userId, originalKey);
  const thumbnailPath = thumbnailPathOf(imagePath);
  try {
    await storage().put(imagePath, display, { contentType: 'image/webp' });
    await storage().put(thumbnailPath, thumbnail, { contentType: 'image/webp' });
  } catch (error) {
    await deleteImageObjects([imagePath, thumbnailPath]);
    throw error;
  }
  return { imagePath, thumbnailPath, bytes: display.length + thumbnail.length };
}

/**
 * Objects of a photo that no row points at any more. Failures are logged, not thrown: the row is
 * already right, and the sweep (storage:sweep) removes objects no pet points at.
 */
export async function deleteImageObjects(keys: readonly (string | null | undefined)[]): Promise<void> {
  const present = keys.filter((key): key is string => typeof key === 'string' && key.length > 0);
  if (present.length === 0) return;
  try {
    await storage().delete(present);
  } catch (error) {
    logger().warn({ err: error, keys: present.length }, 'photo objects left to the storage sweep');
  }
}

const TOMBSTONE = Buffer.alloc(0);

/**
 * Marks an upload as used once the photo job is done with it (made or failed): the object is replaced by
 * an empty tombstone rather than deleted. Its signed URL may still be valid (UPLOAD_URL_SECONDS),
 * and a URL stores only where nothing is (local disk links into place, S3 checks
 * If-None-Match: *); a deleted key would take a replayed PUT again — bytes no quota counts,
 * since the upload's reservation is released. The sweep removes tombstones once no URL for them
 * can be valid (sweep.ts). Failures are logged: the upload then stays whole, which still refuses
 * a replay, until the sweep removes it.
 */
export async function consumeUpload(storagePath: string | null): Promise<void> {
  if (!storagePath) return;
  try {
    await storage().put(storagePath, TOMBSTONE, { contentType: 'application/octet-stream' });
  } catch (error) {
    logger().warn({ err: error }, 'used upload left whole for the storage sweep');
  }
}

/** The local disk adapter's signed URLs (GET/HEAD/PUT /api/storage/…); 404 under S3. */
export async function serveLocalStorage(request: Request): Promise<Response> {
  const local = localDiskStorage();
  if (!local)
    return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return handleLocalStorageRequest(request, local);
}
