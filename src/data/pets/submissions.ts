// Duplicate submissions of one create form (a double click, a retry after a timeout): the form's
// one-time key makes the second submission answer with the first one's pet instead of a new one.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { isUuid } from '@/lib/uuid';
import { petColumns, type PetRecord } from './records';

/** The form's key if it is a well-formed one; anything else means "no key" (every submit creates). */
export function submissionKey(submissionId: string | null | undefined): string | null {
  return isUuid(submissionId) ? submissionId : null;
}

/** The row an earlier submission with this key created, or null. */
export async function findBySubmission(tx: Transaction, userId: string, key: string): Promise<PetRecord | null> {
  const [row] = await tx
    .select(petColumns)
    .from(pets)
    .where(and(eq(pets.userId, userId), eq(pets.submissionId, key)));
  return row ?? null;
}

/** The same, in a transaction of its own. */
export function findSubmitted(userId: string, key: string): Promise<PetRecord | null> {
  return withUser(db(), userId, (tx) => findBySubmission(tx, userId, key));
}
