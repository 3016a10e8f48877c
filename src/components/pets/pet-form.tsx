'use client';
// The create and edit form of a pet. Works without JavaScript (posts to the Server Action);
// with it: instant checks from the shared schema, a pending state, the user's time zone for the
// birthday rule, and a draft kept in this tab so an expired session never loses what was typed.
import Link from 'next/link';
import {
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type FormEvent,
} from 'react';
import type { PetFormResult } from '@/actions/pets';
import { buttonVariants } from '@/components/ui/button';
import { Field, Input, inputClassName } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { browserTimeZone, useBrowserTimeZone } from '@/components/ui/use-browser-time-zone';
import { cn } from '@/lib/cn';
import { todayIn } from '@/lib/dates';
import { GENDER_LABELS, PET_GENDERS } from '@/lib/pet-genders';
import {
  EARLIEST_BIRTHDAY,
  PET_TEXT_FIELDS,
  type PetField,
  type PetFormValues,
  type PetTextField,
} from '@/lib/validations/rules';
import type { PetFormConstraints } from '@/lib/validations/pet-constraints';
import { discardDraft, readDraft, saveDraft } from './pet-draft';
import { PhotoField, type UploadInFlight } from './photo-field';

type PetFormProps = {
  mode: 'create' | 'edit';
  action: (state: PetFormResult | null, formData: FormData) => Promise<PetFormResult>;
  initial: PetFormValues;
  pet?: { id: string; version: number };
  cancelHref: string;
  draftKey: string;
  /** The pet's current photo (edit form). */
  photoUrl?: string | null;
  /** One-time key of a create form: submitting it twice creates one pet. */
  submissionId?: string;
  /** The fields' constraints from the shared schema (petFormConstraints, computed on the server). */
  constraints: PetFormConstraints;
};

type Errors = Partial<Record<PetField, string[]>>;

const EMPTY_ERRORS: Errors = {};

/** The pet schema (zod: most of this form's JavaScript), loaded once the form is on screen rather
 * than with the page; a check asked for before it arrives waits for it. */
let petSchemaModule: Promise<typeof import('@/lib/validations/pet')> | undefined;
const loadPetSchema = () => (petSchemaModule ??= import('@/lib/validations/pet'));

async function checkFields(values: PetFormValues, fields: readonly PetTextField[]): Promise<Errors> {
  const { petSchema } = await loadPetSchema();
  const schema = petSchema({ today: todayIn(browserTimeZone()) });
  const errors: Errors = {};
  for (const field of fields) {
    const result = schema.shape[field].safeParse(values[field]);
    if (!result.success) errors[field] = [result.error.issues[0]?.message ?? 'Please check this field'];
  }
  return errors;
}

