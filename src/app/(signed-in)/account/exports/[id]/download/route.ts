// The download of a ready export: for its owner only (the session is checked here, the row read under
// row-level security), a redirect to a storage URL signed at this moment for 15 minutes (ADR 0015).
// Someone else's export, or no export at all: 404 and no bytes. Not ready (or expired): back to its page.
import { createDataExportDownload } from '@/data/exports';
import { requireUser } from '@/data/session';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const page = `/account/exports/${encodeURIComponent(id)}`;
  const user = await requireUser(page);
  const download = await createDataExportDownload(user, id);
  const noStore = { 'cache-control': 'no-store' };
  if (!download)
    return new Response('Not Found', {
      status: 404,
      headers: { ...noStore, 'content-type': 'text/plain; charset=utf-8' },
    });
  // A relative Location: the browser stays on whatever origin it reached the app at (local disk URLs).
  return new Response(null, { status: 303, headers: { ...noStore, location: download.ready ? download.url : page } });
}
