// The browser's constraints of the pet form (required, maxLength), read from the shared pet schema,
// so the form and the actions cannot disagree. Computed on the server and handed to the form as plain
// data: the schema (zod) reaches the browser only when a check needs it (pet-form.tsx loads it lazily).
import { getZodConstraint } from '@conform-to/zod/v4';
import { petSchema } from './pet';
import type { PetTextField } from './rules';

export type FieldConstraint = { required?: boolean; maxLength?: number };

export type PetFormConstraints = Record<PetTextField, FieldConstraint>;

export function petFormConstraints(): PetFormConstraints {
  // "Today" only moves the birthday's upper bound, which is a refinement, not a constraint.
  const schema = petSchema({ today: '9999-12-31' });
  const conform = getZodConstraint(schema);
  const pick = (field: PetTextField): FieldConstraint => {
    const shape = schema.shape[field];
    // Conform 1.21 reads lengths from zod's `_zod.bag`, which zod 4.6 no longer fills (the checks
    // stay in the definition); zod's own `maxLength` of a string schema reads them. Either way the
    // number is the schema's (tests/unit/validations-pet.test.ts).
    const maxLength = conform[field]?.maxLength ?? ('maxLength' in shape ? shape.maxLength : null) ?? undefined;
    return { required: conform[field]?.required, maxLength };
  };
  return { name: pick('name'), category: pick('category'), birthday: pick('birthday'), gender: pick('gender') };
}
