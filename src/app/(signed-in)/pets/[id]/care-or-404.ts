// Loads what a care-record page (/pets/[id]/vaccinations…, /pets/[id]/visits…) needs as the signed-in
// user: the same 404 for a pet or record that does not exist, belongs to someone else, or whose id
// is not a UUID. "Today" is the account's, for the forms' date bounds.
import { notFound } from 'next/navigation';
import { getCarePet } from '@/data/care/access';
import type { CarePet } from '@/data/care/pet-access';
import { getVaccination, type Vaccination } from '@/data/care/vaccinations';
import { getVetVisit, type VetVisit } from '@/data/care/visits';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { todayIn } from '@/lib/dates';

/** The pet and the account's today (the form's latest date given). */
export async function carePetOr404(petId: string, returnTo: string): Promise<{ pet: CarePet; today: string }> {
  const user = await requireUser(returnTo);
  const [pet, { timeZone }] = await Promise.all([getCarePet(user, petId), getPreferences(user)]);
  if (!pet) notFound();
  return { pet, today: todayIn(timeZone) };
}

export async function vaccinationOr404(
  petId: string,
  id: string,
  returnTo: string,
): Promise<{ pet: CarePet; vaccination: Vaccination; today: string }> {
  const user = await requireUser(returnTo);
  const [found, { timeZone }] = await Promise.all([getVaccination(user, petId, id), getPreferences(user)]);
  if (!found) notFound();
  return { ...found, today: todayIn(timeZone) };
}

export async function visitOr404(
  petId: string,
  id: string,
  returnTo: string,
): Promise<{ pet: CarePet; visit: VetVisit; today: string }> {
  const user = await requireUser(returnTo);
  const [found, { timeZone }] = await Promise.all([getVetVisit(user, petId, id), getPreferences(user)]);
  if (!found) notFound();
  return { ...found, today: todayIn(timeZone) };
}
