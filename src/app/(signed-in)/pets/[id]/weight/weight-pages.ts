// What the weight pages load: the signed-in user's pet (or one of its weighings) with the account's
// preferences; the app's 404 for a pet or record that is missing, someone else's, or not an id.
import { notFound } from 'next/navigation';
import { getWeight, listWeights } from '@/data/care/weights';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';

export async function petWeightsOr404(petId: string, returnTo: string) {
  const user = await requireUser(returnTo);
  const [weights, preferences] = await Promise.all([listWeights(user, petId), getPreferences(user)]);
  if (!weights) notFound();
  return { ...weights, preferences };
}

export async function weightOr404(petId: string, recordId: string, returnTo: string) {
  const user = await requireUser(returnTo);
  const [found, preferences] = await Promise.all([getWeight(user, petId, recordId), getPreferences(user)]);
  if (!found) notFound();
  return { ...found, preferences };
}
