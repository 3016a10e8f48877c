'use server';
// The medication actions: a medication's create, update and delete are the shared care-record flow
// (care-write.ts) with the medication schema and DAL; marking a dose (and undoing the mark) is the
// medication's own, on the same runAction options and refusal.
import { revalidatePath } from 'next/cache';
import * as medicationsData from '@/data/care/medications';
import { RECORDABLE_DAYS } from '@/data/care/medications';
import { failure, type ActionResult } from '@/lib/action-result';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { WEEKDAYS } from '@/lib/medication-kinds';
import { isUuid } from '@/lib/uuid';
import {
  doseSubmission,
  MEDICATION_TEXT_FIELDS,
  medicationSchema,
  type MedicationField,
  type MedicationFields,
  type MedicationFormValues,
} from '@/lib/validations/medication';
import {
  careActionOptions,
  createCareRecord,
  deleteCareRecord,
  refused,
  typedValues,
  updateCareRecord,
  type CareActionKind,
  type CareFormResult,
} from './care-write';
import { runAction, type ActionContext } from './run-action';

export type MedicationFormResult = CareFormResult<MedicationField, MedicationFormValues>;
export type DeleteMedicationResult = ActionResult;
export type DoseResult = ActionResult & { dose?: medicationsData.RecordedDose; scheduledAt?: string };

const MESSAGES = {
  notFound: 'Medication not found',
  doseFailed: 'Failed to record the dose. Please try again.',
  notScheduled: 'This dose is not on the schedule (it may have changed): reload the page.',
  notYet: "This dose isn't due yet: it can be marked from its day on.",
  tooOld: `Only doses from the last ${RECORDABLE_DAYS} days can be recorded.`,
  cannotUndo: 'Only the person who marked a dose can undo it, and only on the same day.',
  undone: 'Mark undone.',
} as const;

const medicationPage = (petId: string, id: string) => `/pets/${petId}/medications/${id}`;
const petPage = (petId: string) => `/pets/${petId}`;

const typedText = typedValues(MEDICATION_TEXT_FIELDS);

const MEDICATION: CareActionKind<MedicationField, MedicationFields, MedicationFormValues> = {
  name: 'Medication',
  path: 'medications',
  section: 'medications',
  notices: { created: 'medication-added', saved: 'medication-saved', deleted: 'medication-deleted' },
  // An edit comes back to the medication's own page, where it was started.
  savedPage: medicationPage,
  // The text fields as typed, and the weekdays ticked (in the week's order).
  typed: (form) => {
    const sent = form.getAll('weekdays');
    return { ...typedText(form), weekdays: WEEKDAYS.filter((day) => sent.includes(day)) };
  },
  schema: () => medicationSchema,
  messages: {
    petNotFound: 'Pet not found',
    notFound: MESSAGES.notFound,
    validationFailed: 'Validation failed',
    createFailed: 'Failed to add medication. Please try again.',
    saveFailed: 'Failed to save medication. Please try again.',
    deleteFailed: 'Failed to delete medication. Please try again.',
  },
  create: async (user, petId, fields, submissionId) =>
    (await medicationsData.createMedication(user, petId, fields, submissionId)).status === 'saved',
  update: async (user, petId, id, fields) =>
    (await medicationsData.updateMedication(user, petId, id, fields)).status === 'saved',
  remove: medicationsData.deleteMedication,
};

export async function createMedication(
  previousState: MedicationFormResult | null,
  formData: FormData,
): Promise<MedicationFormResult> {
  return createCareRecord(MEDICATION, formData);
}

export async function updateMedication(
  previousState: MedicationFormResult | null,
  formData: FormData,
): Promise<MedicationFormResult> {
  return updateCareRecord(MEDICATION, formData);
}

export async function deleteMedication(
  previousState: DeleteMedicationResult | null,
  formData: FormData,
): Promise<DeleteMedicationResult> {
  return deleteCareRecord(MEDICATION, formData);
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
    careActionOptions<DoseResult>('markDose', isUuid(petId) ? petPage(petId) : '/pets', failure(MESSAGES.doseFailed)),
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
          return refused(context, `markDose ${medicationId}`, failure(MESSAGES.notFound));
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
