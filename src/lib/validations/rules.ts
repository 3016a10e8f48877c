// The plain values and checks of the validation rules that a form needs as the page loads,
// without zod: zod is most of a form's JavaScript, so the browser loads the schemas (pet.ts,
// image.ts) only after the form is on screen.
export const MAX_FILE_SIZE = 20 * 1024 * 1024; // 20MB
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;
export const EARLIEST_BIRTHDAY = '1900-01-01';

/** The pet form's text fields, in the order the form shows them. */
export const PET_TEXT_FIELDS = ['name', 'category', 'birthday', 'gender'] as const;
export type PetTextField = (typeof PET_TEXT_FIELDS)[number];
export type PetFormValues = Record<PetTextField, string>;
/** The fields a pet form's errors can name. */
export type PetField = PetTextField | 'image';

/** The most pixels the server decodes: a 6000×4000 photo is 24 MP; decompression bombs claim hundreds. */
export const MAX_INPUT_PIXELS = 50_000_000;

export const IMAGE_MESSAGES = {
  type: 'Only JPEG and PNG formats are supported',
  size: 'Image must be under 20MB',
  invalid: 'Invalid image file',
  uploadFailed: 'Failed to upload image. Please try again.',
} as const;

export function isAcceptedImageType(type: string): type is (typeof ACCEPTED_IMAGE_TYPES)[number] {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type);
}

/** The first problem with a file the user picked, or null (type first: it is the likelier mistake). */
export function imageFileProblem(file: { type: string; size: number }): string | null {
  if (!isAcceptedImageType(file.type)) return IMAGE_MESSAGES.type;
  if (file.size > MAX_FILE_SIZE) return IMAGE_MESSAGES.size;
  if (file.size === 0) return IMAGE_MESSAGES.invalid;
  return null;
}
