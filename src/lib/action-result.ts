// The contract's structured action results: expected failures are returned, never thrown.

export type FieldErrors<Field extends string> = Partial<Record<Field, string[]>>;

export type ActionResult<Field extends string = never> = {
  success: boolean;
  message: string;
  errors?: FieldErrors<Field>;
};

export function failure<Field extends string = never>(
  message: string,
  errors?: FieldErrors<Field>,
): ActionResult<Field> {
  return errors ? { success: false, message, errors } : { success: false, message };
}

/**
 * Actions accept the contract's `(formData)` and also React's `(previousState, formData)` from
 * useActionState, which progressive enhancement needs (the form posts to the action itself).
 */
export function formDataFrom(first: unknown, second: unknown): FormData {
  if (second instanceof FormData) return second;
  if (first instanceof FormData) return first;
  return new FormData();
}

/** A text field of a form: missing fields and file parts read as '' so schemas give their own message. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}
