'use client';
// "Mark given" / "Skip" for a due dose. Without JavaScript the form posts to markDose and the page
// shows its answer; with it, the mark shows at once (useOptimistic) while the server records it, and
// the answer ("Marked given." or "Already given by … at …") is announced in place.
import { startTransition, useActionState, useOptimistic, type FormEvent } from 'react';
import { markDose, type DoseResult } from '@/actions/medications';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

const OPTIMISTIC_WORDS: Record<string, string> = { given: 'Marked given', skipped: 'Marked skipped', undo: 'Undoing' };

type DoseButtonsProps = {
  petId: string;
  medicationId: string;
  medicationName: string;
  /** The dose to mark; null when none is due yet (the last answer still shows). */
  dose: { at: string; when: string } | null;
};

/**
 * Rendered for every active medication, due dose or not, so that the answer to a mark stays on
 * screen after the page refreshes to the next dose (which may not be markable yet).
 */
export function DoseButtons({ petId, medicationId, medicationName, dose }: DoseButtonsProps) {
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
  // The person who just marked a dose can take it back (the server allows it on the same day).
  const undoable = state?.success && state.scheduledAt ? state.scheduledAt : null;
  return (
    <div className="space-y-2">
      {marking ? (
        <p role="status" className="text-sm font-medium text-brand-900">
          {OPTIMISTIC_WORDS[marking] ?? 'Saving'}…
        </p>
      ) : dose ? (
        <form action={formAction} onSubmit={submit} className="flex flex-wrap gap-2">
          <input type="hidden" name="petId" value={petId} />
          <input type="hidden" name="medicationId" value={medicationId} />
          <input type="hidden" name="scheduledAt" value={dose.at} />
          <Button
            type="submit"
            name="status"
            value="given"
            size="sm"
            disabled={pending}
            aria-label={`Mark ${medicationName} given for ${dose.when}`}
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
            aria-label={`Skip ${medicationName} for ${dose.when}`}
          >
            Skip
          </Button>
        </form>
      ) : null}
      {answer}
      {undoable && !marking ? (
        <form action={formAction} onSubmit={submit}>
          <input type="hidden" name="petId" value={petId} />
          <input type="hidden" name="medicationId" value={medicationId} />
          <input type="hidden" name="scheduledAt" value={undoable} />
          <Button
            type="submit"
            name="status"
            value="undo"
            size="sm"
            variant="ghost"
            disabled={pending}
            aria-label={`Undo the last mark of ${medicationName}`}
          >
            Undo
          </Button>
        </form>
      ) : null}
    </div>
  );
}
