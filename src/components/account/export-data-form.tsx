'use client';
// "Export my data": starts the export job; the answer (started, or the hourly limit) shows above the
// button. Without JavaScript the form posts to the same action and the page shows the same answer.
import { useActionState } from 'react';
import { exportUserData } from '@/actions/export';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function ExportDataForm() {
  const [state, formAction] = useActionState(exportUserData, null);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage message={state?.message} tone={state?.success ? 'success' : 'error'} />
      <SubmitButton variant="secondary" pendingLabel="Starting…">
        Export my data
      </SubmitButton>
    </form>
  );
}
