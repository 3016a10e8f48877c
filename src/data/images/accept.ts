// A submitted photo in the request (ADR 0008, 0016): ownership, existence, size, magic bytes and a
// header within the pixel limit — no decode — then the original is kept where the job will find it.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { IMAGE_MESSAGES, MAX_FILE_SIZE, MAX_INPUT_PIXELS } from '@/lib/validations/rules';
import { ObjectTooLargeError, sanitizeFilename, storage } from '@/storage';
import { isOwnImagePath, userFolder } from '../image-keys';

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
export function nameInKey(userId: string, key: string): string {
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
