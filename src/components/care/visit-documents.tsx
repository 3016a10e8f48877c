// The Documents area of a vet visit's edit page (ADR 0036): each document with its name, size, type and
// date, "Open <filename>" (a route that checks the caller and redirects to a short-lived signed URL) and
// "Delete <filename>" with a confirmation; then "Add document".
import { deleteVisitDocument } from '@/actions/visit-documents';
import { listVisitDocuments, type VisitDocument } from '@/data/care/visit-documents';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { buttonVariants } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { formatCalendarDate, todayIn } from '@/lib/dates';
import { formatBytes } from '@/lib/rate-limit';
import { DeleteCareRecordButton } from './delete-care-record-button';
import { VisitDocumentForm } from './visit-document-form';

const TYPE_NAMES: Record<VisitDocument['contentType'], string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

const NOTICES: Record<string, string> = {
  'document-added': 'Document added.',
  'document-deleted': 'Document deleted.',
};

/** Where a document's pages live: /pets/[id]/visits/[recordId]/documents/[documentId]. */
export function documentHref(petId: string, visitId: string, documentId: string): string {
  return `/pets/${petId}/visits/${visitId}/documents/${documentId}`;
}

export async function VisitDocuments({ petId, visitId, notice }: { petId: string; visitId: string; notice?: string }) {
  const user = await requireUser(`/pets/${petId}/visits/${visitId}/edit`);
  const [listed, { timeZone }] = await Promise.all([listVisitDocuments(user, petId, visitId), getPreferences(user)]);
  const documents = listed ?? [];
  return (
    <section id="documents" aria-labelledby="documents-heading" className="panel mt-6 p-6 sm:p-8">
      <h2 id="documents-heading" className="text-lg font-semibold">
        Documents
      </h2>
      {notice && NOTICES[notice] ? <Notice className="mt-3">{NOTICES[notice]}</Notice> : null}
      {documents.length === 0 ? (
        <p className="mt-3 text-sm text-stone-600">No documents attached yet.</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {documents.map((document) => (
            <li key={document.id} className="rounded-xl border border-stone-200 p-4">
              <p className="font-semibold break-words text-stone-900" dir="auto">
                {document.filename}
              </p>
              <p className="mt-1 text-sm text-stone-600">
                {TYPE_NAMES[document.contentType]}, {formatBytes(document.byteSize)}, added{' '}
                {/* The day it was added in the account's own time zone. */}
                {formatCalendarDate(todayIn(timeZone, new Date(document.createdAt)))}
              </p>
              <div className="mt-3 flex flex-wrap gap-2">
                {/* A route, not a page: a plain link, never prefetched. */}
                <a
                  href={documentHref(petId, visitId, document.id)}
                  className={buttonVariants({ variant: 'secondary', size: 'sm' })}
                >
                  Open {document.filename}
                </a>
                <DeleteCareRecordButton
                  action={deleteVisitDocument}
                  petId={petId}
                  id={document.id}
                  confirmHref={`${documentHref(petId, visitId, document.id)}/delete`}
                  question={`Delete ${document.filename}?`}
                  triggerDetail={document.filename}
                  submitLabel="Delete document"
                  recordName={document.filename}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-6">
        <VisitDocumentForm petId={petId} visitId={visitId} />
      </div>
    </section>
  );
}
