// Loads what a care page (/pets/[id]/vaccinations…, visits…, medications…, weight…) needs as the
// signed-in user: the same 404 for a pet or record that does not exist, belongs to someone else, or
// whose id is not a UUID; with the account's preferences and its today (the forms' date bounds).
import { notFound } from 'next/navigation';
import { getCarePet } from '@/data/care/access';
import { getPreferences, type Preferences } from '@/data/preferences';
import { requireUser, type SessionUser } from '@/data/session';
import { todayIn } from '@/lib/dates';

type CarePageContext = { preferences: Preferences; today: string };

/** What `load` finds as the signed-in user (back here after signing in), or the 404 page. */
export async function careOr404<T extends object>(
  returnTo: string,
  load: (user: SessionUser) => Promise<T | null>,
): Promise<T & CarePageContext> {
  const user = await requireUser(returnTo);
  const [found, preferences] = await Promise.all([load(user), getPreferences(user)]);
  if (!found) notFound();
  return { ...found, preferences, today: todayIn(preferences.timeZone) };
}

/** The pet whose care records the caller may use (an add form's page). */
export function carePetOr404(petId: string, returnTo: string) {
  return careOr404(returnTo, async (user) => {
    const pet = await getCarePet(user, petId);
    return pet && { pet };
  });
}
