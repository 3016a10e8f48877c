// "Open <filename>" of a vet visit's document (ADR 0036): for whoever may see the visit (the session
// checked here, the rows read under row-level security), a redirect to a storage URL signed at this
// moment for a minute. Someone else's document, or none at all: 404 and no bytes.
import { visitDocumentUrl } from '@/data/care/visit-documents';
import { requireUser } from '@/data/session';

type Params = { params: Promise<{ id: string; recordId: string; documentId: string }> };

export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const { id, recordId, documentId } = await params;
  const user = await requireUser(`/pets/${encodeURIComponent(id)}/visits/${encodeURIComponent(recordId)}/edit`);
  const url = await visitDocumentUrl(user, id, recordId, documentId);
  const noStore = { 'cache-control': 'no-store' };
  if (!url)
    return new Response('Not Found', {
      status: 404,
      headers: { ...noStore, 'content-type': 'text/plain; charset=utf-8' },
    });
  // A relative Location stays on whatever origin the browser reached the app at (local disk URLs).
  return new Response(null, { status: 303, headers: { ...noStore, location: url } });
}
