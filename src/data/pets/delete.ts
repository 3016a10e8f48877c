// Deleting a pet: the row first, then its photo's objects and any original still pending (its job
// then finds no row and does nothing), and its vet visits' documents (ADR 0036).
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { deleteImageObjects, imageObjects } from '../images';
import { documentKeysOf } from '../care/visit-documents';
import type { SessionUser } from '../session';
import { isPetId, type Pet } from './records';

/** Deletes the caller's pet and then its photo; returns what was deleted, or null if none. */
export async function deletePet(user: SessionUser, id: string): Promise<Pick<Pet, 'id' | 'name'> | null> {
  if (!isPetId(id)) return null;
  const row = await withUser(db(), user.id, async (tx) => {
    const documents = await documentKeysOf(tx, { petId: id });
    const [deleted] = await tx
      .delete(pets)
      .where(and(eq(pets.id, id), eq(pets.userId, user.id)))
      .returning({
        id: pets.id,
        name: pets.name,
        imagePath: pets.imagePath,
        photoOriginalKey: pets.photoOriginalKey,
      });
    return deleted ? { ...deleted, documents } : null;
  });
  if (!row) return null;
  await deleteImageObjects([...imageObjects(row.imagePath), row.photoOriginalKey, ...row.documents]);
  return { id: row.id, name: row.name };
}
