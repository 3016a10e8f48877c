// What a bench scenario works with: the run's options (sizes, backend, build), the context the
// runner prepares once (the seeded shared instance, its action ids, the bench account, a pool for
// more instances), and the Scenario contract itself (bench/bench.ts lists them). Nothing here holds
// state of its own: everything a run makes lives in the objects it creates.
import { loadavg } from 'node:os';
import type { Backend } from '../tests/support/app-instance';
import type { Account, ActionIds, Instance, InstancePool } from './instances';
import type { Result } from './lib';

export type Sizes = {
  /** Pets of other users in the shared database, and how many users own them. */
  others: number;
  otherUsers: number;
  /** Pets of the bench account (each with a photo on PostgreSQL). */
  mine: number;
  iterations: number;
  warmup: number;
  /** One load series: seconds, series per URL, connections. */
  loadSeconds: number;
  rounds: number;
  connections: number;
  /** Requests per sample of CPU per request (the page scenario, one sample a round). */
  cpuRequests: number;
  /** Calls of each pet action in the crud scenario. */
  crud: number;
  uploadBytes: number;
  uploads: number;
  concurrentUploads: number;
  /** Pets of the small and the large user (growth per user). */
  growthSmall: number;
  growthLarge: number;
  /** Rows in the small and the large table (growth of the table). */
  tableSmall: number;
  tableLarge: number;
  /** The reminder scan: accounts with reminders on, their care records, digests due in the hour. */
  reminderAccounts: number;
  reminderRecords: number;
  reminderDue: number;
};

/** `npm run bench`: ~10 min on 2 cores. */
export const FULL_SIZES: Readonly<Sizes> = Object.freeze({
  others: 100_000,
  otherUsers: 1_000,
  mine: 100,
  iterations: 200,
  warmup: 20,
  loadSeconds: 10,
  rounds: 2,
  connections: 50,
  cpuRequests: 300,
  crud: 100,
  uploadBytes: 20 * 1024 * 1024,
  uploads: 3,
  concurrentUploads: 10,
  growthSmall: 100,
  growthLarge: 10_000,
  tableSmall: 1_000,
  tableLarge: 1_000_000,
  reminderAccounts: 100_000,
  reminderRecords: 1_000_000,
  reminderDue: 10_000,
});

/** `npm run bench -- --smoke`: tiny sizes and a few iterations, to prove the harness works (CI). */
export const SMOKE_SIZES: Readonly<Sizes> = Object.freeze({
  others: 1_000,
  otherUsers: 20,
  mine: 20,
  iterations: 8,
  warmup: 2,
  loadSeconds: 2,
  rounds: 1,
  connections: 10,
  cpuRequests: 20,
  crud: 4,
  uploadBytes: 2 * 1024 * 1024,
  uploads: 1,
  concurrentUploads: 2,
  growthSmall: 100,
  growthLarge: 500,
  tableSmall: 1_000,
  tableLarge: 5_000,
  reminderAccounts: 1_000,
  reminderRecords: 10_000,
  reminderDue: 100,
});

export type BenchOptions = {
  sizes: Readonly<Sizes>;
  /** The database the app instances run on: a fresh PostgreSQL database each, or PGlite. */
  backend: Backend;
  /** Run only the scenarios with these keys; null: all of them. */
  only: ReadonlySet<string> | null;
  /** The checkout whose production build is served (built first when missing or stale). */
  buildDir: string;
};

export type BenchContext = {
  /** The shared instance, seeded: `sizes.others` pets of other users, `sizes.mine` of `me`. */
  main: Instance;
  ids: ActionIds;
  /** The bench account on `main` (its client holds the session). */
  me: Account;
  /** One of `me`'s pets. */
  firstPetId: string;
  /** Starts more instances; whatever is still running when the run ends is stopped then. */
  instances: InstancePool;
};

/** One group of measures. See bench/bench.ts for how scenarios are run and added. */
export type Scenario = {
  /** The name `--only` selects it by (several scenarios may share one). */
  key: string;
  /** What the log says when it starts; a scenario that throws becomes the row `<title>: failed (…)`. */
  title: string;
  /** False when it needs SQL access to the database (seeding, a raw query): skipped on PGlite. */
  onPglite: boolean;
  run: (context: BenchContext, options: BenchOptions) => Promise<Result[]>;
};

export function log(message: string): void {
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(`bench: ${message} (load ${load})`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
