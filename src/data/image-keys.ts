// How photos are named in storage: `{user_id}/pets/{uuid}-{name}`, a display image `….webp` and
// its thumbnail `….thumb.webp`. Kept apart from images.ts so maintenance scripts can use it
// without the request-bound parts of the DAL.
import 'server-only';
import { isValidKey } from '@/storage';

/** Everything stored for an account lives under this folder: photos, documents and uploads (`pets/`), and
 * whatever else is kept per account (data exports); deleting the account removes all of it. */
export function accountFolder(userId: string): string {
  return `${userId}/`;
}

/** How long a signed upload URL may be used. */
export const UPLOAD_URL_SECONDS = 60;

/**
 * How long a used upload's key keeps its empty tombstone (images.ts, consumeUpload): past every
 * upload URL for it, with a few minutes to spare for the app's and the storage's clocks differing.
 */
export const UPLOAD_TOMBSTONE_MS = (UPLOAD_URL_SECONDS + 4 * 60) * 1000;

/** An empty object in a user folder is a used upload's tombstone: uploads and photos never are. */
export function isUploadTombstone(object: { size: number }): boolean {
  return object.size === 0;
}

/** The account's photos, its vet visits' documents (ADR 0036) and pending uploads. */
export function userFolder(userId: string): string {
  return `${accountFolder(userId)}pets/`;
}

/** True if `path` is a well-formed key directly inside `userId`'s own folder. */
export function isOwnImagePath(userId: string, path: unknown): path is string {
  const folder = userFolder(userId);
  return isValidKey(path) && path.startsWith(folder) && !path.slice(folder.length).includes('/');
}

/** The thumbnail that goes with a display image. */
export function thumbnailPathOf(imagePath: string): string {
  return imagePath.replace(/\.webp$/, '.thumb.webp');
}

/** Every object that belongs to a stored photo, for deletion after its row changed. */
export function imageObjects(imagePath: string | null): string[] {
  return imagePath ? [imagePath, thumbnailPathOf(imagePath)] : [];
}
