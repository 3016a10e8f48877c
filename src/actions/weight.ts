'use server';
// The weight record actions. Thin: runAction (the session once) → the account's preferences (its
// unit and its today) → the shared schema → the DAL with that user (access through the pet, row-level
// security) → revalidate → redirect. A foreign, missing or malformed id answers "not found".
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { recordSecurityEvent } from '@/data/audit';
import { CareLimitError } from '@/data/care/limits';
import * as weightsData from '@/data/care/weights';
import { getPreferences } from '@/data/preferences';
import { runAction, type ActionContext, type RunActionOptions } from './run-action';
import { failure, type ActionResult } from '@/lib/action-result';
import { todayIn } from '@/lib/dates';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { isUuid } from '@/lib/uuid';
import {
  WEIGHT_FIELDS,
  weightCreateSubmission,
  weightUpdateSubmission,
  type WeightField,
  type WeightFormValues,
} from '@/lib/validations/weight';

export type WeightFormResult = ActionResult<WeightField> & {
  /** What the form shows again after a failed submit: what was typed. */
  values?: WeightFormValues;
};
export type DeleteWeightResult = ActionResult;

const MESSAGES = {
  notFound: 'Weight record not found',
  createFailed: 'Failed to add the weight. Please try again.',
  updateFailed: 'Failed to save the weight. Please try again.',
  deleteFailed: 'Failed to delete the weight. Please try again.',
  validationFailed: 'Validation failed',
} as const;

/** Where a pet's weight is shown, and what the page says once a change is made. */
const petPage = (petId: string, change: 'added' | 'saved' | 'deleted') => `/pets/${petId}?weight=${change}#weight`;

export async function createWeight(
  previousState: WeightFormResult | null,
  formData: FormData,
): Promise<WeightFormResult> {
  const form = asFormData(formData);
  const petId = formText.parse(form.get('petId'));
  const values = typedValues(form);
  const returnTo = isUuid(petId) ? `/pets/${petId}/weight/new` : '/pets';
  return runAction(weightWrite('createWeight', returnTo, MESSAGES.createFailed, values), async (context) => {
    const { user } = context;
    const submission = readSubmission(form, weightCreateSubmission(await schemaOptions(context)));
    if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };
    const { fields, submissionId } = submission.data;
    const created = await weightsData.createWeight(user, petId, fields, submissionId);
    if (!created) return refused(context, 'createWeight', petId);
    revalidateWeights(petId);
    redirect(petPage(petId, 'added'));
  });
}

export async function updateWeight(
  previousState: WeightFormResult | null,
  formData: FormData,
): Promise<WeightFormResult> {
  const form = asFormData(formData);
  const petId = formText.parse(form.get('petId'));
  const id = formText.parse(form.get('id'));
  const values = typedValues(form);
  const returnTo = isUuid(petId) && isUuid(id) ? `/pets/${petId}/weight/${id}/edit` : '/pets';
  return runAction(weightWrite('updateWeight', returnTo, MESSAGES.updateFailed, values), async (context) => {
    const { user } = context;
    const submission = readSubmission(form, weightUpdateSubmission(await schemaOptions(context)));
    if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };
    const updated = await weightsData.updateWeight(user, petId, id, submission.data.fields);
    if (!updated) return refused(context, 'updateWeight', petId, id);
    revalidateWeights(petId);
    redirect(petPage(petId, 'saved'));
  });
}

export async function deleteWeight(
  previousState: DeleteWeightResult | null,
  formData: FormData,
): Promise<DeleteWeightResult> {
  const form = asFormData(formData);
  const petId = formText.parse(form.get('petId'));
  const id = formText.parse(form.get('id'));
  const returnTo = isUuid(petId) ? `/pets/${petId}` : '/pets';
  return runAction(
    { action: 'deleteWeight', signedOut: { returnTo }, unexpected: () => failure(MESSAGES.deleteFailed) },
    async (context) => {
      const deleted = await weightsData.deleteWeight(context.user, petId, id);
      if (!deleted) return refused(context, 'deleteWeight', petId, id);
      revalidateWeights(petId);
      redirect(petPage(petId, 'deleted'));
    },
  );
}

/** The schema's unit and "today": the account's, at the moment of the request. */
async function schemaOptions({ user }: ActionContext) {
  const preferences = await getPreferences(user);
  return { unit: preferences.weightUnit, today: todayIn(preferences.timeZone) };
}

/** What was typed, for the form to show again (only the form's own fields, '' when missing). */
function typedValues(form: FormData): WeightFormValues {
  const values = {} as WeightFormValues;
  for (const field of WEIGHT_FIELDS) values[field] = formText.parse(form.get(field));
  return values;
}

function revalidateWeights(petId: string): void {
  revalidatePath(`/pets/${petId}`);
  revalidatePath(`/pets/${petId}/weight`);
}

/** A write of a weight form: a limit of the pet or the account is the form's message, with what was typed. */
function weightWrite(
  action: string,
  returnTo: string,
  failed: string,
  values: WeightFormValues,
): RunActionOptions<WeightFormResult> {
  return {
    action,
    signedOut: { returnTo },
    unexpected: () => ({ ...failure(failed), values }),
    expected: (error) => (error instanceof CareLimitError ? { ...failure(error.message), values } : undefined),
  };
}

/**
 * A pet or record that is missing, someone else's or no id at all: one answer, and an audit line
 * naming the ids (only as UUIDs: whatever else a client sent is not written to the log).
 */
async function refused(
  { user, address, requestId }: ActionContext,
  action: string,
  ...ids: string[]
): Promise<ActionResult> {
  const detail = [action, ...ids.map((id) => (isUuid(id) ? id : 'malformed-id'))].join(' ');
  await recordSecurityEvent('access.refused', { userId: user.id, address, requestId, detail });
  return failure(MESSAGES.notFound);
}
