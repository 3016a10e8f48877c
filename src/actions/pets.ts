'use server';
// The contract's pet actions. Thin: read the form with the shared schema → runAction (the session
// once, outages and unexpected errors answered alike) → the DAL with that user (owner-checked,
// row-level security) → revalidate → redirect. Pages read through the DAL themselves; getPets and getPet serve clients.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { recordSecurityEvent } from '@/data/audit';
import { ImageRejectedError } from '@/data/images';
import * as petsData from '@/data/pets';
import { spendUsageRates, UsageLimitError } from '@/data/usage';
import { runAction, type ActionContext, type RunActionOptions } from './run-action';
import { failure, type ActionResult } from '@/lib/action-result';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
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
  const listParams = parsePetListParams(params);
  return runAction<GetPetsResult>(
    {
      action: 'getPets',
      signedOut: { returnTo: '/pets' },
      unexpected: () => ({
        success: false,
        message: MESSAGES.loadPetsFailed,
        pets: [],
        total: 0,
        page: listParams.page,
        hasMore: false,
      }),
    },
    async ({ user }) => ({ success: true, ...(await petsData.listPets(user, listParams)) }),
  );
}

export async function getPet(input: { id: string } | string): Promise<GetPetResult> {
  const id = typeof input === 'string' ? input : input?.id;
  return runAction<GetPetResult>(
    {
      action: 'getPet',
      signedOut: { returnTo: petsData.isPetId(id) ? `/pets/${id}` : '/pets' },
      unexpected: () => ({ success: false, message: MESSAGES.loadPetFailed }),
    },
    async ({ user }) => {
      const pet = await petsData.getPet(user, id);
      return pet ? { success: true, pet } : { success: false, message: MESSAGES.notFound };
    },
  );
}

export async function createPet(previousState: PetFormResult | null, formData: FormData): Promise<PetFormResult> {
  const form = asFormData(formData);
  const submission = readSubmission(form, petCreateSubmission({ today: requestToday(form) }));
  const values = typedValues(submission.payload, 'all');
  return runAction(petWrite('createPet', '/pets/new', MESSAGES.createFailed, values), async (context) => {
    if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };
    const { user } = context;
    const { fields, photo, submissionId } = submission.data;
    await spendUsageRates(user, photo ? ['petsCreated', 'photoSaves'] : ['petsCreated']);
    const created = await petsData.createPet(user, fields, photo, submissionId);
    if (created.created) await audit(context, 'pet.created', created.pet.id);
    revalidatePath('/pets');
    redirect(`/pets?created=${created.pet.id}`);
  });
}

export async function updatePet(previousState: PetFormResult | null, formData: FormData): Promise<PetFormResult> {
  const form = asFormData(formData);
  const submission = readSubmission(form, petUpdateSubmission({ today: requestToday(form) }));
  const values = typedValues(submission.payload, 'sent');
  const id = formText.parse(submission.payload.id);
  const returnTo = petsData.isPetId(id) ? `/pets/${id}/edit` : '/pets';
  return runAction(petWrite('updatePet', returnTo, MESSAGES.updateFailed, values), async (context) => {
    if (!petsData.isPetId(id)) return failure(MESSAGES.notFound);
    if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };
    const { user } = context;
    const { fields, photo, removePhoto, expectedVersion } = submission.data;
    const photoChange: petsData.PhotoChange = photo
      ? { kind: 'replace', source: photo }
      : removePhoto
        ? { kind: 'remove' }
        : { kind: 'keep' };
    if (photo) await spendUsageRates(user, ['photoSaves']);
    const outcome = await petsData.updatePet(user, id, fields, expectedVersion, photoChange);
    if (outcome.status === 'not_found') {
      await audit(context, 'access.refused', `updatePet ${id}`);
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
    await audit(context, 'pet.updated', id);
    revalidatePath('/pets');
    revalidatePath(`/pets/${id}`);
    redirect(`/pets/${id}?updated=1`);
  });
}

export async function deletePet(previousState: DeletePetResult | null, formData: FormData): Promise<DeletePetResult> {
  const id = formText.parse(asFormData(formData).get('id'));
  const returnTo = petsData.isPetId(id) ? `/pets/${id}` : '/pets';
  return runAction(
    { action: 'deletePet', signedOut: { returnTo }, unexpected: () => failure(MESSAGES.deleteFailed) },
    async (context) => {
      if (!petsData.isPetId(id)) return failure(MESSAGES.notFound);
      if (!(await petsData.deletePet(context.user, id))) {
        await audit(context, 'access.refused', `deletePet ${id}`);
        return failure(MESSAGES.notFound);
      }
      await audit(context, 'pet.deleted', id);
      revalidatePath('/pets');
      revalidatePath(`/pets/${id}`);
      redirect('/pets?deleted=1');
    },
  );
}

/**
 * How a pet form's write runs: the form's values come back with every failure; a refused photo or a
 * limit of the account is the form's message (and the image field's), anything else the try-again.
 */
function petWrite(
  action: string,
  returnTo: string,
  failed: string,
  values: PetFormResult['values'],
): RunActionOptions<PetFormResult> {
  return {
    action,
    signedOut: { returnTo },
    unexpected: () => ({ ...failure(failed), values }),
    expected: (error) => {
      if (error instanceof ImageRejectedError) return imageFailure(error, values);
      if (error instanceof UsageLimitError) return usageFailure(error, values);
      return undefined;
    },
  };
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
  { user, address, requestId }: ActionContext,
  event: 'pet.created' | 'pet.updated' | 'pet.deleted' | 'access.refused',
  detail: string,
): Promise<void> {
  await recordSecurityEvent(event, { userId: user.id, address, requestId, detail });
}
