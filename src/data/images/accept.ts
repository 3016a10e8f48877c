// A submitted photo in the request (ADR 0008, 0016): ownership, existence, size, magic bytes and a
// header within the pixel limit — no decode — then the original is kept where the job will find it.
import 'server-only';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { IMAGE_MESSAGES, MAX_FILE_SIZE, MAX_INPUT_PIXELS } from '@/lib/validations/rules';
import { ObjectTooLargeError, sanitizeFilename, storage } from '@/storage';
import { isOwnImagePath, userFolder } from '../image-keys';
import { sniffMime } from './sniff';

/** A photo the server refuses, with the message for the form's image field. */
export class ImageRejectedError extends Error {
  override name = 'ImageRejectedError';
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}

/** Where a submitted photo comes from: a direct upload (with JavaScript) or the form itself (without). */
export type ImageSource = { kind: 'upload'; storagePath: string } | { kind: 'file'; file: File };

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

/** The sanitized file name inside a key `{user}/pets/{uuid}-{name}`. */
export function nameInKey(userId: string, key: string): string {
  return key.slice(userFolder(userId).length + 37);
}

/**
 * The checks a user hears about at once, from the file's header alone: JPEG or PNG by its magic
 * bytes, and a header sharp can read whose dimensions are within the pixel limit. `metadata()`
 * parses the header only and decodes no pixels (a JPEG cut off after its header passes here and
 * fails in the job: tests/integration/pet-photo-processing.test.ts), so this costs microseconds,
 * not the seconds of a decode. `photo` is the bytes, or a file's path (an upload: sharp reads its
 * header from the disk and the 20 MB are never in memory). Returns the detected type.
 */
async function checkHeader(photo: Buffer | string): Promise<string> {
  // Magic bytes, not the name or the declared type: a text file named .png is not a PNG.
  const mime = await sniffMime(photo);
  if (mime !== 'image/jpeg' && mime !== 'image/png') throw new ImageRejectedError(IMAGE_MESSAGES.invalid);
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(photo).metadata());
  } catch {
    throw new ImageRejectedError(IMAGE_MESSAGES.invalid);
  }
  // Over the pixel limit: a decompression bomb, refused before anything decodes it.
  if (!width || !height || width * height > MAX_INPUT_PIXELS) throw new ImageRejectedError(IMAGE_MESSAGES.invalid);
  return mime;
}

/**
 * Accepts a submitted photo for processing: the header checks above, then the original is where
 * the job will find it — the upload itself, or (a form's file) a new object in the user's folder.
 */
export async function acceptPhoto(userId: string, source: ImageSource): Promise<AcceptedPhoto> {
  if (source.kind === 'file') return acceptFormFile(userId, source.file);
  // Only the caller's own folder: a path of someone else's is refused like a missing one.
  if (!isOwnImagePath(userId, source.storagePath)) throw new ImageRejectedError(IMAGE_MESSAGES.uploadFailed);
  let bytes: number | null;
  try {
    bytes = await storage().withLocalFile(source.storagePath, { maxBytes: MAX_FILE_SIZE }, async (file) => {
      // Empty: a used upload's tombstone (consumeUpload), which is as gone as a missing one.
      if (file.size === 0) return null;
      await checkHeader(file.path);
      return file.size;
    });
  } catch (error) {
    if (error instanceof ObjectTooLargeError) throw new ImageRejectedError(IMAGE_MESSAGES.size);
    throw error;
  }
  if (!bytes) throw new ImageRejectedError(IMAGE_MESSAGES.uploadFailed);
  return { originalKey: source.storagePath, bytes, consumedUpload: source.storagePath, storedByRequest: false };
}

/** A photo that came inside the form (no JavaScript): already in memory, stored as a new object. */
async function acceptFormFile(userId: string, file: File): Promise<AcceptedPhoto> {
  if (file.size > MAX_FILE_SIZE) throw new ImageRejectedError(IMAGE_MESSAGES.size);
  const bytes = Buffer.from(await file.arrayBuffer());
  const contentType = await checkHeader(bytes);
  const originalKey = `${userFolder(userId)}${randomUUID()}-${sanitizeFilename(file.name)}`;
  await storage().put(originalKey, bytes, { contentType });
  return { originalKey, bytes: bytes.length, consumedUpload: null, storedByRequest: true };
}
