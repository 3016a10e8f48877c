// The account's latest exports on /account: when, status, contents, and the link to each one's page.
import Link from 'next/link';
import type { DataExport } from '@/data/exports';
import { EXPORT_STATUS_LABELS, exportContents, formatExportDate } from './data-export-status';

export function DataExportList({ exports }: { exports: DataExport[] }) {
  if (exports.length === 0) return null;
  return (
    <ol aria-label="Your exports" className="mt-6 divide-y divide-stone-100">
      {exports.map((dataExport) => (
        <li key={dataExport.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5">
          <span>
            <Link href={`/account/exports/${dataExport.id}`} className="font-medium text-brand-800 underline">
              Export of <time dateTime={dataExport.createdAt}>{formatExportDate(dataExport.createdAt)}</time>
            </Link>
            {exportContents(dataExport) ? (
              <span className="text-sm text-stone-600"> · {exportContents(dataExport)}</span>
            ) : null}
          </span>
          <span
            className={dataExport.status === 'failed' ? 'text-sm font-medium text-red-800' : 'text-sm text-stone-600'}
          >
            {EXPORT_STATUS_LABELS[dataExport.status]}
          </span>
        </li>
      ))}
    </ol>
  );
}
