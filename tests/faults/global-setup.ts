// Once per faults run: the production build made current before any test starts it.
import { ensureProductionBuild } from '../support/production-build';
import { freePort } from '../support/server';

export default async function setup(): Promise<void> {
  await ensureProductionBuild('faults', await freePort());
}
