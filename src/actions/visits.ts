'use server';
// The vet visit actions: thin, the shared care-record flow (care-write.ts) with the vet visit
// schema and DAL.
import * as visitsData from '@/data/care/visits';
import type { ActionResult } from '@/lib/action-result';
import { VET_VISIT_FIELDS, type VetVisitField } from '@/lib/validations/care-rules';
import { vetVisitSchema, type VetVisitInput } from '@/lib/validations/vet-visit';
import {
  CARE_MESSAGES,
  createCareRecord,
  deleteCareRecord,
  updateCareRecord,
  typedValues,
  type CareActionKind,
  type CareFormResult,
} from './care-write';

export type VetVisitFormResult = CareFormResult<VetVisitField>;

const VET_VISIT: CareActionKind<VetVisitField, VetVisitInput> = {
  name: 'VetVisit',
  path: 'visits',
  notices: { created: 'visit-saved', saved: 'visit-saved', deleted: 'visit-deleted' },
  typed: typedValues(VET_VISIT_FIELDS),
  schema: vetVisitSchema,
  messages: {
    ...CARE_MESSAGES,
    notFound: 'Vet visit not found',
    createFailed: 'Failed to save the vet visit. Please try again.',
    saveFailed: 'Failed to save the vet visit. Please try again.',
    deleteFailed: 'Failed to delete the vet visit. Please try again.',
  },
  create: visitsData.createVetVisit,
  update: visitsData.updateVetVisit,
  remove: visitsData.deleteVetVisit,
};

export async function createVetVisit(
  previousState: VetVisitFormResult | null,
  formData: FormData,
): Promise<VetVisitFormResult> {
  return createCareRecord(VET_VISIT, formData);
}

export async function updateVetVisit(
  previousState: VetVisitFormResult | null,
  formData: FormData,
): Promise<VetVisitFormResult> {
  return updateCareRecord(VET_VISIT, formData);
}

export async function deleteVetVisit(previousState: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return deleteCareRecord(VET_VISIT, formData);
}
