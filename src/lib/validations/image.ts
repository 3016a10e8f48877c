// The contract's image rules, checked in the browser before anything is uploaded and again on
// the server (generateImageUploadUrl, and the file or storage path a pet form submits).
import { z } from 'zod';

export const MAX_FILE_SIZE = 20 * 1024 * 1024; // 20MB
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;

export const IMAGE_MESSAGES = {
  type: 'Only JPEG and PNG formats are supported',
  size: 'Image must be under 20MB',
  invalid: 'Invalid image file',
  uploadFailed: 'Failed to upload image. Please try again.',
} as const;

/** The most pixels the server decodes: a 6000×4000 photo is 24 MP; decompression bombs claim hundreds. */
export const MAX_INPUT_PIXELS = 50_000_000;

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

export const uploadRequestSchema = z.object({
  filename: z.string().trim().min(1, IMAGE_MESSAGES.invalid).max(255, IMAGE_MESSAGES.invalid),
  fileType: z.string().refine(isAcceptedImageType, IMAGE_MESSAGES.type),
  fileSize: z.coerce
    .number({ error: IMAGE_MESSAGES.invalid })
    .int(IMAGE_MESSAGES.invalid)
    .min(1, IMAGE_MESSAGES.invalid)
    .max(MAX_FILE_SIZE, IMAGE_MESSAGES.size),
});

export type UploadRequest = z.infer<typeof uploadRequestSchema>;
