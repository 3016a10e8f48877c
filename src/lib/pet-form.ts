// Reads a pet form (FormData) into the contract's input: only the contract's fields are read,
// so smuggled `userId`, `user_id`, `createdAt` or `imagePath` fields are never even looked at.
import { formText } from './action-result';
import { knownTimeZone, latestTodayOnEarth, todayIn } from './dates';

export const PET_TEXT_FIELDS = ['name', 'category', 'birthday', 'gender'] as const;
export type PetTextField = (typeof PET_TEXT_FIELDS)[number];
export type PetFormValues = Record<PetTextField, string>;

/** Every text field, '' when missing (for createPet, where all are required). */
export function readPetForm(formData: FormData): PetFormValues {
  return Object.fromEntries(PET_TEXT_FIELDS.map((field) => [field, formText(formData, field)])) as PetFormValues;
}

/** Only the fields the form sent (for updatePet, whose schema is partial). */
export function readPetFormPatch(formData: FormData): Partial<PetFormValues> {
  return Object.fromEntries(PET_TEXT_FIELDS.filter((field) => formData.has(field)).map((field) => [field, formText(formData, field)]));
}

/**
 * "Today" for the birthday check, at the moment of the request, in the user's time zone (the
 * form sends it; see ADR 0006). Without it (no JavaScript), the latest date anywhere on Earth,
 * so nobody is ever told their pet's real birthday is in the future.
 */
export function requestToday(formData: FormData, now = new Date()): string {
  const zone = knownTimeZone(formText(formData, 'timezone'));
  return zone ? todayIn(zone, now) : latestTodayOnEarth(now);
}
