// How photos are named in storage: `{user_id}/pets/{uuid}-{name}`, a display image `….webp` and
// its thumbnail `….thumb.webp`. Kept apart from images.ts so maintenance scripts can use it
// without the request-bound parts of the DAL.
import 'server-only';
import { isValidKey } from '@/storage';

/** Everything of one account in storage lives below this folder (photos, data exports), so deleting
 * the account removes the whole folder. */
export function accountFolder(userId: string): string {
  return `${userId}/`;
}

/** The account's photos. */
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
