'use server';
// A vet visit's documents (ADR 0036): an upload URL into the caller's folder (within the upload rate
// and the storage quota), adding a document (the uploaded one, or the form's file without JavaScript:
// one action, the same checks), and deleting one. A foreign, missing or malformed id is recorded as a
// refusal and answered as not found; the pages say what happened.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { CareLimitError } from '@/data/care/limits';
import * as documentsData from '@/data/care/visit-documents';
import { spendUsageRates, UsageLimitError } from '@/data/usage';
import { failure, type ActionResult } from '@/lib/action-result';
import { asFormData, formText } from '@/lib/form-submission';
import { isUuid } from '@/lib/uuid';
import { documentUploadRequestSchema } from '@/lib/validations/visit-document';
import { DOCUMENT_MESSAGES } from '@/lib/validations/visit-document-rules';
import { refused } from './care-write';
import { runAction } from './run-action';
import type { UploadUrlResult } from './upload';

export type DocumentFormResult = ActionResult<'document'>;

export async function generateVisitDocumentUploadUrl(input: {
  petId: string;
  visitId: string;
  filename: string;
  fileType: string;
  fileSize: number;
}): Promise<UploadUrlResult> {
  return runAction<UploadUrlResult>(
    {
      action: 'generateVisitDocumentUploadUrl',
      signedOut: () => ({ success: false, message: 'Unauthorized' }),
      unexpected: () => ({ success: false, message: DOCUMENT_MESSAGES.uploadFailed }),
      expected: (error) =>
        error instanceof UsageLimitError ? { success: false, message: error.userMessage } : undefined,
    },
    async (context) => {
      const parsed = documentUploadRequestSchema.safeParse(input ?? {});
      if (!parsed.success)
        return { success: false, message: parsed.error.issues[0]?.message ?? DOCUMENT_MESSAGES.uploadFailed };
      await spendUsageRates(context.user, ['uploadUrls']);
      const upload = await documentsData.createVisitDocumentUpload(context.user, parsed.data);
      if (!upload)
        return refused(context, `generateVisitDocumentUploadUrl ${parsed.data.petId}/${parsed.data.visitId}`, {
          success: false,
          message: DOCUMENT_MESSAGES.visitNotFound,
        });
      return { success: true, uploadUrl: upload.uploadUrl, storagePath: upload.storagePath, headers: upload.headers };
    },
  );
}

/** Adds a document: `storagePath` (+ `filename`) of an upload with JavaScript, the `document` file without. */
export async function addVisitDocument(
  previousState: DocumentFormResult | null,
  formData: FormData,
): Promise<DocumentFormResult> {
  const form = asFormData(formData);
  const [petId, visitId] = [formText.parse(form.get('petId')), formText.parse(form.get('visitId'))];
  const returnTo = isUuid(petId) && isUuid(visitId) ? editPage(petId, visitId) : '/pets';
  return runAction<DocumentFormResult>(
    {
      action: 'addVisitDocument',
      signedOut: { returnTo },
      unexpected: () => failure(DOCUMENT_MESSAGES.uploadFailed),
      expected: (error) => {
        if (error instanceof documentsData.DocumentRejectedError)
          return failure(error.userMessage, { document: [error.userMessage] });
        // 20 per visit, the storage quota or the upload rate: the message is the person's to read.
        if (error instanceof CareLimitError || error instanceof UsageLimitError)
          return failure(error.message, { document: [error.message] });
        return undefined;
      },
    },
    async (context) => {
      if (!isUuid(petId) || !isUuid(visitId)) return failure(DOCUMENT_MESSAGES.visitNotFound);
      const source = documentSource(form);
      if (!source) return failure(DOCUMENT_MESSAGES.empty, { document: [DOCUMENT_MESSAGES.empty] });
      // A form's file is an upload too: the same rate as an upload URL.
      if (source.kind === 'file') await spendUsageRates(context.user, ['uploadUrls']);
      const added = await documentsData.addVisitDocument(context.user, petId, visitId, source);
      if (!added)
        return refused(context, `addVisitDocument ${petId}/${visitId}`, failure(DOCUMENT_MESSAGES.visitNotFound));
      backToDocuments(petId, visitId, 'document-added');
    },
  );
}

export async function deleteVisitDocument(
  previousState: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const form = asFormData(formData);
  const [petId, id] = [formText.parse(form.get('petId')), formText.parse(form.get('id'))];
  return runAction(
    {
      action: 'deleteVisitDocument',
      signedOut: { returnTo: isUuid(petId) ? `/pets/${petId}` : '/pets' },
      unexpected: () => failure(DOCUMENT_MESSAGES.deleteFailed),
    },
    async (context) => {
      if (!isUuid(petId) || !isUuid(id)) return failure(DOCUMENT_MESSAGES.notFound);
      const deleted = await documentsData.deleteVisitDocument(context.user, petId, id);
      if (!deleted) return refused(context, `deleteVisitDocument ${petId}/${id}`, failure(DOCUMENT_MESSAGES.notFound));
      backToDocuments(petId, deleted.visitId, 'document-deleted');
    },
  );
}

/** The upload the browser made, or the file the form carried; null when there is neither. */
function documentSource(form: FormData): documentsData.DocumentSource | null {
  const storagePath = formText.parse(form.get('storagePath'));
  if (storagePath) return { kind: 'upload', storagePath, filename: formText.parse(form.get('filename')) };
  const file = form.get('document');
  // A file input left empty still sends a part: a nameless, empty file.
  return file instanceof File && (file.size > 0 || file.name) ? { kind: 'file', file } : null;
}

function editPage(petId: string, visitId: string): string {
  return `/pets/${petId}/visits/${visitId}/edit`;
}

function backToDocuments(petId: string, visitId: string, notice: string): never {
  revalidatePath(`/pets/${petId}`);
  revalidatePath(editPage(petId, visitId));
  redirect(`${editPage(petId, visitId)}?documents=${notice}#documents`);
}
