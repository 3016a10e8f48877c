'use client';
// The confirmation form that deletes one care record (any kind: its action is passed in); used in
// the dialog and on the no-JavaScript confirmation page. Shows the action's refusal in place.
import { useActionState, type ReactNode } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/action-result';

export type DeleteCareRecordAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export type DeleteCareRecordFormProps = {
  action: DeleteCareRecordAction;
  petId: string;
  id: string;
  /** The submit button's text, e.g. "Delete vaccination". */
  submitLabel: string;
  /** What is deleted, for screen readers, when the text does not say it: "Rabies from 3 March 2026". */
  recordName?: string;
  cancel: ReactNode;
};

export function DeleteCareRecordForm({
  action,
  petId,
  id,
  submitLabel,
  recordName,
  cancel,
}: DeleteCareRecordFormProps) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="petId" value={petId} />
      <input type="hidden" name="id" value={id} />
      <FormMessage message={state && !state.success ? state.message : undefined} />
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        {cancel}
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          {submitLabel}
          {recordName ? <span className="sr-only"> {recordName}</span> : null}
        </SubmitButton>
      </div>
    </form>
  );
}
