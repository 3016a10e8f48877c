// The weighings as a table (date, weight, note, and a way to edit or delete each): the chart's
// figures for everyone, the chart's text alternative in full.
import Link from 'next/link';
import { deleteWeight } from '@/actions/weight';
import { buttonVariants } from '@/components/ui/button';
import type { WeightRecord } from '@/data/care/weights';
import { formatCalendarDate, formatShortCalendarDate } from '@/lib/dates';
import { formatWeight, type WeightUnit } from '@/lib/weight-units';
import { DeleteCareRecordButton } from './delete-care-record-button';

/** "weight 13.1 kg from 7 December 2026": how a button or a page names one record. */
export function weightRecordName(record: Pick<WeightRecord, 'date' | 'grams'>, unit: WeightUnit): string {
  return `weight ${formatWeight(record.grams, unit)} from ${formatCalendarDate(record.date)}`;
}

/** What deleting a weighing does, in the dialog and on the confirmation page. */
export const WEIGHT_DELETE_DESCRIPTION =
  'This removes the weighing from the pet’s record and chart for good. It cannot be undone.';

type WeightTableProps = {
  petId: string;
  caption: string;
  records: readonly WeightRecord[];
  unit: WeightUnit;
};

export function WeightTable({ petId, caption, records, unit }: WeightTableProps) {
  return (
    <table className="w-full table-fixed text-left text-sm">
      <caption className="mb-2 text-left text-sm font-medium text-stone-700">{caption}</caption>
      <thead className="border-b border-stone-200 text-stone-600">
        <tr>
          <th scope="col" className="w-[6.5rem] py-2 pr-2 font-medium">
            Date
          </th>
          <th scope="col" className="w-[5rem] py-2 pr-2 font-medium">
            Weight
          </th>
          <th scope="col" className="py-2 pr-2 font-medium">
            Note
          </th>
          <th scope="col" className="w-[4.5rem] py-2 font-medium sm:w-[8.5rem]">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {records.map((record) => {
          const name = weightRecordName(record, unit);
          return (
            <tr key={record.id} className="align-top">
              <td className="py-2 pr-2">
                <time dateTime={record.date}>{formatShortCalendarDate(record.date)}</time>
              </td>
              <td className="py-2 pr-2 font-medium tabular-nums">{formatWeight(record.grams, unit)}</td>
              <td className="py-2 pr-2 break-words whitespace-pre-line text-stone-700" dir="auto">
                {record.note}
              </td>
              <td className="py-1">
                <div className="flex flex-col items-start gap-1 sm:flex-row">
                  <Link
                    href={`/pets/${petId}/weight/${record.id}/edit`}
                    className={buttonVariants({ variant: 'ghost', size: 'sm' })}
                  >
                    Edit<span className="sr-only"> {name}</span>
                  </Link>
                  <DeleteCareRecordButton
                    action={deleteWeight}
                    petId={petId}
                    id={record.id}
                    variant="ghost"
                    triggerDetail={name}
                    question={`Delete ${name}?`}
                    description={WEIGHT_DELETE_DESCRIPTION}
                    submitLabel={`Delete ${name}`}
                    confirmHref={`/pets/${petId}/weight/${record.id}/delete`}
                  />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
