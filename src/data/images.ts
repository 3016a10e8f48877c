// Pet photos in the DAL: signed upload and view URLs for the caller's own folder only, and the
// server-side pipeline every photo goes through before a row may point at it — ownership and
// existence, size, magic bytes, a decode with a pixel limit, auto-rotation, metadata stripped
// (GPS included), re-encoded display image and thumbnail (docs/architecture.md, Images).
import 'server-only';
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { fairQueue } from '@/lib/fair-queue';
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
/**
 * Photos decoded at once in this process; the rest wait their turn, each account's in order and
 * the accounts in turn (lib/fair-queue.ts), so one account's flood never queues another's photo
 * behind all of its own. Ten 24 MP photos
 * at once took the server past 1.3 GB. libvips already spreads one photo over the cores, so one
 * at a time finishes ten about as soon as two at a time did, with ~90 MB less at the peak
 * (docs/performance.md, upload).
 */
const PHOTO_PROCESSING_SLOTS = 1;

// libvips' operation cache keeps recent images' pixels for reuse: every photo here is new.
sharp.cache(false);

/** A photo the server refuses, with the message for the form's image field. */
export class ImageRejectedError extends Error {
  override name = 'ImageRejectedError';
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}

/** Where a submitted photo comes from: a direct upload (with JavaScript) or the form itself (without). */
export type ImageSource = { kind: 'upload'; storagePath: string } | { kind: 'file'; file: File };

/** The objects a stored photo consists of, their size together, and the upload they were made from. */
export type StoredImage = { imagePath: string; thumbnailPath: string; bytes: number; consumedUpload: string | null };

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

/** A view URL (1 h) for one of the caller's images, or null when the path is not theirs. */
export async function createImageViewUrl(user: SessionUser, imagePath: string): Promise<string | null> {
  if (!isOwnImagePath(user.id, imagePath)) return null;
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
  const name = source.storagePath.slice(userFolder(userId).length + 37);
  return { bytes, name, upload: source.storagePath };
}

const photoProcessing = fairQueue(PHOTO_PROCESSING_SLOTS);

/** The display image and the thumbnail of a photo (or a rejection), metadata stripped. */
async function processPhoto(bytes: Buffer): Promise<{ display: Buffer; thumbnail: Buffer }> {
  // Magic bytes, not the name or the declared type: a text file named .png is not a PNG.
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== 'image/jpeg' && detected?.mime !== 'image/png')
    throw new ImageRejectedError(IMAGE_MESSAGES.invalid);
  // Two pipelines one after the other rather than two clones of one decode at once: each lets
  // libjpeg shrink while decoding (1/2 for the display image, 1/8 for the thumbnail), reads the
  // input top to bottom (sequentialRead) and holds one image's pixels at a time.
  const decode = () =>
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true }).rotate();
  try {
    // rotate() applies the EXIF orientation; nothing of the metadata (GPS included) is kept.
    const display = await decode()
      .resize({ width: DISPLAY_MAX_SIDE, height: DISPLAY_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    const thumbnail = await decode()
      .resize({ ...THUMBNAIL, fit: 'cover', position: 'attention' })
      .webp({ quality: 70 })
      .toBuffer();
    return { display, thumbnail };
  } catch {
    // Truncated data, a pixel bomb, an unsupported variant: all the user can do is pick another file.
    throw new ImageRejectedError(IMAGE_MESSAGES.invalid);
  }
}

/** Decodes, checks and re-encodes a photo; writes the display image and thumbnail. */
export async function storeImage(userId: string, source: ImageSource): Promise<StoredImage> {
  // The source is read inside the slot too, so queued photos wait on disk, not in memory.
  const { display, thumbnail, name, upload } = await photoProcessing(userId, async () => {
    const { bytes, name, upload } = await readSource(userId, source);
    return { ...(await processPhoto(bytes)), name, upload };
  });

  const base = sanitizeFilename(name).replace(/\.[a-z0-9]+$/, '') || 'photo';
  const imagePath = `${userFolder(userId)}${randomUUID()}-${base}.webp`;
  const thumbnailPath = thumbnailPathOf(imagePath);
  try {
    await storage().put(imagePath, display, { contentType: 'image/webp' });
    await storage().put(thumbnailPath, thumbnail, { contentType: 'image/webp' });
  } catch (error) {
    await deleteImageObjects([imagePath, thumbnailPath]);
    throw error;
  }
  return { imagePath, thumbnailPath, bytes: display.length + thumbnail.length, consumedUpload: upload };
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
 * Marks an upload as used once its photo is stored and its row written: the object is replaced by
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
