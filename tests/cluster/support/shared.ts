// The pieces the cluster suite borrows from the shared test support and the fault suite's
// helpers, imported in this one place.
export { startServer, type RunningServer } from '../../support/server';
export { HttpClient, type ActionCall, type HttpResponse } from '../../support/http';
export { actionIdsOf, allActionIds, APP_ACTIONS } from '../../support/action-ids';
export { registerOverHttp as register } from '../../support/accounts';
export { createTestDatabase, type TestDatabase } from '../../support/database';
export {
  createdId,
  exitOf,
  expectNoInternals,
  killHard,
  newPetFields,
  petForm,
  sleep,
  type ActionIds,
} from '../../faults/support/harness';
