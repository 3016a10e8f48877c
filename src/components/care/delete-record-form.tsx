'use client';
// The confirmation form that deletes one care record, in the dialog and on the no-JavaScript
// confirmation page; shows the action's refusal ("… not found", "Failed to delete…") in place.
import { useActionState, type ReactNode } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/action-result';

export type DeleteRecordAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

type DeleteRecordFormProps = {
  action: DeleteRecordAction;
  petId: string;
  id: string;
  /** The button's text, naming what goes ("Delete weight 13.1 kg from 7 December 2026"). */
  submitLabel: string;
  cancel: ReactNode;
};

export function DeleteRecordForm({ action, petId, id, submitLabel, cancel }: DeleteRecordFormProps) {
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
        </SubmitButton>
      </div>
    </form>
  );
}
