// The process-photo job's image work (ADR 0016): a decode with a pixel limit, auto-rotation, metadata
// stripped (GPS included), a re-encoded display image and thumbnail stored beside the original.
import 'server-only';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { MAX_FILE_SIZE, MAX_INPUT_PIXELS } from '@/lib/validations/rules';
import { ObjectTooLargeError, storage } from '@/storage';
import { thumbnailPathOf, userFolder } from '../image-keys';
import { nameInKey } from './accept';
import { deleteImageObjects } from './objects';

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

/** The objects a processed photo consists of, and their size together. */
export type StoredImage = { imagePath: string; thumbnailPath: string; bytes: number };

/**
 * The display image and the thumbnail of the photo in `file`, metadata stripped; PhotoDecodeError
 * when it cannot be decoded. From a file, not a Buffer: libvips reads it as it decodes, so the 20 MB
 * original is never in memory (two jobs and ten requests at once held ~20–40 MB each).
 */
async function renderPhoto(file: string): Promise<{ display: Buffer; thumbnail: Buffer }> {
  // Two pipelines one after the other rather than two clones of one decode at once: each lets
  // libjpeg shrink while decoding (1/2 for the display image, 1/8 for the thumbnail), reads the
  // input top to bottom (sequentialRead) and holds one image's pixels at a time.
  const decode = () =>
    sharp(file, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true }).rotate();
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
  let rendered: { display: Buffer; thumbnail: Buffer } | null;
  try {
    rendered = await storage().withLocalFile(originalKey, { maxBytes: MAX_FILE_SIZE }, (file) =>
      renderPhoto(file.path),
    );
  } catch (error) {
    if (error instanceof ObjectTooLargeError) throw new PhotoDecodeError('original over 20 MB');
    throw error;
  }
  if (!rendered) throw new PhotoDecodeError('original missing');
  const { display, thumbnail } = rendered;
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
