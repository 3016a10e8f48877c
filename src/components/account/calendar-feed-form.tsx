'use client';
// The calendar feed on /account: turn it on (or get a new link, which stops the old one), see the
// link once, subscribe with it, or turn the feed off. Works without JavaScript (plain form posts).
import { useActionState } from 'react';
import { changeCalendarFeed } from '@/actions/calendar-feed';
import { buttonVariants } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type CalendarFeedFormProps = {
  /** When the current link was made, formatted for the person; null while the feed is off. */
  onSince: string | null;
};

export function CalendarFeedForm({ onSince }: CalendarFeedFormProps) {
  const [state, formAction] = useActionState(changeCalendarFeed, null);
  const link = state?.success ? state.link : undefined;
  return (
    <form action={formAction} className="space-y-5">
      <FormMessage message={state?.message} tone={state?.success ? 'success' : 'error'} />
      {link ? (
        <div className="space-y-3">
          <Field
            id="calendarLink"
            label="Calendar link"
            hint="Paste it into your calendar app's “subscribe” or “add calendar from URL”."
          >
            {(control) => <Input {...control} readOnly value={link.https} onFocus={(event) => event.target.select()} />}
          </Field>
          <a href={link.webcal} className={buttonVariants({ variant: 'secondary' })}>
            Subscribe in my calendar app
          </a>
        </div>
      ) : null}
      {onSince ? <p className="text-stone-700">The feed is on; its current link was made {onSince}.</p> : null}
      <div className="flex flex-wrap gap-3">
        <SubmitButton
          name="intent"
          value="new-link"
          variant={onSince ? 'secondary' : 'primary'}
          pendingLabel="Working…"
        >
          {onSince ? 'Get a new calendar link' : 'Turn on calendar feed'}
        </SubmitButton>
        {onSince ? (
          <SubmitButton name="intent" value="off" variant="secondary" pendingLabel="Working…">
            Turn off calendar feed
          </SubmitButton>
        ) : null}
      </div>
    </form>
  );
}
