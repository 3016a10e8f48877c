'use server';
// The contract's pet actions. Thin: check the session once → read the form with the shared
// schema → the DAL with that user (owner-checked, row-level security) → revalidate → redirect
// outside try/catch. Pages read through the DAL themselves; getPets and getPet serve clients.
import { revalidatePath } from 'next/cache';
import { redirect, unstable_rethrow } from 'next/navigation';
import { recordSecurityEvent } from '@/data/audit';
import { ImageRejectedError } from '@/data/images';
import * as petsData from '@/data/pets';
import { requireUser, type SessionUser } from '@/data/session';
import { spendUsageRates, UsageLimitError } from '@/data/usage';
import { failure, type ActionResult } from '@/lib/action-result';
import { logUnexpected } from '@/lib/errors';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { requestContext } from '@/lib/request-context';
import { IMAGE_MESSAGES, PET_TEXT_FIELDS, type PetField, type PetFormValues } from '@/lib/validations/rules';
import { parsePetListParams } from '@/lib/validations/pet-list';
import { petCreateSubmission, petUpdateSubmission, requestToday } from '@/lib/validations/pet-submission';

type Pet = petsData.Pet;

export type PetFormResult = ActionResult<PetField> & {
  pet?: Pet;
  /** What the form should show after a failed submit (what was typed, or the latest saved values). */
  values?: Partial<PetFormValues> & { storagePath?: string };
  /** The version the form is now based on (changes after a conflict). */
  version?: number;
};
export type GetPetsResult =
  | ({ success: true } & petsData.PetPage)
  | { success: false; message: string; pets: []; total: 0; page: number; hasMore: false };
export type GetPetResult = { success: true; pet: Pet } | { success: false; message: string };
export type DeletePetResult = ActionResult;

const MESSAGES = {
  notFound: 'Pet not found',
  loadPetsFailed: 'Failed to load pets',
  loadPetFailed: 'Failed to load pet',
  createFailed: 'Failed to create pet. Please try again.',
  updateFailed: 'Failed to update pet. Please try again.',
  deleteFailed: 'Failed to delete pet. Please try again.',
  validationFailed: 'Validation failed',
  conflict:
    'This pet was changed in another tab or window since you opened this form. ' +
    'The form now shows the latest saved values: make your changes again and save.',
} as const;

export async function getPets(params?: Record<string, unknown>): Promise<GetPetsResult> {
  const user = await requireUser('/pets');
  const listParams = parsePetListParams(params);
  try {
    return { success: true, ...(await petsData.listPets(user, listParams)) };
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action: 'getPets', userId: user.id });
    return {
      success: false,
      message: MESSAGES.loadPetsFailed,
      pets: [],
      total: 0,
      page: listParams.page,
      hasMore: false,
    };
  }
}

export async function getPet(input: { id: string } | string): Promise<GetPetResult> {
  const id = typeof input === 'string' ? input : input?.id;
  const user = await requireUser(petsData.isPetId(id) ? `/pets/${id}` : '/pets');
  try {
    const pet = await petsData.getPet(user, id);
    return pet ? { success: true, pet } : { success: false, message: MESSAGES.notFound };
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action: 'getPet', userId: user.id });
    return { success: false, message: MESSAGES.loadPetFailed };
  }
}

export async function createPet(previousState: PetFormResult | null, formData: FormData): Promise<PetFormResult> {
  const form = asFormData(formData);
  const submission = readSubmission(form, petCreateSubmission({ today: requestToday(form) }));
  const values = typedValues(submission.payload, 'all');
  const user = await userOrOutage('/pets/new', 'createPet');
  if (!user) return { ...failure(MESSAGES.createFailed), values };
  if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };

  const { fields, photo, submissionId } = submission.data;
  let created: Awaited<ReturnType<typeof petsData.createPet>>;
  try {
    await spendUsageRates(user, photo ? ['petsCreated', 'photoSaves'] : ['petsCreated']);
    created = await petsData.createPet(user, fields, photo, submissionId);
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ImageRejectedError) return imageFailure(error, values);
    if (error instanceof UsageLimitError) return usageFailure(error, values);
    logUnexpected(error, { action: 'createPet', userId: user.id });
    return { ...failure(MESSAGES.createFailed), values };
  }
  if (created.created) await audit('pet.created', user.id, created.pet.id);
  revalidatePath('/pets');
  redirect(`/pets?created=${created.pet.id}`);
}

