// How every care-record action runs (not an action itself: no 'use server'): read the form with the
// kind's schema (given the account's preferences and its own "today") → runAction (the session once,
// outages and unexpected errors answered alike; a limit is the form's message) → the kind's DAL with
// that user (the pet checked, row-level security) → revalidate → redirect to the page that shows the
// change, with the `care` notice that says what happened. A foreign, missing or malformed id is
// recorded as a refusal and answered as not found.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { recordSecurityEvent } from '@/data/audit';
import { CareLimitError } from '@/data/care/limits';
import { getPreferences, type Preferences } from '@/data/preferences';
import type { SessionUser } from '@/data/session';
import type { CareNoticeKey } from '@/lib/care-notices';
import { failure, type ActionResult } from '@/lib/action-result';
import { todayIn } from '@/lib/dates';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { isUuid } from '@/lib/uuid';
import { runAction, type ActionContext, type RunActionOptions } from './run-action';

export type CareFormResult<Field extends string, Values = Record<Field, string>> = ActionResult<Field> & {
  /** What the form should show after a failed submit: what was typed. */
  values?: Values;
};

/** What a kind's schema may depend on: the account's preferences and its today at this moment. */
export type CareSchemaOptions = { today: string; preferences: Preferences };

/** One kind of care record as its actions see it. */
export type CareActionKind<Field extends string, Input, Values = Record<Field, string>> = {
  /** The kind in action names and the audit log ("Vaccination": createVaccination…). */
  name: string;
  /** Its routes under the pet: /pets/[id]/<path>/new … */
  path: string;
  /** The pet page's section (its element id) the browser scrolls to after a change, if it has one. */
  section?: string;
  /** The `care` notice after each change (lib/care-notices.ts). */
  notices: { created: CareNoticeKey; saved: CareNoticeKey; deleted: CareNoticeKey };
  /** The page that shows a saved record, when it is not the pet's page. */
  savedPage?: (petId: string, id: string) => string;
  /** Pages besides the pet's that show the kind's records (revalidated after every change). */
  alsoShownOn?: (petId: string) => string[];
  /** The form's fields as typed, to show again after a failed submit. */
  typed: (form: FormData) => Values;
  schema: (options: CareSchemaOptions) => z.ZodType<Input>;
  messages: {
    petNotFound: string;
    notFound: string;
    validationFailed: string;
    createFailed: string;
    saveFailed: string;
    deleteFailed: string;
  };
  create: (user: SessionUser, petId: string, input: Input, submissionId: string) => Promise<unknown | null>;
  update: (user: SessionUser, petId: string, id: string, input: Input) => Promise<unknown | null>;
  remove: (user: SessionUser, petId: string, id: string) => Promise<unknown | null>;
};

/** The messages most kinds share; a kind overrides what it words differently. */
export const CARE_MESSAGES = {
  validationFailed: 'Please check the highlighted fields.',
  petNotFound: 'Pet not found',
} as const;

export function createCareRecord<Field extends string, Input, Values>(
  kind: CareActionKind<Field, Input, Values>,
  formData: FormData,
): Promise<CareFormResult<Field, Values>> {
  const form = asFormData(formData);
  const petId = formText.parse(form.get('petId'));
  const values = kind.typed(form);
  const returnTo = isUuid(petId) ? `/pets/${petId}/${kind.path}/new` : '/pets';
  return runAction(careWrite(`create${kind.name}`, returnTo, kind.messages.createFailed, values), async (context) => {
    if (!isUuid(petId)) return failure(kind.messages.petNotFound);
    const submission = await readRecord(kind, context.user, form);
    if (!submission.success) return { ...failure(kind.messages.validationFailed, submission.errors), values };
    const submissionId = formText.parse(form.get('submissionId'));
    if (!(await kind.create(context.user, petId, submission.data, submissionId)))
      return refused(context, `create${kind.name} ${petId}`, failure(kind.messages.petNotFound));
    changed(kind, petId);
    redirect(petPage(kind, petId, kind.notices.created));
  });
}

