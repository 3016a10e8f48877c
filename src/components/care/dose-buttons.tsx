'use client';
// "Mark given" / "Skip" for a due dose. Without JavaScript the form posts to markDose and the page
// shows its answer; with it, the mark shows at once (useOptimistic) while the server records it, and
// the answer ("Marked given." or "Already given by … at …") is announced in place.
import { startTransition, useActionState, useOptimistic, type FormEvent } from 'react';
import { markDose, type DoseResult } from '@/actions/medications';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

type DoseButtonsProps = {
  petId: string;
  medicationId: string;
  medicationName: string;
  /** The scheduled instant (ISO 8601) and its words ("today 08:00"). */
  scheduledAt: string;
  when: string;
};

export function DoseButtons({ petId, medicationId, medicationName, scheduledAt, when }: DoseButtonsProps) {
  const [state, formAction, pending] = useActionState<DoseResult | null, FormData>(markDose, null);
  const [marking, setMarking] = useOptimistic<string | null, string>(null, (_, status) => status);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => {
      setMarking(String(formData.get('status')));
      formAction(formData);
    });
  }

  const answer = state ? <FormMessage message={state.message} tone={state.success ? 'success' : 'error'} /> : null;
  return (
    <div className="space-y-2">
      {marking ? (
        <p role="status" className="text-sm font-medium text-brand-900">
          {marking === 'given' ? 'Marked given' : 'Marked skipped'} ({when})…
        </p>
      ) : (
        <form action={formAction} onSubmit={submit} className="flex flex-wrap gap-2">
          <input type="hidden" name="petId" value={petId} />
          <input type="hidden" name="medicationId" value={medicationId} />
          <input type="hidden" name="scheduledAt" value={scheduledAt} />
          <Button
            type="submit"
            name="status"
            value="given"
            size="sm"
            disabled={pending}
            aria-label={`Mark ${medicationName} given for ${when}`}
          >
            Mark given
          </Button>
          <Button
            type="submit"
            name="status"
            value="skipped"
            size="sm"
            variant="secondary"
            disabled={pending}
            aria-label={`Skip ${medicationName} for ${when}`}
          >
            Skip
          </Button>
        </form>
      )}
      {answer}
    </div>
  );
}
