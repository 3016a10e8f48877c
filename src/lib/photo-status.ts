// The states of a pet's photo (ADR 0016) and what the user is told about each: shared by the
// schema, the DAL's DTO and the pages.
export const PHOTO_STATUSES = ['processing', 'ready', 'failed'] as const;

/** null: the pet has no photo. */
export type PhotoStatus = (typeof PHOTO_STATUSES)[number] | null;

export const PHOTO_STATUS_MESSAGES = {
  processing: 'Processing photo…',
  processingNoScript: 'Processing photo… Reload the page in a few seconds to see it.',
  failed: "We couldn't process this photo: the file is damaged or incomplete, so it was left out.",
} as const;
