import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { deleteVisitDocument } from '@/actions/visit-documents';
import { DeleteCareRecordForm } from '@/components/care/delete-care-record-form';
import { buttonVariants } from '@/components/ui/button';
import { getVisitDocument } from '@/data/care/visit-documents';
import { requireUser } from '@/data/session';

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
    <div className="panel mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold break-words" dir="auto">
        Delete {document.filename}?
      </h1>
      <p className="mt-2 mb-6 text-stone-600">
        This removes the document from the vet visit for good. It cannot be undone.
      </p>
      <DeleteCareRecordForm
        action={deleteVisitDocument}
        petId={petId}
        id={document.id}
        submitLabel="Delete document"
        recordName={document.filename}
        cancel={
          <Link
            href={`/pets/${petId}/visits/${visitId}/edit#documents`}
            className={buttonVariants({ variant: 'secondary' })}
          >
            Cancel
          </Link>
        }
      />
    </div>
  );
}
