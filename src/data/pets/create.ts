// Creating a pet: the photo (if any) checked from its header and kept as the pending original, then
// the row, then the process-photo job (ADR 0016); a repeated submission answers with the pet the
// first one created.
import 'server-only';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { ImageRejectedError, type ImageSource } from '../images';
import type { SessionUser } from '../session';
import { assertPetCountWithin, assertRoomFor, assertStorageLeft, lockUsage, releaseUpload } from '../usage';
import { assertOriginalUnused, schedulePhotoProcessing, withPendingPhoto } from './photo-consistency';
import { toPet, petColumns, type Pet, type PetFields, type PetRecord } from './records';
import { findBySubmission, findSubmitted, submissionKey } from './submissions';

/**
 * Creates the caller's pet; a photo (if any) passes the header checks before the row is written,
 * and is processed afterwards by the process-photo job (the pet is 'processing' until then).
 * The same `submissionId` twice yields the pet the first one created, with `created: false`, and
 * stores nothing more.
 */
export async function createPet(
  user: SessionUser,
  fields: PetFields,
  photo: ImageSource | null = null,
  submissionId: string | null = null,
): Promise<{ pet: Pet; created: boolean }> {
  const key = submissionKey(submissionId);
  if (key) {
    const earlier = await findSubmitted(user.id, key);
    if (earlier) return { pet: await toPet(earlier), created: false };
  }
  // Refused before any photo work when the account is already at a limit.
  await assertRoomFor(user, { photo: photo !== null, pet: true });
  let outcome: { row: PetRecord; created: boolean };
  try {
    outcome = await createRow(user.id, fields, photo, key);
  } catch (error) {
    // A twin of this submission may have won after the check above: it consumed the upload, so
    // this one finds the upload gone. The user's pet exists: answer with it, not with "Failed to
    // upload image".
    if (key && error instanceof ImageRejectedError) {
      const twin = await findSubmitted(user.id, key);
      if (twin) return { pet: await toPet(twin), created: false };
    }
    throw error;
  }
  const { row } = outcome;
  if (outcome.created && row.photoOriginalKey) await schedulePhotoProcessing(user.id, row.id, row.photoOriginalKey);
  return { pet: await toPet(row), created: outcome.created };
}

/**
 * The photo (if any) accepted, then the row written; the twin's row if this submission lost a race.
 * The account's pet count and storage are checked after the insert, under the account's lock: over
 * a limit, the transaction rolls back and an original the request stored goes.
 */
function createRow(
  userId: string,
  fields: PetFields,
  photo: ImageSource | null,
  key: string | null,
): Promise<{ row: PetRecord; created: boolean }> {
  return withPendingPhoto(
    userId,
    photo,
    (pending) =>
      withUser(db(), userId, async (tx) => {
        await lockUsage(tx, userId);
        // The twin of this submission holds the same upload: find it below rather than refuse it.
        const twinFirst = key ? await findBySubmission(tx, userId, key) : null;
        if (twinFirst) return { row: twinFirst, created: false };
        if (pending) await assertOriginalUnused(tx, userId, pending.originalKey);
        const [row] = await tx
          .insert(pets)
          .values({
            // The owner is always the session's user, never a form field.
            userId,
            name: fields.name,
            category: fields.category,
            birthday: fields.birthday,
            gender: fields.gender,
            imagePath: null,
            photoStatus: pending ? 'processing' : null,
            photoOriginalKey: pending?.originalKey ?? null,
            // The original counts against the quota until the job replaces it with what it made.
            photoBytes: pending?.bytes ?? 0,
            submissionId: key,
          })
          .onConflictDoNothing({ target: [pets.userId, pets.submissionId] })
          .returning(petColumns);
        if (row) {
          await assertPetCountWithin(tx, userId);
          if (pending) {
            await releaseUpload(tx, userId, pending.consumedUpload);
            await assertStorageLeft(tx, userId);
          }
          return { row, created: true };
        }
        // Only a submission key can conflict (a null key never equals another): its twin won.
        const twin = key ? await findBySubmission(tx, userId, key) : null;
        if (!twin) throw new Error('insert of a pet returned no row and no earlier submission');
        return { row: twin, created: false };
      }),
    (result) => result.created,
  );
}
