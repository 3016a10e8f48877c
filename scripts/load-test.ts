// `npm run test:load`: the load run against the production build (tests/load/load-run.ts)
// — 50 users for 60 s on PostgreSQL, then 10 users for 60 s on the embedded default (PGlite) —
// printing each run's latencies per action (p50/p95/p99) and the correctness checks. Exits 1 when
// any request failed, the server logged an error, or the database differs from what the clients
// believe they wrote, or (the full PostgreSQL run) a latency target is missed.
//   --users N --seconds S          the PostgreSQL run (default 50, 60)
//   --pglite-users N               the PGlite run (default 10; same seconds)
//   --only postgres|pglite         one of the two
//   --think MIN,MAX                pause between one user's steps in ms (default 500,2500)
//   --baseline S                   first, one user alone for S seconds (default 20; 0: none), so
//                                  the table shows each action's p95 under load against it
// PostgreSQL: DATABASE_URL (an admin connection; default postgres://postgres@127.0.0.1:5432/postgres).
import { loadavg } from 'node:os';
import { formatReport, runLoad, targetMisses, type LoadReport } from '../tests/load/load-run';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1]! : fallback;
};
const seconds = Number(option('seconds', '60'));
const only = option('only', '');
const baselineSeconds = Number(option('baseline', '20'));
const [thinkMin, thinkMax] = option('think', '500,2500').split(',').map(Number) as [number, number];
const log = (message: string) =>
  console.log(
    `load: ${message} (load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')})`,
  );

const runs = [
  { backend: 'postgres' as const, users: Number(option('users', '50')) },
  { backend: 'pglite' as const, users: Number(option('pglite-users', '10')) },
].filter((run) => !only || run.backend === only);

let failed = false;
for (const run of runs) {
  const report: LoadReport = await runLoad({
    ...run,
    seconds,
    thinkMs: [thinkMin, thinkMax],
    photoShare: 0.25,
    baselineSeconds,
    log,
  });
  console.log(`\n${formatReport(report)}\n`);
  if (report.errors.length + report.serverErrors.length + report.mismatches.length > 0) failed = true;
  // The latency targets hold for the full PostgreSQL run (50 users).
  if (run.backend === 'postgres' && run.users >= 50) {
    const misses = targetMisses(report);
    console.log(
      misses.length
        ? `targets MISSED:\n  ${misses.join('\n  ')}`
        : 'targets met (p95: photo saves ≤ 3 s, other actions ≤ 1 s, photo ready ≤ 10 s)',
    );
    if (misses.length) failed = true;
  }
}
console.log(
  failed ? 'load: FAILED (see above)' : 'load: every write is in the database as the clients made it; no server errors',
);
process.exit(failed ? 1 : 0);
