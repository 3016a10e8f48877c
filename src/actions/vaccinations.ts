'use server';
// The vaccination actions. Thin: read the form with the shared schema (the account's own "today")
// → runAction (the session once, outages and unexpected errors answered alike) → the DAL with that
// user (the pet checked, row-level security) → revalidate → redirect back to the pet's page.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import * as vaccinationsData from '@/data/care/vaccinations';
import { getPreferences } from '@/data/preferences';
import { failure, type ActionResult } from '@/lib/action-result';
import { todayIn } from '@/lib/dates';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { isUuid } from '@/lib/uuid';
import { VACCINATION_FIELDS, vaccinationSchema, type VaccinationField } from '@/lib/validations/vaccination';
import { CARE_VALIDATION_FAILED, careWrite, refusedAsNotFound, typedValues, type CareFormResult } from './care-write';
import { runAction, type ActionContext } from './run-action';

export type VaccinationFormResult = CareFormResult<VaccinationField>;
export type DeleteVaccinationResult = ActionResult;

const MESSAGES = {
  petNotFound: 'Pet not found',
  notFound: 'Vaccination not found',
  saveFailed: 'Failed to save the vaccination. Please try again.',
  deleteFailed: 'Failed to delete the vaccination. Please try again.',
} as const;

export async function createVaccination(
  previousState: VaccinationFormResult | null,
  formData: FormData,
): Promise<VaccinationFormResult> {
  const form = asFormData(formData);
  const petId = formText.parse(form.get('petId'));
  const values = typedValues(form, VACCINATION_FIELDS);
  const returnTo = isUuid(petId) ? `/pets/${petId}/vaccinations/new` : '/pets';
  return runAction(careWrite('createVaccination', returnTo, MESSAGES.saveFailed, values), async (context) => {
    if (!isUuid(petId)) return failure(MESSAGES.petNotFound);
    const submission = await readVaccination(context, form);
    if (!submission.success) return { ...failure(CARE_VALIDATION_FAILED, submission.errors), values };
    const submissionId = formText.parse(form.get('submissionId'));
    const created = await vaccinationsData.createVaccination(context.user, petId, submission.data, submissionId);
    if (!created) return refusedAsNotFound(context, `createVaccination ${petId}`, failure(MESSAGES.petNotFound));
    savedOn(petId, 'vaccination-saved');
  });
}

export async function updateVaccination(
  previousState: VaccinationFormResult | null,
  formData: FormData,
): Promise<VaccinationFormResult> {
  const form = asFormData(formData);
  const [petId, id] = [formText.parse(form.get('petId')), formText.parse(form.get('id'))];
  const values = typedValues(form, VACCINATION_FIELDS);
  const returnTo = isUuid(petId) && isUuid(id) ? `/pets/${petId}/vaccinations/${id}/edit` : '/pets';
  return runAction(careWrite('updateVaccination', returnTo, MESSAGES.saveFailed, values), async (context) => {
    if (!isUuid(petId) || !isUuid(id)) return failure(MESSAGES.notFound);
    const submission = await readVaccination(context, form);
    if (!submission.success) return { ...failure(CARE_VALIDATION_FAILED, submission.errors), values };
    if (!(await vaccinationsData.updateVaccination(context.user, petId, id, submission.data)))
      return refusedAsNotFound(context, `updateVaccination ${petId}/${id}`, failure(MESSAGES.notFound));
    savedOn(petId, 'vaccination-saved');
  });
}

export async function deleteVaccination(
  previousState: DeleteVaccinationResult | null,
  formData: FormData,
): Promise<DeleteVaccinationResult> {
  const form = asFormData(formData);
  const [petId, id] = [formText.parse(form.get('petId')), formText.parse(form.get('id'))];
  const returnTo = isUuid(petId) ? `/pets/${petId}` : '/pets';
  return runAction(
    { action: 'deleteVaccination', signedOut: { returnTo }, unexpected: () => failure(MESSAGES.deleteFailed) },
    async (context) => {
      if (!isUuid(petId) || !isUuid(id)) return failure(MESSAGES.notFound);
      if (!(await vaccinationsData.deleteVaccination(context.user, petId, id)))
        return refusedAsNotFound(context, `deleteVaccination ${petId}/${id}`, failure(MESSAGES.notFound));
      savedOn(petId, 'vaccination-deleted');
    },
  );
}

/** The form read with the shared schema, "today" being the account's own today at this moment. */
async function readVaccination({ user }: ActionContext, form: FormData) {
  const { timeZone } = await getPreferences(user);
  return readSubmission(form, vaccinationSchema({ today: todayIn(timeZone) }));
}

/** Back to the pet's page, which says what happened (components/care/care-notice.tsx). */
function savedOn(petId: string, notice: 'vaccination-saved' | 'vaccination-deleted'): never {
  revalidatePath(`/pets/${petId}`);
  redirect(`/pets/${petId}?care=${notice}`);
}
