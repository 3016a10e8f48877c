// Care-record work as the caller on one pet: the pet checked (findCarePet, the one place that
// decides access) inside the caller's row-level-security transaction, locked for writes so a
// concurrent pet delete and a record insert serialize. Shared by every kind of record.
import 'server-only';
import { cache } from 'react';
import { db, type Transaction } from '@/db/client';
import { withUser } from '@/db/with-user';
import { isUuid } from '@/lib/uuid';
import type { SessionUser } from '../session';
import { findCarePet, type CarePet } from './pet-access';

/** `work` on the pet as the caller, or null (nothing done) when the pet is foreign, missing or no UUID. */
export async function onCarePet<T>(
  user: SessionUser,
  petId: string,
  options: { lock: boolean },
  work: (tx: Transaction, pet: CarePet) => Promise<T>,
): Promise<T | null> {
  if (!isUuid(petId)) return null;
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId, options);
    return pet ? work(tx, pet) : null;
  });
}

/** The pet whose care records the caller may see, or null. Cached per render (page and metadata). */
export const getCarePet = cache((user: SessionUser, petId: string): Promise<CarePet | null> =>
  onCarePet(user, petId, { lock: false }, async (_tx, pet) => pet),
);

/** Record ids are UUIDs: anything else is a record that does not exist, without asking the database. */
export const isCareRecordId = isUuid;

/** The form's one-time key if it is a well-formed one; anything else means "no key" (every submit creates). */
export function careSubmissionKey(submissionId: string | null | undefined): string | null {
  return isUuid(submissionId) ? submissionId : null;
}
