'use server';
// The vaccination actions: thin, the shared care-record flow (care-write.ts) with the vaccination
// schema and DAL.
import * as vaccinationsData from '@/data/care/vaccinations';
import type { ActionResult } from '@/lib/action-result';
import { VACCINATION_FIELDS, type VaccinationField } from '@/lib/validations/care-rules';
import { vaccinationSchema, type VaccinationInput } from '@/lib/validations/vaccination';
import {
  CARE_MESSAGES,
  createCareRecord,
  deleteCareRecord,
  updateCareRecord,
  typedValues,
  type CareActionKind,
  type CareFormResult,
} from './care-write';

export type VaccinationFormResult = CareFormResult<VaccinationField>;

const VACCINATION: CareActionKind<VaccinationField, VaccinationInput> = {
  name: 'Vaccination',
  path: 'vaccinations',
  notices: { created: 'vaccination-saved', saved: 'vaccination-saved', deleted: 'vaccination-deleted' },
  typed: typedValues(VACCINATION_FIELDS),
  schema: vaccinationSchema,
  messages: {
    ...CARE_MESSAGES,
    notFound: 'Vaccination not found',
    createFailed: 'Failed to save the vaccination. Please try again.',
    saveFailed: 'Failed to save the vaccination. Please try again.',
    deleteFailed: 'Failed to delete the vaccination. Please try again.',
  },
  create: vaccinationsData.createVaccination,
  update: vaccinationsData.updateVaccination,
  remove: vaccinationsData.deleteVaccination,
};

export async function createVaccination(
  previousState: VaccinationFormResult | null,
  formData: FormData,
): Promise<VaccinationFormResult> {
  return createCareRecord(VACCINATION, formData);
}

export async function updateVaccination(
  previousState: VaccinationFormResult | null,
  formData: FormData,
): Promise<VaccinationFormResult> {
  return updateCareRecord(VACCINATION, formData);
}

export async function deleteVaccination(previousState: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return deleteCareRecord(VACCINATION, formData);
}
