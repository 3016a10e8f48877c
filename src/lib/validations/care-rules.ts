// The plain values of the care forms that a form needs as the page loads, without zod (zod is most
// of a form's JavaScript: the browser loads the schemas, vaccination.ts and vet-visit.ts, only once
// the form is on screen). Lengths are in characters, as Postgres counts them.

export const VACCINATION_LIMITS = { vaccine: 100, clinic: 200, batchNumber: 100, notes: 2000 } as const;

/** The form's fields, in the order the form shows them (FormData names). */
export const VACCINATION_FIELDS = [
  'vaccine',
  'givenOn',
  'nextDueOn',
  'nextDueInterval',
  'clinic',
  'batchNumber',
  'notes',
  'remindDaysBefore',
] as const;
export type VaccinationField = (typeof VACCINATION_FIELDS)[number];
export type VaccinationFormValues = Record<VaccinationField, string>;

export const VET_VISIT_LIMITS = { clinic: 200, reason: 200, notes: 4000 } as const;

/** The form's fields, in the order the form shows them (FormData names). */
export const VET_VISIT_FIELDS = ['visitedOn', 'reason', 'clinic', 'cost', 'notes', 'remindDaysBefore'] as const;
export type VetVisitField = (typeof VET_VISIT_FIELDS)[number];
export type VetVisitFormValues = Record<VetVisitField, string>;
