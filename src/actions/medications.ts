'use server';
// The medication actions. Thin: read the form with the shared schema → runAction (the session once,
// outages and unexpected errors answered alike) → the medications DAL with that user (access through
// the pet, row-level security) → revalidate → redirect, or the result for the page to show.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { recordSecurityEvent } from '@/data/audit';
import * as medicationsData from '@/data/care/medications';
import { CareLimitError } from '@/data/care/limits';
import { runAction, type ActionContext, type RunActionOptions } from './run-action';
import { failure, type ActionResult } from '@/lib/action-result';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { WEEKDAYS } from '@/lib/medication-kinds';
import { isUuid } from '@/lib/uuid';
import {
  doseSubmission,
  MEDICATION_TEXT_FIELDS,
  medicationSchema,
  type MedicationField,
  type MedicationFormValues,
} from '@/lib/validations/medication';
import { RECORDABLE_DAYS } from '@/data/care/medications';

export type MedicationFormResult = ActionResult<MedicationField> & { values?: MedicationFormValues };
export type DeleteMedicationResult = ActionResult;
export type DoseResult = ActionResult & { dose?: medicationsData.RecordedDose; scheduledAt?: string };

const MESSAGES = {
  petNotFound: 'Pet not found',
  notFound: 'Medication not found',
  validationFailed: 'Validation failed',
  createFailed: 'Failed to add medication. Please try again.',
  updateFailed: 'Failed to save medication. Please try again.',
  deleteFailed: 'Failed to delete medication. Please try again.',
  doseFailed: 'Failed to record the dose. Please try again.',
  notScheduled: 'This dose is not on the schedule (it may have changed): reload the page.',
  notYet: "This dose isn't due yet: it can be marked from its day on.",
  tooOld: `Only doses from the last ${RECORDABLE_DAYS} days can be recorded.`,
  cannotUndo: 'Only the person who marked a dose can undo it, and only on the same day.',
  undone: 'Mark undone.',
} as const;

const medicationPage = (petId: string, id: string) => `/pets/${petId}/medications/${id}`;
const petPage = (petId: string) => `/pets/${petId}`;

export async function createMedication(
  previousState: MedicationFormResult | null,
  formData: FormData,
): Promise<MedicationFormResult> {
  const form = asFormData(formData);
  const submission = readSubmission(form, medicationSchema);
  const values = typedValues(submission.payload);
  const petId = formText.parse(submission.payload.petId);
  const returnTo = isUuid(petId) ? `/pets/${petId}/medications/new` : '/pets';
  return runAction(formWrite('createMedication', returnTo, MESSAGES.createFailed, values), async (context) => {
    if (!isUuid(petId)) return failure(MESSAGES.petNotFound);
    if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };
    const submissionId = formText.parse(submission.payload.submissionId) || null;
    const outcome = await medicationsData.createMedication(context.user, petId, submission.data, submissionId);
    if (outcome.status === 'not_found') return refused(context, 'createMedication', petId, MESSAGES.petNotFound);
    revalidatePath(petPage(petId));
    redirect(`${petPage(petId)}?medicationAdded=1#medications`);
  });
}

export async function updateMedication(
  previousState: MedicationFormResult | null,
  formData: FormData,
): Promise<MedicationFormResult> {
  const form = asFormData(formData);
  const submission = readSubmission(form, medicationSchema);
  const values = typedValues(submission.payload);
  const petId = formText.parse(submission.payload.petId);
  const id = formText.parse(submission.payload.id);
  const returnTo = isUuid(petId) && isUuid(id) ? `${medicationPage(petId, id)}/edit` : '/pets';
  return runAction(formWrite('updateMedication', returnTo, MESSAGES.updateFailed, values), async (context) => {
    if (!isUuid(petId) || !isUuid(id)) return failure(MESSAGES.notFound);
    if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };
    const outcome = await medicationsData.updateMedication(context.user, petId, id, submission.data);
    if (outcome.status === 'not_found') return refused(context, 'updateMedication', id, MESSAGES.notFound);
    revalidatePath(petPage(petId));
    revalidatePath(medicationPage(petId, id));
    redirect(`${medicationPage(petId, id)}?updated=1`);
  });
}

