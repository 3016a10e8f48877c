// What the care-record actions share (not an action itself: no 'use server'): how a write runs
// through runAction (a limit is the form's message, anything unexpected the try-again, both with
// what was typed), reading the typed values back, and the answer to a foreign or missing id.
import 'server-only';
import { recordSecurityEvent } from '@/data/audit';
import { CareLimitError } from '@/data/care/limits';
import { failure, type ActionResult } from '@/lib/action-result';
import { formText } from '@/lib/form-submission';
import type { ActionContext, RunActionOptions } from './run-action';

export type CareFormResult<Field extends string> = ActionResult<Field> & {
  /** What the form should show after a failed submit: what was typed. */
  values?: Partial<Record<Field, string>>;
};

export const CARE_VALIDATION_FAILED = 'Please check the highlighted fields.';

/** How a care form's write runs: the typed values come back with every failure. */
export function careWrite<Field extends string>(
  action: string,
  returnTo: string,
  failed: string,
  values: Partial<Record<Field, string>>,
): RunActionOptions<CareFormResult<Field>> {
  return {
    action,
    signedOut: { returnTo },
    unexpected: () => ({ ...failure(failed), values }),
    expected: (error) => (error instanceof CareLimitError ? { ...failure(error.message), values } : undefined),
  };
}

/** The form's text fields as typed ('' when missing), to show again after a failed submit. */
export function typedValues<Field extends string>(form: FormData, fields: readonly Field[]): Record<Field, string> {
  const values = {} as Record<Field, string>;
  for (const field of fields) values[field] = formText.parse(form.get(field));
  return values;
}

/** A foreign, missing or malformed id: recorded as a refusal, answered like a missing record. */
export async function refusedAsNotFound<Result>(
  { user, address, requestId }: ActionContext,
  detail: string,
  answer: Result,
): Promise<Result> {
  await recordSecurityEvent('access.refused', { userId: user.id, address, requestId, detail });
  return answer;
}
