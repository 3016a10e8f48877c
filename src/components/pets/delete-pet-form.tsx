'use client';
// The confirmation form that calls `deletePet`; used in the dialog and on the no-JavaScript
// confirmation page. Shows the action's refusal ("Pet not found", "Failed to delete…") in place.
import type { ReactNode } from 'react';
import { useActionState } from 'react';
import { deletePet } from '@/actions/pets';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type DeletePetFormProps = {
  id: string;
  name: string;
  cancel: ReactNode;
  /** Called as the deletion starts (the list removes the card at once, useOptimistic). */
  onDeleting?: () => void;
};

export function DeletePetForm({ id, name, cancel, onDeleting }: DeletePetFormProps) {
  const [state, formAction] = useActionState(
    onDeleting
      ? (previous: Awaited<ReturnType<typeof deletePet>> | null, formData: FormData) => {
          onDeleting();
          return deletePet(previous, formData);
        }
      : deletePet,
    null,
  );
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="id" value={id} />
      <FormMessage message={state && !state.success ? state.message : undefined} />
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        {cancel}
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete {name}
        </SubmitButton>
      </div>
    </form>
  );
}
