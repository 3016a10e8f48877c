// Loads the signed-in user's pet for a /pets/[id]… page: the same 404 for a pet that does not
// exist, belongs to someone else, or whose id is not a UUID (no hint that it exists).
import { notFound } from 'next/navigation';
import { getPet, type Pet } from '@/data/pets';
import { requireUser } from '@/data/session';

export async function petOr404(id: string, returnTo: string): Promise<Pet> {
  const pet = await getPet(await requireUser(returnTo), id);
  if (!pet) notFound();
  return pet;
}
