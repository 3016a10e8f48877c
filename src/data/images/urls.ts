// Signed URLs of photos: an upload URL into the caller's own folder (its size held against the quota),
// view URLs of the caller's own display images and thumbnails, and the local disk adapter's route.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import type { UploadRequest } from '@/lib/validations/image';
import { localDiskStorage, sanitizeFilename, storage } from '@/storage';
import { handleLocalStorageRequest } from '@/storage/local-disk-http';
import { isOwnImagePath, thumbnailPathOf, UPLOAD_URL_SECONDS, userFolder } from '../image-keys';
import type { SessionUser } from '../session';
import { reserveUpload } from '../usage';

export const VIEW_URL_SECONDS = 60 * 60;

/** An upload URL into the caller's folder; its request validated by the caller's schema (a photo's, or a
 * vet visit document's, whose type may also be a PDF). */
export async function createImageUpload(
  user: SessionUser,
  request: Omit<UploadRequest, 'fileType'> & { fileType: string },
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

/** The local disk adapter's signed URLs (GET/HEAD/PUT /api/storage/…); 404 under S3. */
export async function serveLocalStorage(request: Request): Promise<Response> {
  const local = localDiskStorage();
  if (!local)
    return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return handleLocalStorageRequest(request, local);
}