export async function deleteMedication(
  previousState: DeleteMedicationResult | null,
  formData: FormData,
): Promise<DeleteMedicationResult> {
  const form = asFormData(formData);
  const petId = formText.parse(form.get('petId'));
  const id = formText.parse(form.get('id'));
  const returnTo = isUuid(petId) ? petPage(petId) : '/pets';
  return runAction(
    { action: 'deleteMedication', signedOut: { returnTo }, unexpected: () => failure(MESSAGES.deleteFailed) },
    async (context) => {
      if (!isUuid(petId) || !isUuid(id)) return failure(MESSAGES.notFound);
      const deleted = await medicationsData.deleteMedication(context.user, petId, id);
      if (!deleted) return refused(context, 'deleteMedication', id, MESSAGES.notFound);
      revalidatePath(petPage(petId));
      redirect(`${petPage(petId)}?medicationDeleted=1#medications`);
    },
  );
}

/**
 * Marks a scheduled dose given or skipped, or takes back the caller's own mark of the day
 * (`status=undo`). Two people (or tabs) marking the same dose record it once; the second is told
 * who did it and when. Answers in place (no redirect), with JavaScript and without.
 */
export async function markDose(previousState: DoseResult | null, formData: FormData): Promise<DoseResult> {
  const form = asFormData(formData);
  const submission = readSubmission(form, doseSubmission);
  const petId = formText.parse(submission.payload.petId);
  return runAction(
    {
      action: 'markDose',
      signedOut: { returnTo: isUuid(petId) ? petPage(petId) : '/pets' },
      unexpected: () => failure(MESSAGES.doseFailed),
    },
    async (context) => {
      if (!submission.success) {
        const first = Object.values(submission.errors).flat()[0];
        return failure(first ?? MESSAGES.notFound);
      }
      const { medicationId, scheduledAt, status } = submission.data;
      if (!isUuid(petId) || !isUuid(medicationId)) return failure(MESSAGES.notFound);
      if (status === 'undo') return undo(context, petId, medicationId, scheduledAt);
      const outcome = await medicationsData.recordDose(context.user, petId, medicationId, scheduledAt, status);
      switch (outcome.status) {
        case 'not_found':
          return refused(context, 'markDose', medicationId, MESSAGES.notFound);
        case 'not_scheduled':
          return failure(MESSAGES.notScheduled);
        case 'not_yet':
          return failure(MESSAGES.notYet);
        case 'too_old':
          return failure(MESSAGES.tooOld);
      }
      revalidatePath(petPage(petId));
      revalidatePath(medicationPage(petId, medicationId));
      const { dose } = outcome;
      const scheduled = scheduledAt.toISOString();
      if (outcome.status === 'recorded')
        return { success: true, message: `Marked ${dose.status}.`, dose, scheduledAt: scheduled };
      return { success: false, message: alreadyMessage(dose), dose, scheduledAt: scheduled };
    },
  );
}

async function undo(
  context: ActionContext,
  petId: string,
  medicationId: string,
  scheduledAt: Date,
): Promise<DoseResult> {
  if (!(await medicationsData.undoDose(context.user, petId, medicationId, scheduledAt)))
    return failure(MESSAGES.cannotUndo);
  revalidatePath(petPage(petId));
  revalidatePath(medicationPage(petId, medicationId));
  return { success: true, message: MESSAGES.undone };
}

/** "Already given by Sam at today 08:03" — who won, in the words of the page. */
function alreadyMessage(dose: medicationsData.RecordedDose): string {
  const who = dose.byYou ? `you (${dose.by})` : dose.by;
  return `Already ${dose.status} by ${who} at ${dose.at}.`;
}

/** How a medication form's write runs: the typed values come back with every failure; a limit is the form's message. */
function formWrite(
  action: string,
  returnTo: string,
  failed: string,
  values: MedicationFormValues,
): RunActionOptions<MedicationFormResult> {
  return {
    action,
    signedOut: { returnTo },
    unexpected: () => ({ ...failure(failed), values }),
    expected: (error) => (error instanceof CareLimitError ? { ...failure(error.message), values } : undefined),
  };
}

/** What the user typed, for the form to show again. */
function typedValues(payload: Record<string, unknown>): MedicationFormValues {
  const values = Object.fromEntries(
    MEDICATION_TEXT_FIELDS.map((field) => [field, formText.parse(payload[field])]),
  ) as Omit<MedicationFormValues, 'weekdays'>;
  const sent = Array.isArray(payload.weekdays) ? payload.weekdays : [payload.weekdays];
  return { ...values, weekdays: WEEKDAYS.filter((day) => sent.includes(day)) };
}

/** A foreign or missing id: recorded in the audit log, answered as "not found". */
async function refused(
  { user, address, requestId }: ActionContext,
  action: string,
  id: string,
  message: string,
): Promise<ActionResult> {
  await recordSecurityEvent('access.refused', { userId: user.id, address, requestId, detail: `${action} ${id}` });
  return failure(message);
}
