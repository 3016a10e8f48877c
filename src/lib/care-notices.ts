// What a page says after a care record was added, saved or deleted: the `care` search parameter a
// care action redirects with (actions/care-write.ts) names one of these, "<kind>-<change>".
export const CARE_NOTICES = {
  'vaccination-saved': 'Vaccination saved.',
  'vaccination-deleted': 'Vaccination deleted.',
  'visit-saved': 'Vet visit saved.',
  'visit-deleted': 'Vet visit deleted.',
  'medication-added': 'Medication added.',
  'medication-saved': 'Changes saved.',
  'medication-deleted': 'Medication deleted.',
  'weight-added': 'Weight added.',
  'weight-saved': 'Weight saved.',
  'weight-deleted': 'Weight deleted.',
} as const;

export type CareNoticeKey = keyof typeof CARE_NOTICES;

/** The notice's text when `notice` is one of the kind's (`<prefix>…`), else undefined (it says nothing). */
export function careNoticeText(notice: string | string[] | undefined, prefix: string): string | undefined {
  if (typeof notice !== 'string' || !notice.startsWith(prefix) || !(notice in CARE_NOTICES)) return undefined;
  return CARE_NOTICES[notice as CareNoticeKey];
}
