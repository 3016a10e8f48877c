// An export's own page, the one its email links to (never a bearer URL: ADR 0015). It needs the
// owner's session (signed out → /login → back here); another user's export is a 404. When ready, the
// download goes through ./download, which signs a storage URL at that moment.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EXPORT_STATUS_LABELS, exportContents, formatExportDate } from '@/components/account/data-export-status';
import { buttonVariants } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { EXPORT_RETENTION_DAYS, getDataExport, type DataExport } from '@/data/exports';
import { requireUser } from '@/data/session';

export const metadata: Metadata = { title: 'Data export' };

/** While the job works, the page looks again by itself (no JavaScript needed). */
const REFRESH_SECONDS = 5;

function explanation(dataExport: DataExport): string {
  switch (dataExport.status) {
    case 'queued':
    case 'running':
      return `Your export is being prepared. This page updates by itself, and you will also receive an email when it is ready.`;
    case 'ready':
      return `Your pets (pets.json) and their photos, in one ZIP file. It can be downloaded until ${formatExportDate(dataExport.expiresAt)}.`;
    case 'failed':
      return `${dataExport.error ?? 'The export could not be built.'} Start a new one from your account page.`;
    case 'expired':
      return `Exports are kept for ${EXPORT_RETENTION_DAYS} days and this one has been deleted. Start a new one from your account page.`;
  }
}

export default async function DataExportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/account/exports/${encodeURIComponent(id)}`);
  const dataExport = await getDataExport(user, id);
  if (!dataExport) notFound();
  const pending = dataExport.status === 'queued' || dataExport.status === 'running';
  const contents = exportContents(dataExport);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      {pending ? <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} /> : null}
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Data export</h1>
        <p className="mt-1 text-stone-600">
          Started <time dateTime={dataExport.createdAt}>{formatExportDate(dataExport.createdAt)}</time>
        </p>
      </div>
      <section className="panel space-y-4 p-6 sm:p-8">
        <h2 className="text-xl font-semibold">{EXPORT_STATUS_LABELS[dataExport.status]}</h2>
        {contents ? <p className="text-stone-600">{contents}</p> : null}
        {dataExport.status === 'ready' ? null : <Notice>{explanation(dataExport)}</Notice>}
        {dataExport.status === 'ready' ? (
          <>
            <p className="text-stone-600">{explanation(dataExport)}</p>
            {/* A plain link: the route signs a fresh storage URL for the owner and redirects to it. */}
            <a href={`/account/exports/${dataExport.id}/download`} className={buttonVariants()}>
              Download ZIP
            </a>
          </>
        ) : null}
      </section>
      <Link href="/account" className="text-brand-800 underline">
        Back to your account
      </Link>
    </div>
  );
}
