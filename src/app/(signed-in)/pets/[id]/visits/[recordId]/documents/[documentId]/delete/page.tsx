import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { deleteVisitDocument } from '@/actions/visit-documents';
import { getVisitDocument } from '@/data/care/visit-documents';
import { requireUser } from '@/data/session';
import { CareDeletePage } from '../../../../../care-page';

type Props = { params: Promise<{ id: string; recordId: string; documentId: string }> };

/** The document as the signed-in user, or the same 404 for one that is missing, foreign or no UUID. */
async function documentOr404(params: Props['params']) {
  const { id, recordId, documentId } = await params;
  const user = await requireUser(`/pets/${id}/visits/${recordId}/documents/${documentId}/delete`);
  const document = await getVisitDocument(user, id, recordId, documentId);
  if (!document) notFound();
  return { petId: id, visitId: recordId, document };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { document } = await documentOr404(params);
  return { title: `Delete ${document.filename}` };
}

// The confirmation step of deleting a document when JavaScript is off (with it, a dialog asks instead).
export default async function DeleteVisitDocumentPage({ params }: Props) {
  const { petId, visitId, document } = await documentOr404(params);
  return (
    <CareDeletePage
      question={`Delete ${document.filename}?`}
      description="This removes the document from the vet visit for good. It cannot be undone."
      cancelHref={`/pets/${petId}/visits/${visitId}/edit#documents`}
      action={deleteVisitDocument}
      petId={petId}
      id={document.id}
      submitLabel="Delete document"
      recordName={document.filename}
    />
  );
}
