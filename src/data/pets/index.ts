// The pets DAL: every function takes the verified user (data/session.ts), runs as that user under
// row-level security (withUser), also filters by owner itself, selects explicit columns and
// returns plain DTOs. One module per concern; this one is what the layers above import.
export { isPetId, type Pet, type PetFields } from './records';
export { listPets, type PetPage } from './list';
export { getPet } from './get';
export { createPet } from './create';
export { updatePet, type PhotoChange, type UpdateOutcome } from './update';
export { deletePet } from './delete';
