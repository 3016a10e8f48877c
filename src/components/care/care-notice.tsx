// What a page says after one of the kind's care records was changed (the `care` search parameter,
// lib/care-notices.ts); anything else in it says nothing.
import { Notice } from '@/components/ui/notice';
import { careNoticeText } from '@/lib/care-notices';

export function CareNotice({
  notice,
  prefix,
  className = 'mt-3',
}: {
  notice: string | string[] | undefined;
  prefix: string;
  className?: string;
}) {
  const text = careNoticeText(notice, prefix);
  return text ? <Notice className={className}>{text}</Notice> : null;
}