export async function updatePet(previousState: PetFormResult | null, formData: FormData): Promise<PetFormResult> {
  const form = asFormData(formData);
  const submission = readSubmission(form, petUpdateSubmission({ today: requestToday(form) }));
  const values = typedValues(submission.payload, 'sent');
  const id = formText.parse(submission.payload.id);
  const user = await userOrOutage(petsData.isPetId(id) ? `/pets/${id}/edit` : '/pets', 'updatePet');
  if (!user) return { ...failure(MESSAGES.updateFailed), values };
  if (!petsData.isPetId(id)) return failure(MESSAGES.notFound);
  if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };

  const { fields, photo, removePhoto, expectedVersion } = submission.data;
  const photoChange: petsData.PhotoChange = photo
    ? { kind: 'replace', source: photo }
    : removePhoto
      ? { kind: 'remove' }
      : { kind: 'keep' };
  let outcome: petsData.UpdateOutcome;
  try {
    if (photo) await spendUsageRates(user, ['photoSaves']);
    outcome = await petsData.updatePet(user, id, fields, expectedVersion, photoChange);
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ImageRejectedError) return imageFailure(error, values);
    if (error instanceof UsageLimitError) return usageFailure(error, values);
    logUnexpected(error, { action: 'updatePet', userId: user.id });
    return { ...failure(MESSAGES.updateFailed), values };
  }
  if (outcome.status === 'not_found') {
    await audit('access.refused', user.id, `updatePet ${id}`);
    return failure(MESSAGES.notFound);
  }
  if (outcome.status === 'conflict') {
    return {
      ...failure(MESSAGES.conflict),
      pet: outcome.current,
      values: savedValues(outcome.current),
      version: outcome.current.version,
    };
  }
  await audit('pet.updated', user.id, id);
  revalidatePath('/pets');
  revalidatePath(`/pets/${id}`);
  redirect(`/pets/${id}?updated=1`);
}

export async function deletePet(previousState: DeletePetResult | null, formData: FormData): Promise<DeletePetResult> {
  const id = formText.parse(asFormData(formData).get('id'));
  const user = await userOrOutage(petsData.isPetId(id) ? `/pets/${id}` : '/pets', 'deletePet');
  if (!user) return failure(MESSAGES.deleteFailed);
  if (!petsData.isPetId(id)) return failure(MESSAGES.notFound);

  let deleted: Awaited<ReturnType<typeof petsData.deletePet>>;
  try {
    deleted = await petsData.deletePet(user, id);
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action: 'deletePet', userId: user.id });
    return failure(MESSAGES.deleteFailed);
  }
  if (!deleted) {
    await audit('access.refused', user.id, `deletePet ${id}`);
    return failure(MESSAGES.notFound);
  }
  await audit('pet.deleted', user.id, id);
  revalidatePath('/pets');
  revalidatePath(`/pets/${id}`);
  redirect('/pets?deleted=1');
}

/**
 * The verified user; without a session, the redirect to /login as always. When the session cannot
 * be checked at all (the database is unreachable) it is null, and the write action answers with
 * its contract try-again message instead of throwing: a thrown action shows the error page and
 * loses what the user typed.
 */
async function userOrOutage(returnTo: string, action: string): Promise<SessionUser | null> {
  try {
    return await requireUser(returnTo);
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action });
    return null;
  }
}

/**
 * What the user typed, for the form to show again: every text field ('' when missing) for a
 * create form, only the fields the form sent for an edit; plus the uploaded photo's path.
 */
function typedValues(payload: Record<string, unknown>, which: 'all' | 'sent'): PetFormResult['values'] {
  const values: PetFormResult['values'] = {};
  for (const field of PET_TEXT_FIELDS)
    if (which === 'all' || field in payload) values[field] = formText.parse(payload[field]);
  const storagePath = formText.parse(payload.storagePath).trim();
  return storagePath ? { ...values, storagePath } : values;
}

function savedValues(pet: Pet): PetFormValues {
  return { name: pet.name, category: pet.category, birthday: pet.birthday, gender: pet.gender };
}

/** A photo the server refused becomes the image field's message; a failed upload, the form's. */
function imageFailure(error: ImageRejectedError, values: PetFormResult['values']): PetFormResult {
  if (error.userMessage === IMAGE_MESSAGES.uploadFailed) return { ...failure(IMAGE_MESSAGES.uploadFailed), values };
  return { ...failure(MESSAGES.validationFailed, { image: [error.userMessage] }), values };
}

/** A limit of the account (ADR 0013): the message, also on the image field when the photo is what is refused. */
function usageFailure(error: UsageLimitError, values: PetFormResult['values']): PetFormResult {
  if (error.field === 'image') return { ...failure(error.userMessage, { image: [error.userMessage] }), values };
  return { ...failure(error.userMessage), values };
}

/** Records a pet change or a refusal in the audit log, with where the request came from. */
async function audit(
  event: 'pet.created' | 'pet.updated' | 'pet.deleted' | 'access.refused',
  userId: string,
  detail: string,
): Promise<void> {
  const { address, requestId } = await requestContext();
  await recordSecurityEvent(event, { userId, address, requestId, detail });
}
