'use client';
// A form's submit button that shows the pending state of its form (useFormStatus).
import type { ComponentProps } from 'react';
import { useFormStatus } from 'react-dom';
import { Button } from './button';

type SubmitButtonProps = ComponentProps<typeof Button> & {
  pendingLabel: string;
  /** For forms that submit through a transition themselves (useFormStatus does not see those). */
  pending?: boolean;
};

export function SubmitButton({
  children,
  pendingLabel,
  disabled,
  pending: pendingOverride,
  ...props
}: SubmitButtonProps) {
  const status = useFormStatus();
  const pending = pendingOverride ?? status.pending;
  return (
    <Button type="submit" disabled={pending || disabled} aria-disabled={pending || disabled} {...props}>
      {pending ? (
        <>
          <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </Button>
  );
}