export function updateCareRecord<Field extends string, Input, Values>(
  kind: CareActionKind<Field, Input, Values>,
  formData: FormData,
): Promise<CareFormResult<Field, Values>> {
  const form = asFormData(formData);
  const [petId, id] = [formText.parse(form.get('petId')), formText.parse(form.get('id'))];
  const values = kind.typed(form);
  const returnTo = isUuid(petId) && isUuid(id) ? `/pets/${petId}/${kind.path}/${id}/edit` : '/pets';
  return runAction(careWrite(`update${kind.name}`, returnTo, kind.messages.saveFailed, values), async (context) => {
    if (!isUuid(petId) || !isUuid(id)) return failure(kind.messages.notFound);
    const submission = await readRecord(kind, context.user, form);
    if (!submission.success) return { ...failure(kind.messages.validationFailed, submission.errors), values };
    if (!(await kind.update(context.user, petId, id, submission.data)))
      return refused(context, `update${kind.name} ${petId}/${id}`, failure(kind.messages.notFound));
    const savedPage = kind.savedPage?.(petId, id);
    changed(kind, petId, savedPage);
    redirect(savedPage ? `${savedPage}?care=${kind.notices.saved}` : petPage(kind, petId, kind.notices.saved));
  });
}

export function deleteCareRecord<Field extends string, Input, Values>(
  kind: CareActionKind<Field, Input, Values>,
  formData: FormData,
): Promise<ActionResult> {
  const form = asFormData(formData);
  const [petId, id] = [formText.parse(form.get('petId')), formText.parse(form.get('id'))];
  const returnTo = isUuid(petId) ? `/pets/${petId}` : '/pets';
  return runAction(
    careActionOptions(`delete${kind.name}`, returnTo, failure(kind.messages.deleteFailed)),
    async (context) => {
      if (!isUuid(petId) || !isUuid(id)) return failure(kind.messages.notFound);
      if (!(await kind.remove(context.user, petId, id)))
        return refused(context, `delete${kind.name} ${petId}/${id}`, failure(kind.messages.notFound));
      changed(kind, petId);
      redirect(petPage(kind, petId, kind.notices.deleted));
    },
  );
}

/** How a care action runs: signed out, back here after signing in; an outage or a bug, `failed`. */
export function careActionOptions<R>(action: string, returnTo: string, failed: R): RunActionOptions<R> {
  return { action, signedOut: { returnTo }, unexpected: () => failed };
}

/** A care form's write: the typed values come back with every failure; a limit is the form's message. */
function careWrite<Field extends string, Values>(
  action: string,
  returnTo: string,
  failed: string,
  values: Values,
): RunActionOptions<CareFormResult<Field, Values>> {
  return {
    ...careActionOptions(action, returnTo, { ...failure<Field>(failed), values }),
    expected: (error) => (error instanceof CareLimitError ? { ...failure(error.message), values } : undefined),
  };
}

/** The form's text fields as typed ('' when missing), to show again after a failed submit. */
export function typedValues<Field extends string>(fields: readonly Field[]) {
  return (form: FormData): Record<Field, string> => {
    const values = {} as Record<Field, string>;
    for (const field of fields) values[field] = formText.parse(form.get(field));
    return values;
  };
}

/** The form read with the kind's schema: the account's preferences, "today" being its own today now. */
async function readRecord<Field extends string, Input, Values>(
  kind: CareActionKind<Field, Input, Values>,
  user: SessionUser,
  form: FormData,
) {
  const preferences = await getPreferences(user);
  return readSubmission(form, kind.schema({ today: todayIn(preferences.timeZone), preferences }));
}

/** A foreign, missing or malformed id: recorded as a refusal, answered like a missing record. */
export async function refused<Result>({ user, address, requestId }: ActionContext, detail: string, answer: Result) {
  await recordSecurityEvent('access.refused', { userId: user.id, address, requestId, detail });
  return answer;
}

function changed<Field extends string, Input, Values>(
  kind: CareActionKind<Field, Input, Values>,
  petId: string,
  savedPage?: string,
): void {
  for (const path of [`/pets/${petId}`, ...(kind.alsoShownOn?.(petId) ?? []), ...(savedPage ? [savedPage] : [])])
    revalidatePath(path);
}

function petPage<Field extends string, Input, Values>(
  kind: CareActionKind<Field, Input, Values>,
  petId: string,
  notice: CareNoticeKey,
): string {
  return `/pets/${petId}?care=${notice}${kind.section ? `#${kind.section}` : ''}`;
}
