'use server';
// The weight record actions: thin, the shared care-record flow (care-write.ts) with the weight
// schema (the weight typed in the account's unit, stored in grams) and DAL.
import * as weightsData from '@/data/care/weights';
import type { ActionResult } from '@/lib/action-result';
import { WEIGHT_FIELDS, weightFieldsSchema, type WeightField, type WeightFields } from '@/lib/validations/weight';
import {
  createCareRecord,
  deleteCareRecord,
  typedValues,
  updateCareRecord,
  type CareActionKind,
  type CareFormResult,
} from './care-write';

export type WeightFormResult = CareFormResult<WeightField>;
export type DeleteWeightResult = ActionResult;

const NOT_FOUND = 'Weight record not found';

const WEIGHT: CareActionKind<WeightField, WeightFields> = {
  name: 'Weight',
  path: 'weight',
  section: 'weight',
  notices: { created: 'weight-added', saved: 'weight-saved', deleted: 'weight-deleted' },
  // Every weighing is also on the pet's weight page.
  alsoShownOn: (petId) => [`/pets/${petId}/weight`],
  typed: typedValues(WEIGHT_FIELDS),
  schema: ({ today, preferences }) => weightFieldsSchema({ today, unit: preferences.weightUnit }),
  messages: {
    petNotFound: NOT_FOUND,
    notFound: NOT_FOUND,
    validationFailed: 'Validation failed',
    createFailed: 'Failed to add the weight. Please try again.',
    saveFailed: 'Failed to save the weight. Please try again.',
    deleteFailed: 'Failed to delete the weight. Please try again.',
  },
  create: weightsData.createWeight,
  update: weightsData.updateWeight,
  remove: weightsData.deleteWeight,
};

export async function createWeight(
  previousState: WeightFormResult | null,
  formData: FormData,
): Promise<WeightFormResult> {
  return createCareRecord(WEIGHT, formData);
}

export async function updateWeight(
  previousState: WeightFormResult | null,
  formData: FormData,
): Promise<WeightFormResult> {
  return updateCareRecord(WEIGHT, formData);
}

export async function deleteWeight(
  previousState: DeleteWeightResult | null,
  formData: FormData,
): Promise<DeleteWeightResult> {
  return deleteCareRecord(WEIGHT, formData);
}
