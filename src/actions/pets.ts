'use server';
// The contract's pet actions. Thin: check the session → parse with the shared schema → the DAL
// (owner-checked, row-level security) → revalidate → redirect outside try/catch.
import { revalidatePath } from 'next/cache';
import { redirect, unstable_rethrow } from 'next/navigation';
import { recordSecurityEvent } from '@/data/audit';
import { ImageRejectedError } from '@/data/images';
import * as petsData from '@/data/pets';
import { requireUser, type SessionUser } from '@/data/session';
import { failure, formDataFrom, formText, type ActionResult } from '@/lib/action-result';
import { logUnexpected } from '@/lib/errors';
import { requestContext } from '@/lib/request-context';
import { readPetForm, readPetFormPatch, readPhotoFields, requestToday, type PetFormValues } from '@/lib/pet-form';
import { IMAGE_MESSAGES } from '@/lib/validations/rules';
import { parsePetListParams } from '@/lib/validations/pet-list';
import { petSchema, petUpdateSchema, type PetField } from '@/lib/validations/pet';

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

function fieldErrors(error: { flatten: () => { fieldErrors: Partial<Record<string, string[]>> } }) {
  const { fieldErrors: errors } = error.flatten();
  return errors as Partial<Record<PetField, string[]>>;
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

/** A photo the server refused becomes the image field's message; a failed upload, the form's. */
function imageFailure(error: ImageRejectedError, values: PetFormResult['values']): PetFormResult {
  if (error.userMessage === IMAGE_MESSAGES.uploadFailed) return { ...failure(IMAGE_MESSAGES.uploadFailed), values };
  return { ...failure(MESSAGES.validationFailed, { image: [error.userMessage] }), values };
}

function petValues(pet: Pet): PetFormValues {
  return { name: pet.name, category: pet.category, birthday: pet.birthday, gender: pet.gender };
}

/**
 * The verified user; without a session, the redirect to /login as always. When the session cannot
 * be checked at all (the database is unreachable) it is null, and the write action answers with
 * its contract try-again message instead of throwing: a thrown action shows the error page and
 * loses what the user typed (found by tests/faults/database-connection.test.ts).
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

export async function getPets(params?: Record<string, unknown>): Promise<GetPetsResult> {
  await requireUser('/pets');
  const listParams = parsePetListParams(params);
  try {
    return { success: true, ...(await petsData.listPets(listParams)) };
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action: 'getPets' });
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
  await requireUser(petsData.isPetId(id) ? `/pets/${id}` : '/pets');
  try {
    const pet = await petsData.getPet(id);
    return pet ? { success: true, pet } : { success: false, message: MESSAGES.notFound };
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action: 'getPet' });
    return { success: false, message: MESSAGES.loadPetFailed };
  }
}

export async function createPet(stateOrForm: unknown, maybeForm?: FormData): Promise<PetFormResult> {
  const formData = formDataFrom(stateOrForm, maybeForm);
  const photo = readPhotoFields(formData);
  const values = {
    ...readPetForm(formData),
    ...(photo.source?.kind === 'upload' ? { storagePath: photo.source.storagePath } : {}),
  };
  const user = await userOrOutage('/pets/new', 'createPet');
  if (!user) return { ...failure(MESSAGES.createFailed), values };
  const parsed = petSchema({ today: requestToday(formData) }).safeParse(values);
  if (!parsed.success || photo.problem) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    return {
      ...failure(MESSAGES.validationFailed, { ...errors, ...(photo.problem ? { image: [photo.problem] } : {}) }),
      values,
    };
  }

  let pet: Pet;
  let created: boolean;
  try {
    const { name, category, birthday, gender } = parsed.data;
    ({ pet, created } = await petsData.createPet(
      { name, category, birthday, gender },
      photo.source,
      formText(formData, 'submissionId') || null,
    ));
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ImageRejectedError) return imageFailure(error, values);
    logUnexpected(error, { action: 'createPet', userId: user.id });
    return { ...failure(MESSAGES.createFailed), values };
  }
  if (created) await audit('pet.created', user.id, pet.id);
  revalidatePath('/pets');
  redirect(`/pets?created=${pet.id}`);
}

export async function updatePet(stateOrForm: unknown, maybeForm?: FormData): Promise<PetFormResult> {
  const formData = formDataFrom(stateOrForm, maybeForm);
  const id = formText(formData, 'id');
  const photo = readPhotoFields(formData);
  const values = {
    ...readPetFormPatch(formData),
    ...(photo.source?.kind === 'upload' ? { storagePath: photo.source.storagePath } : {}),
  };
  const user = await userOrOutage(petsData.isPetId(id) ? `/pets/${id}/edit` : '/pets', 'updatePet');
  if (!user) return { ...failure(MESSAGES.updateFailed), values };
  if (!petsData.isPetId(id)) return failure(MESSAGES.notFound);

  const parsed = petUpdateSchema({ today: requestToday(formData) }).safeParse(values);
  if (!parsed.success || photo.problem) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    return {
      ...failure(MESSAGES.validationFailed, { ...errors, ...(photo.problem ? { image: [photo.problem] } : {}) }),
      values,
    };
  }
  const versionText = formText(formData, 'version');
  const expectedVersion = /^\d{1,9}$/.test(versionText) ? Number(versionText) : null;
  const photoChange: petsData.PhotoChange = photo.source
    ? { kind: 'replace', source: photo.source }
    : photo.remove
      ? { kind: 'remove' }
      : { kind: 'keep' };

  let outcome: petsData.UpdateOutcome;
  try {
    const { name, category, birthday, gender } = parsed.data;
    outcome = await petsData.updatePet(id, { name, category, birthday, gender }, expectedVersion, photoChange);
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ImageRejectedError) return imageFailure(error, values);
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
      values: petValues(outcome.current),
      version: outcome.current.version,
    };
  }
  await audit('pet.updated', user.id, id);
  revalidatePath('/pets');
  revalidatePath(`/pets/${id}`);
  redirect(`/pets/${id}?updated=1`);
}

export async function deletePet(stateOrInput: unknown, maybeForm?: FormData): Promise<DeletePetResult> {
  const id =
    stateOrInput &&
    typeof stateOrInput === 'object' &&
    !(stateOrInput instanceof FormData) &&
    'id' in stateOrInput &&
    !maybeForm
      ? String((stateOrInput as { id: unknown }).id)
      : formText(formDataFrom(stateOrInput, maybeForm), 'id');
  const user = await userOrOutage(petsData.isPetId(id) ? `/pets/${id}` : '/pets', 'deletePet');
  if (!user) return failure(MESSAGES.deleteFailed);
  if (!petsData.isPetId(id)) return failure(MESSAGES.notFound);

  let deleted: Awaited<ReturnType<typeof petsData.deletePet>>;
  try {
    deleted = await petsData.deletePet(id);
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
