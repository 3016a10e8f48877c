// Loads the signed-in user's pet for a /pets/[id]… page: the same 404 for a pet that does not
// exist, belongs to someone else, or whose id is not a UUID (no hint that it exists).
import { notFound } from 'next/navigation';
import { getPet } from '@/actions/pets';
import type { Pet } from '@/data/pets';
import { requireUser } from '@/data/session';

export async function petOr404(id: string, returnTo: string): Promise<Pet> {
  await requireUser(returnTo);
  const result = await getPet({ id });
  if (result.success) return result.pet;
  if (result.message === 'Pet not found') notFound();
  throw new Error(result.message);
}
