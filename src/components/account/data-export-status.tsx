// How an export's state reads, the same on /account and on the export's own page.
import type { DataExport } from '@/data/exports';
import { formatBytes } from '@/lib/rate-limit';

export const EXPORT_STATUS_LABELS: Record<DataExport['status'], string> = {
  queued: 'Waiting to start',
  running: 'Being prepared',
  ready: 'Ready to download',
  failed: 'Failed',
  expired: 'Expired',
};

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function formatExportDate(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** "3 pets, 1.2 MB" once the export is built. */
export function exportContents(dataExport: DataExport): string | null {
  if (dataExport.byteSize === null || dataExport.petCount === null) return null;
  const pets = `${dataExport.petCount.toLocaleString('en-US')} pet${dataExport.petCount === 1 ? '' : 's'}`;
  return `${pets}, ${formatBytes(dataExport.byteSize)}`;
}
