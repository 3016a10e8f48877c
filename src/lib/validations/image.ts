// The schema of a photo upload request (generateImageUploadUrl); the rules it applies, which the
// browser checks too before anything is uploaded, are in rules.ts.
import { z } from 'zod';
import { IMAGE_MESSAGES, isAcceptedImageType, MAX_FILE_SIZE } from './rules';

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
