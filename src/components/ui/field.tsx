// A labelled form field whose errors are tied to the control (aria-describedby) and announced.
import { Label } from 'radix-ui';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** The look of a text input or select (globals.css). */
export const inputClassName = 'input';

type FieldProps = {
  id: string;
  label: string;
  errors?: string[];
  hint?: ReactNode;
  children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
};

export function Field({ id, label, errors, hint, children }: FieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hasErrors = Boolean(errors && errors.length > 0);
  // The hint gives way to an error that says the same thing better.
  const showHint = Boolean(hint) && !hasErrors;
  const describedBy = [showHint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1.5">
      <Label.Root htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </Label.Root>
      {children({ id, 'aria-invalid': hasErrors, 'aria-describedby': describedBy })}
      {showHint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <div id={errorId} aria-live="polite" className="text-sm font-medium text-red-700">
        {errors?.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </div>
    </div>
  );
}

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(inputClassName, className)} {...props} />;
}
