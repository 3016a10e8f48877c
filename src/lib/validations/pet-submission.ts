// What a submitted pet form (createPet, updatePet) must contain: the shared pet schema's fields,
// plus where the photo comes from, with the messages of docs/requirements.md for a wrong file. `storagePath`
// (uploaded straight to storage by the browser) wins over `image` (the file itself, sent when
// JavaScript is off).
import { z } from 'zod';
import { knownTimeZone, latestTodayOnEarth, todayIn } from '../dates';
import { formText } from '../form-submission';
import { imageFileProblem } from './rules';
import { petSchema, petUpdateSchema } from './pet';

/** Where a submitted photo comes from, when there is one. */
export type SubmittedPhoto = { kind: 'upload'; storagePath: string } | { kind: 'file'; file: File };

const photoFields = {
  storagePath: formText.transform((path) => path.trim()),
  // An empty file part (no name, no bytes) is what a browser sends for "no file chosen": no photo.
  image: z
    .unknown()
    .optional()
    .transform((value) => (value instanceof File && value.size > 0 ? value : null)),
};

type PhotoFields = { storagePath: string; image: File | null };

function checkPhoto(value: PhotoFields, context: z.RefinementCtx): void {
  const problem = !value.storagePath && value.image ? imageFileProblem(value.image) : null;
  if (problem) context.addIssue({ code: 'custom', path: ['image'], message: problem });
}

function submittedPhoto({ storagePath, image }: PhotoFields): SubmittedPhoto | null {
  if (storagePath) return { kind: 'upload', storagePath };
  return image ? { kind: 'file', file: image } : null;
}

export function petCreateSubmission(options: { today: string }) {
  return petSchema(options)
    .extend({ ...photoFields, submissionId: formText })
    .superRefine(checkPhoto)
    .transform(({ storagePath, image, submissionId, ...fields }) => ({
      fields,
      photo: submittedPhoto({ storagePath, image }),
      submissionId: submissionId || null,
    }));
}

export function petUpdateSubmission(options: { today: string }) {
  return petUpdateSchema(options)
    .extend({ ...photoFields, id: formText, version: formText, removeImage: formText })
    .superRefine(checkPhoto)
    .transform(({ storagePath, image, id, version, removeImage, ...fields }) => ({
      id,
      fields,
      photo: submittedPhoto({ storagePath, image }),
      removePhoto: ['true', 'on', '1'].includes(removeImage),
      /** The version the form was based on; null (no check) when the form sent none. */
      expectedVersion: /^\d{1,9}$/.test(version) ? Number(version) : null,
    }));
}

/**
 * "Today" for the birthday check, at the moment of the request, in the user's time zone (the
 * form sends it; see ADR 0006). Without it (no JavaScript), the latest date anywhere on Earth,
 * so nobody is ever told their pet's real birthday is in the future.
 */
export function requestToday(formData: FormData, now = new Date()): string {
  const timezone = formData.get('timezone');
  const zone = knownTimeZone(typeof timezone === 'string' ? timezone : '');
  return zone ? todayIn(zone, now) : latestTodayOnEarth(now);
}
