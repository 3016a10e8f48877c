// The genders docs/requirements.md allows, with the words the app shows for them.
export const PET_GENDERS = ['male', 'female', 'other', 'prefer-not-to-say'] as const;
export type PetGender = (typeof PET_GENDERS)[number];

export const GENDER_LABELS: Record<PetGender, string> = {
  male: 'Male',
  female: 'Female',
  other: 'Other',
  'prefer-not-to-say': 'Prefer not to say',
};
