// Reads a pet form (FormData) into the contract's input: only the contract's fields are read,
// so smuggled `userId`, `user_id`, `createdAt` or `imagePath` fields are never even looked at.
import { formText } from './action-result';
import { knownTimeZone, latestTodayOnEarth, todayIn } from './dates';
import { imageFileProblem } from './validations/rules';

/** Where a submitted photo comes from: a direct upload (with JavaScript) or the form itself (without). */
export type ImageSource = { kind: 'upload'; storagePath: string } | { kind: 'file'; file: File };

export const PET_TEXT_FIELDS = ['name', 'category', 'birthday', 'gender'] as const;
export type PetTextField = (typeof PET_TEXT_FIELDS)[number];
export type PetFormValues = Record<PetTextField, string>;

/** Every text field, '' when missing (for createPet, where all are required). */
export function readPetForm(formData: FormData): PetFormValues {
  return Object.fromEntries(PET_TEXT_FIELDS.map((field) => [field, formText(formData, field)])) as PetFormValues;
}

/** Only the fields the form sent (for updatePet, whose schema is partial). */
export function readPetFormPatch(formData: FormData): Partial<PetFormValues> {
  return Object.fromEntries(
    PET_TEXT_FIELDS.filter((field) => formData.has(field)).map((field) => [field, formText(formData, field)]),
  );
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

/**
 * The photo part of a pet form: `storagePath` (uploaded straight to storage by the browser) or
 * `image` (the file itself, when JavaScript is off), with the contract's message if the file is
 * of the wrong type or size. `removeImage` asks to drop the current photo (updatePet).
 */
export function readPhotoFields(formData: FormData): {
  source: ImageSource | null;
  problem: string | null;
  remove: boolean;
} {
  const remove = ['true', 'on', '1'].includes(formText(formData, 'removeImage'));
  const storagePath = formText(formData, 'storagePath').trim();
  if (storagePath) return { source: { kind: 'upload', storagePath }, problem: null, remove };
  const file = formData.get('image');
  // An empty file part (no name, no bytes, application/octet-stream) is what a browser sends
  // for "no file chosen": that is no photo, not a wrong one.
  if (file instanceof File && file.size > 0) {
    const problem = imageFileProblem(file);
    return { source: problem ? null : { kind: 'file', file }, problem, remove };
  }
  return { source: null, problem: null, remove };
}
