// The medications DAL: every function takes the verified user, finds the pet through findCarePet
// (the one place that decides access to care records), runs under row-level security and returns
// plain DTOs. One module per concern; this one is what the layers above import.
export { listMedications, soonestMedications, getMedication, DOSE_HISTORY_LENGTH } from './read';
export type { Medication, NextDose, DoseRecord, PetMedications } from './read';
export { createMedication, updateMedication, deleteMedication, type MedicationWrite } from './write';
export { recordDose, undoDose, RECORDABLE_DAYS, type DoseOutcome, type RecordedDose } from './doses';
