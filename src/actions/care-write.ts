// How every care-record action runs (not an action itself: no 'use server'): read the form with the
// kind's shared schema (the account's own "today") → runAction (the session once, outages and
// unexpected errors answered alike; a limit is the form's message) → the kind's DAL with that user
// (the pet checked, row-level security) → revalidate → redirect back to the pet's page, which says
// what happened. A foreign, missing or malformed id is recorded as a refusal and answered as not found.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { recordSecurityEvent } from '@/data/audit';
import { CareLimitError } from '@/data/care/limits';
import { getPreferences } from '@/data/preferences';
import type { SessionUser } from '@/data/session';
import { failure, type ActionResult } from '@/lib/action-result';
import { todayIn } from '@/lib/dates';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { isUuid } from '@/lib/uuid';
import { runAction, type ActionContext, type RunActionOptions } from './run-action';

export type CareFormResult<Field extends string> = ActionResult<Field> & {
  /** What the form should show after a failed submit: what was typed. */
  values?: Partial<Record<Field, string>>;
};

const CARE_MESSAGES = {
  validationFailed: 'Please check the highlighted fields.',
  petNotFound: 'Pet not found',
} as const;

/** One kind of care record as its actions see it. */
export type CareActionKind<Field extends string, Input> = {
  /** The kind in action names and the audit log ("Vaccination": createVaccination…). */
  name: string;
  /** Its routes under the pet: /pets/[id]/<path>/new … */
  path: string;
  /** The `care` parameter of the pet's page after a save and a delete (components/care/care-notice.tsx). */
  notices: { saved: string; deleted: string };
  fields: readonly Field[];
  schema: (options: { today: string }) => z.ZodType<Input>;
  messages: { notFound: string; saveFailed: string; deleteFailed: string };
  create: (user: SessionUser, petId: string, input: Input, submissionId: string) => Promise<unknown | null>;
  update: (user: SessionUser, petId: string, id: string, input: Input) => Promise<boolean>;
  remove: (user: SessionUser, petId: string, id: string) => Promise<unknown | null>;
};

export function createCareRecord<Field extends string, Input>(
  kind: CareActionKind<Field, Input>,
  formData: FormData,
): Promise<CareFormResult<Field>> {
  const form = asFormData(formData);
  const petId = formText.parse(form.get('petId'));
  const values = typedValues(form, kind.fields);
  const returnTo = isUuid(petId) ? `/pets/${petId}/${kind.path}/new` : '/pets';
  return runAction(careWrite(`create${kind.name}`, returnTo, kind.messages.saveFailed, values), async (context) => {
    if (!isUuid(petId)) return failure(CARE_MESSAGES.petNotFound);
    const submission = await readRecord(kind, context.user, form);
    if (!submission.success) return { ...failure(CARE_MESSAGES.validationFailed, submission.errors), values };
    const submissionId = formText.parse(form.get('submissionId'));
    if (!(await kind.create(context.user, petId, submission.data, submissionId)))
      return refused(context, `create${kind.name} ${petId}`, failure(CARE_MESSAGES.petNotFound));
    backToPet(petId, kind.notices.saved);
  });
}

export function updateCareRecord<Field extends string, Input>(
  kind: CareActionKind<Field, Input>,
  formData: FormData,
): Promise<CareFormResult<Field>> {
  const form = asFormData(formData);
  const [petId, id] = [formText.parse(form.get('petId')), formText.parse(form.get('id'))];
  const values = typedValues(form, kind.fields);
  const returnTo = isUuid(petId) && isUuid(id) ? `/pets/${petId}/${kind.path}/${id}/edit` : '/pets';
  return runAction(careWrite(`update${kind.name}`, returnTo, kind.messages.saveFailed, values), async (context) => {
    if (!isUuid(petId) || !isUuid(id)) return failure(kind.messages.notFound);
    const submission = await readRecord(kind, context.user, form);
    if (!submission.success) return { ...failure(CARE_MESSAGES.validationFailed, submission.errors), values };
    if (!(await kind.update(context.user, petId, id, submission.data)))
      return refused(context, `update${kind.name} ${petId}/${id}`, failure(kind.messages.notFound));
    backToPet(petId, kind.notices.saved);
  });
}

export function deleteCareRecord<Field extends string, Input>(
  kind: CareActionKind<Field, Input>,
  formData: FormData,
): Promise<ActionResult> {
  const form = asFormData(formData);
  const [petId, id] = [formText.parse(form.get('petId')), formText.parse(form.get('id'))];
  const returnTo = isUuid(petId) ? `/pets/${petId}` : '/pets';
  return runAction(
    { action: `delete${kind.name}`, signedOut: { returnTo }, unexpected: () => failure(kind.messages.deleteFailed) },
    async (context) => {
      if (!isUuid(petId) || !isUuid(id)) return failure(kind.messages.notFound);
      if (!(await kind.remove(context.user, petId, id)))
        return refused(context, `delete${kind.name} ${petId}/${id}`, failure(kind.messages.notFound));
      backToPet(petId, kind.notices.deleted);
    },
  );
}

/** A care form's write: the typed values come back with every failure; a limit is the form's message. */
function careWrite<Field extends string>(
  action: string,
  returnTo: string,
  failed: string,
  values: Partial<Record<Field, string>>,
): RunActionOptions<CareFormResult<Field>> {
  return {
    action,
    signedOut: { returnTo },
    unexpected: () => ({ ...failure(failed), values }),
    expected: (error) => (error instanceof CareLimitError ? { ...failure(error.message), values } : undefined),
  };
}

/** The form's text fields as typed ('' when missing), to show again after a failed submit. */
function typedValues<Field extends string>(form: FormData, fields: readonly Field[]): Record<Field, string> {
  const values = {} as Record<Field, string>;
  for (const field of fields) values[field] = formText.parse(form.get(field));
  return values;
}

/** The form read with the kind's schema, "today" being the account's own today at this moment. */
async function readRecord<Field extends string, Input>(
  kind: CareActionKind<Field, Input>,
  user: SessionUser,
  form: FormData,
) {
  const { timeZone } = await getPreferences(user);
  return readSubmission(form, kind.schema({ today: todayIn(timeZone) }));
}

/** A foreign, missing or malformed id: recorded as a refusal, answered like a missing record. */
export async function refused<Result>({ user, address, requestId }: ActionContext, detail: string, answer: Result) {
  await recordSecurityEvent('access.refused', { userId: user.id, address, requestId, detail });
  return answer;
}

function backToPet(petId: string, notice: string): never {
  revalidatePath(`/pets/${petId}`);
  redirect(`/pets/${petId}?care=${notice}`);
}