export function PetForm({
  mode,
  action,
  initial,
  pet,
  cancelHref,
  draftKey,
  photoUrl,
  submissionId,
  constraints,
}: PetFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState<PetFormValues>(() => ({ ...initial, ...state?.values }));
  const [version, setVersion] = useState(pet?.version);
  const [clientErrors, setClientErrors] = useState<Errors>(EMPTY_ERRORS);
  const [restored, setRestored] = useState(false);
  const [baseline, setBaseline] = useState(() => JSON.stringify(initial));
  const [handledState, setHandledState] = useState(state);
  const [uploading, setUploading] = useState(false);
  const [waitingForPhoto, setWaitingForPhoto] = useState(false);
  const pendingPhotoRef = useRef<UploadInFlight | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // The birthday rule uses the user's own "today": the browser's zone ('' while server-rendering).
  const timeZone = useBrowserTimeZone();
  const maxDate = timeZone ? todayIn(timeZone) : undefined;

  // After a conflict the server hands back the latest saved values and version: show them.
  if (state !== handledState) {
    setHandledState(state);
    if (state?.version !== undefined && state.values) {
      const latest = { ...initial, ...state.values };
      setVersion(state.version);
      setValues(latest);
      setBaseline(JSON.stringify(latest));
    }
  }
  useEffect(() => {
    if (state?.version !== undefined) discardDraft(draftKey);
  }, [state, draftKey]);
  useEffect(() => void loadPetSchema(), []);

  // A draft left by a submit that met an expired session. Read after hydration (sessionStorage
  // does not exist on the server), so setting state here is the point, not a cascade.
  useEffect(() => {
    const draft = readDraft(draftKey);
    if (draft && JSON.stringify(draft) !== baseline) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring from browser storage after hydration
      setValues(draft);
      setRestored(true);
    }
    // Only on mount: later baselines come from this form's own saves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey]);

  function change(field: PetTextField, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    // Edited: the server's verdict on the old value no longer applies ([] hides it).
    setClientErrors((errors) => ({ ...errors, [field]: [] }));
    if (JSON.stringify(next) !== baseline) saveDraft(draftKey, next);
  }

  async function blur(field: PetTextField) {
    if (values[field] === '') return;
    const verdict = (await checkFields(values, [field]))[field] ?? [];
    setClientErrors((errors) => ({ ...errors, [field]: verdict }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    // Submitted through a transition rather than the form's own action, because React resets a
    // form after its action and a <select> would then show its first option whatever the state
    // says. Without JavaScript the form posts to the same Server Action (the `action` attribute).
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const errors = await checkFields(values, PET_TEXT_FIELDS);
    if (Object.keys(errors).length > 0) {
      setClientErrors(errors);
      const first = PET_TEXT_FIELDS.find((field) => errors[field]);
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    // Going to the server: its answer is the newest verdict on every field.
    setClientErrors(EMPTY_ERRORS);
    // A photo chosen a moment ago may not even show as uploading yet: the ref knows at once.
    const photo = pendingPhotoRef.current;
    if (photo) {
      void submitWhenPhotoIsStored(photo);
      return;
    }
    startTransition(() => formAction(formData));
  }

  /** Saves once the photo is in storage, with its path; saves nothing when it did not get there. */
  async function submitWhenPhotoIsStored(photo: UploadInFlight) {
    setWaitingForPhoto(true);
    let storagePath = await photo;
    // Another photo was chosen meanwhile: that one is what the user wants saved.
    for (let next = pendingPhotoRef.current; next; next = pendingPhotoRef.current) storagePath = await next;
    setWaitingForPhoto(false);
    // Failed or cancelled: the photo field says so and offers Retry; the user saves again.
    if (storagePath === null || !formRef.current) return;
    const formData = new FormData(formRef.current);
    formData.set('storagePath', storagePath);
    startTransition(() => formAction(formData));
  }

  const serverErrors: Errors = state?.errors ?? EMPTY_ERRORS;
  const errorsFor = (field: PetField) => clientErrors[field] ?? serverErrors[field];

  /** One text field of the form: its label, errors, the schema's constraints, the value and checks. */
  function textField(
    field: Exclude<PetTextField, 'gender'>,
    label: string,
    { hint, ...input }: { hint?: string } & ComponentProps<'input'> = {},
  ) {
    return (
      <Field id={field} label={label} errors={errorsFor(field)} hint={hint}>
        {(control) => (
          <Input
            {...control}
            {...input}
            name={field}
            autoComplete="off"
            maxLength={constraints[field].maxLength}
            value={values[field]}
            onChange={(event) => change(field, event.target.value)}
            onBlur={() => blur(field)}
          />
        )}
      </Field>
    );
  }
  const banner = state && !state.success && !state.errors ? state.message : undefined;

  return (
    <form ref={formRef} action={formAction} onSubmit={submit} noValidate className="space-y-6">
      {pet ? <input type="hidden" name="id" value={pet.id} /> : null}
      {submissionId ? <input type="hidden" name="submissionId" value={submissionId} /> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <input type="hidden" name="timezone" value={timeZone} />

      <FormMessage message={banner} />
      {restored ? (
        <p role="status" className="draft-restored">
          We restored what you typed earlier.
          <button
            type="button"
            className="font-semibold underline underline-offset-2"
            onClick={() => {
              discardDraft(draftKey);
              setValues(JSON.parse(baseline) as PetFormValues);
              setRestored(false);
            }}
          >
            Discard it
          </button>
        </p>
      ) : null}

      <div className="grid gap-6 sm:grid-cols-2">
        {textField('name', 'Name')}
        {textField('category', 'Category', { hint: 'Dog, cat, bird, rabbit…', list: 'pet-categories' })}
        <datalist id="pet-categories">
          {['Dog', 'Cat', 'Bird', 'Rabbit', 'Fish', 'Hamster', 'Guinea pig', 'Reptile', 'Horse'].map((category) => (
            <option key={category} value={category} />
          ))}
        </datalist>
        {textField('birthday', 'Birthday', { type: 'date', min: EARLIEST_BIRTHDAY, max: maxDate })}
        <Field id="gender" label="Gender" errors={errorsFor('gender')}>
          {(control) => (
            <select
              {...control}
              name="gender"
              className={cn(inputClassName, 'h-[42px]')}
              value={values.gender}
              onChange={(event) => change('gender', event.target.value)}
              onBlur={() => blur('gender')}
            >
              <option value="">Choose…</option>
              {PET_GENDERS.map((gender) => (
                <option key={gender} value={gender}>
                  {GENDER_LABELS[gender]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <PhotoField
        currentUrl={photoUrl}
        errors={errorsFor('image')}
        onBusyChange={setUploading}
        pendingPhotoRef={pendingPhotoRef}
      />
      <p role="status" className="text-sm text-stone-700 empty:hidden">
        {waitingForPhoto ? 'Saving as soon as the photo has finished uploading…' : null}
      </p>

      <div className="flex flex-col-reverse gap-3 border-t border-stone-200 pt-6 sm:flex-row sm:justify-end">
        <Link
          href={cancelHref}
          onClick={() => discardDraft(draftKey)}
          className={buttonVariants({ variant: 'secondary', size: 'lg' })}
        >
          Cancel
        </Link>
        <SubmitButton
          size="lg"
          pending={pending || waitingForPhoto}
          disabled={uploading}
          pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}
        >
          {mode === 'create' ? 'Add pet' : 'Save changes'}
        </SubmitButton>
      </div>
    </form>
  );
}
