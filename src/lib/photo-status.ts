// The states of a pet's photo (ADR 0016) and what the user is told about each: shared by the
// schema, the DAL's DTO and the pages.
export const PHOTO_STATUSES = ['processing', 'ready', 'failed'] as const;

/** null: the pet has no photo. */
export type PhotoStatus = (typeof PHOTO_STATUSES)[number] | null;

export const PHOTO_STATUS_MESSAGES = {
  processing: 'Processing photo…',
  processingNoScript: 'Processing photo… Reload the page in a few seconds to see it.',
  failed:
    "We couldn't process this photo: the file is damaged or incomplete, or it did not fit in your photo storage, so it was left out.",
} as const;

/** How often a page showing a photo still processing asks the server for itself again
 * (RefreshWhileProcessing); the load run polls at the same pace, as a person's open page does. */
export const PHOTO_REFRESH_MS = 2_000;
