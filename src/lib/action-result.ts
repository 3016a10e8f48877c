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
