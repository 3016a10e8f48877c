// What the pet's page says after a care record was saved or deleted (the `care` search parameter a
// care action redirects with); anything else in it says nothing.
import { Notice } from '@/components/ui/notice';

const CARE_NOTICES = {
  'vaccination-saved': 'Vaccination saved.',
  'vaccination-deleted': 'Vaccination deleted.',
  'visit-saved': 'Vet visit saved.',
  'visit-deleted': 'Vet visit deleted.',
} as const;

export type CareNoticeKey = keyof typeof CARE_NOTICES;

export function CareNotice({ notice, prefix }: { notice: string | undefined; prefix: string }) {
  if (!notice?.startsWith(prefix) || !(notice in CARE_NOTICES)) return null;
  return <Notice className="mt-3">{CARE_NOTICES[notice as CareNoticeKey]}</Notice>;
}
