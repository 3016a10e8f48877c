'use client';
// "Add document" on a vet visit. Without JavaScript a plain multipart form: the file travels inside it
// and takes the server's checks. With it, the same form: the picked file is checked (size, name), put
// straight to storage through a signed upload URL, and the form then submits only its storage path;
// the server sniffs the bytes either way (ADR 0036).
import { useActionState, useId, useState, useSyncExternalStore, useTransition, type FormEvent } from 'react';
import { addVisitDocument, generateVisitDocumentUploadUrl } from '@/actions/visit-documents';
import { putWithProgress } from '@/components/pets/image-upload';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import {
  declaredDocumentType,
  DOCUMENT_ACCEPT,
  DOCUMENT_MESSAGES,
  documentFileProblem,
} from '@/lib/validations/visit-document-rules';

const neverChanges = () => () => {};

export function VisitDocumentForm({ petId, visitId }: { petId: string; visitId: string }) {
  const id = useId();
  const [state, formAction, adding] = useActionState(addVisitDocument, null);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, startUpload] = useTransition();
  const hydrated = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    // Server-rendered (no JavaScript yet) the file goes inside the form; now it goes to storage first.
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem('document') as HTMLInputElement | null)?.files?.[0];
    const fileProblem = file ? documentFileProblem(file) : DOCUMENT_MESSAGES.empty;
    setProblem(fileProblem);
    if (!file || fileProblem) return;
    startUpload(async () => {
      const fileType = declaredDocumentType(file.name);
      const signed = await generateVisitDocumentUploadUrl({
        petId,
        visitId,
        filename: file.name,
        fileType,
        fileSize: file.size,
      });
      if (!signed.success || !signed.uploadUrl || !signed.storagePath) {
        setProblem(signed.message ?? DOCUMENT_MESSAGES.uploadFailed);
        return;
      }
      try {
        await putWithProgress(
          signed.uploadUrl,
          signed.headers ?? { 'content-type': fileType },
          file,
          () => undefined,
          new AbortController().signal,
        );
      } catch {
        setProblem(DOCUMENT_MESSAGES.uploadFailed);
        return;
      }
      const uploaded = new FormData();
      uploaded.set('petId', petId);
      uploaded.set('visitId', visitId);
      uploaded.set('storagePath', signed.storagePath);
      uploaded.set('filename', file.name);
      // After an await the transition is over: the action's dispatch needs one of its own.
      startUpload(() => formAction(uploaded));
    });
  }

  const errors = problem ? [problem] : state?.errors?.document;
  const message = problem ?? (state && !state.success ? state.message : undefined);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <form
      action={formAction}
      onSubmit={hydrated ? submit : undefined}

      className="space-y-3"
    >
      <input type="hidden" name="petId" value={petId} />
      <input type="hidden" name="visitId" value={visitId} />
      <FormMessage message={message && message !== errors?.[0] ? message : undefined} />
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-stone-800">
          Choose a document
        </label>
        <input
          id={id}
          name="document"
          type="file"
          accept={DOCUMENT_ACCEPT}
          aria-describedby={[hintId, errors?.length ? errorId : null].filter(Boolean).join(' ')}
          aria-invalid={Boolean(errors?.length)}
          onChange={() => setProblem(null)}
          className="file-input"
        />
        <p id={hintId} className="text-sm text-stone-600">
          PDF, JPEG or PNG, up to 10 MB.
        </p>
        <div id={errorId} aria-live="polite" className="text-sm font-medium text-red-700">
          {errors?.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      </div>
      <SubmitButton size="sm" pendingLabel="Adding…" pending={uploading || adding}>
        Add document
      </SubmitButton>
    </form>
  );
}
