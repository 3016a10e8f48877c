// Reads a submitted form into typed input in one schema-driven step (Conform's parseWithZod):
// only the fields the schema names are read, so smuggled `userId` or `createdAt` fields are never
// even looked at. Values reach the schema as the browser sent them (no coercion): the schemas
// give the messages of docs/requirements.md for '' and for a missing field alike.
import { parseWithZod } from '@conform-to/zod/v4';
import { z } from 'zod';
import type { FieldErrors } from './action-result';

export type Submission<Output> =
  | { success: true; data: Output; payload: Record<string, unknown> }
  | { success: false; errors: FieldErrors<string>; payload: Record<string, unknown> };

/** The form an action was given; anything else a client posts (an action id can be called with
 * any arguments) reads as an empty form. */
export function asFormData(formData: unknown): FormData {
  return formData instanceof FormData ? formData : new FormData();
}

export function readSubmission<Schema extends z.ZodType>(
  formData: FormData,
  schema: Schema,
): Submission<z.output<Schema>> {
  const submission = parseWithConform(formData, schema);
  if (!submission) return { success: false, errors: {}, payload: {} };
  if (submission.status === 'success') return { success: true, data: submission.value, payload: submission.payload };
  const errors: FieldErrors<string> = {};
  for (const [name, messages] of Object.entries(submission.error ?? {})) if (messages) errors[name] = messages;
  return { success: false, errors, payload: submission.payload };
}

function parseWithConform<Schema extends z.ZodType>(formData: FormData, schema: Schema) {
  try {
    return parseWithZod(formData, { schema, disableAutoCoercion: true });
  } catch {
    // Conform reserves `__intent__` and `__state__`; a form that misuses them is no valid submission.
    return null;
  }
}

/**
 * An optional text field that never fails: its first value if that is text, else '' (a missing
 * field, a file part). For hidden fields and flags whose absence has a meaning of its own.
 */
export const formText = z
  .unknown()
  .optional()
  .transform((value) => {
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : '';
  });
