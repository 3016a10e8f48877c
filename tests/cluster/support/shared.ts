// The pieces the cluster suite borrows from the other suites' support code, imported in this one
// place: the production-server launcher, the raw HTTP client, and the fault suite's helpers.
export { startServer, type RunningServer } from '../../security/support/server';
export { HttpClient, type ActionCall, type HttpResponse } from '../../security/support/http';
export {
  createDatabase,
  createdId,
  exitOf,
  expectNoInternals,
  killHard,
  newPetFields,
  petForm,
  register,
  sleep,
  type ActionIds,
  type TestDatabase,
} from '../../faults/support/harness';
export { actionIdsOf } from '../../support/app-instance';
