// The benchmark as a library: `runBench(options)` starts the production build on a database of its
// own, seeds it, runs the scenarios and returns their result rows; `bench/run.ts` is its command
// line (`npm run bench`), tests/bench/smoke.test.ts calls it at tiny sizes. Importing it reads no
// flags and starts nothing: every run gets its options explicitly and owns what it starts.
//
// Scenarios. Each is one group of measures (bench/context.ts, `Scenario`):
//   { key, title, onPglite, run: async (context, options) => Result[] }
// `context` is what the runner prepared once: `main` (the build on a fresh database, seeded with
// `sizes.others` pets of other users and `sizes.mine` pets of `me`, with photos on PostgreSQL),
// `ids` (the build's action ids), `me` (the bench account; its client holds the session),
// `firstPetId`, and `instances` (to start more servers; stopped when the run ends). `options` holds
// the sizes, the backend and the build. A scenario returns its rows (bench/lib.ts: `absolute`,
// `relative`, `report`); one that throws becomes a row `<title>: failed (…)` and the run goes on.
// They run one after another in the order of SCENARIOS; `--only <key,…>` picks some. To add one:
// a file in bench/scenarios/ exporting a Scenario, and one entry in SCENARIOS below.
import { expectRedirect, petForm } from './calls';
import { log, type BenchContext, type BenchOptions, type Scenario } from './context';
import { actionIds, instancePool, register, type Account, type ActionIds, type Instance } from './instances';
import type { Result } from './lib';
import { thumbnails } from './photos';
import { anchorScenario } from './scenarios/anchor';
import { crudScenario } from './scenarios/crud';
import { getPetsScenario } from './scenarios/getpets';
import { growthPerTableScenario, growthPerUserScenario } from './scenarios/growth';
import { remindersScenario } from './scenarios/reminders';
import { petPageScenario } from './scenarios/pet-page';
import { uploadScenario } from './scenarios/upload';
import { weightScenario } from './scenarios/weight';
import { seedMine, seedOthers } from './seed';

export { FULL_SIZES, SMOKE_SIZES, type BenchContext, type BenchOptions, type Scenario, type Sizes } from './context';
export type { Result } from './lib';

export const SCENARIOS: readonly Scenario[] = [
  getPetsScenario,
  crudScenario,
  weightScenario,
  anchorScenario,
  uploadScenario,
  growthPerUserScenario,
  growthPerTableScenario,
  remindersScenario,
  petPageScenario,
];

/** The scenarios a run with these options runs, in order. */
export function selectedScenarios(options: Pick<BenchOptions, 'backend' | 'only'>): Scenario[] {
  return SCENARIOS.filter(
    (scenario) =>
      (!options.only || options.only.has(scenario.key)) && (options.backend === 'postgres' || scenario.onPglite),
  );
}

/** The shared instance's data: other users' pets and `me`'s (SQL on PostgreSQL; createPet on PGlite). */
async function seedMain(main: Instance, ids: ActionIds, me: Account, options: BenchOptions): Promise<void> {
  const { sizes } = options;
  if (options.backend === 'postgres') {
    log(`seeding ${sizes.others} pets of ${sizes.otherUsers} other users, and ${sizes.mine} photo pets of mine`);
    await seedOthers(main, sizes.otherUsers, sizes.others);
    await seedMine(main, me.userId, sizes.mine, await thumbnails(10));
    return;
  }
  // PGlite is locked by the server: seed through the create action instead.
  log(`seeding ${sizes.mine} pets of mine through createPet (PGlite)`);
  for (let index = 0; index < sizes.mine; index++)
    expectRedirect(
      await me.client.action(ids.createPet, [null, petForm({ name: `Mine ${index}` })], { path: '/pets/new' }),
      'seed createPet',
    );
}

/** Runs one scenario; a failure is a failed row, not the end of the run. */
async function runScenario(scenario: Scenario, context: BenchContext, options: BenchOptions): Promise<Result[]> {
  log(scenario.title);
  try {
    return await scenario.run(context, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${scenario.title} FAILED: ${message}`);
    return [
      {
        name: `${scenario.title}: failed (${message.slice(0, 120)})`,
        unit: '—',
        median: Number.NaN,
        p95: Number.NaN,
        limit: Number.NaN,
        ratio: Number.NaN,
        target: 'completes',
        met: false,
      },
    ];
  }
}

/** One run: the shared instance, then the selected scenarios in order; every instance it started is stopped at the end. */
export async function runBench(options: BenchOptions): Promise<Result[]> {
  const instances = instancePool(options.backend, options.buildDir);
  try {
    const main = await instances.start('main');
    const ids = actionIds(options.buildDir);
    const me = await register(main, ids, 'me');
    await seedMain(main, ids, me, options);
    const list = await me.client.action(ids.getPets, [{ limit: 1 }], { path: '/pets' });
    const firstPetId =
      (list.outcome.kind === 'returned' ? (list.outcome.value as { pets: { id: string }[] }).pets[0]?.id : undefined) ??
      '';
    const context: BenchContext = { main, ids, me, firstPetId, instances };
    const results: Result[] = [];
    for (const scenario of selectedScenarios(options)) results.push(...(await runScenario(scenario, context, options)));
    return results;
  } finally {
    await instances.stopAll();
  }
}
