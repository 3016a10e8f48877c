// Loads a medication of the signed-in user's pet for a /pets/[id]/medications/[recordId]… page: the
// same 404 for a record that does not exist, belongs to another pet or person, or whose id is no UUID.
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getMedication } from '@/data/care/medications';
import { requireUser } from '@/data/session';

export const medicationOr404 = cache(async (petId: string, id: string, returnTo: string) => {
  const found = await getMedication(await requireUser(returnTo), petId, id);
  if (!found) notFound();
  return found;
});
