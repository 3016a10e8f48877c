// The short load run that CI does (npm test, with DATABASE_URL): the same users, mix and checks
// as `npm run test:load` (tests/load/load-run.ts), fewer users for a few seconds, on PostgreSQL
// and on the embedded default. Latencies are printed, never asserted (they depend on the machine).
import { describe, expect, it } from 'vitest';
import { formatReport, runLoad } from './load-run';

describe.each([
  { backend: 'postgres' as const, users: 12 },
  { backend: 'pglite' as const, users: 4 },
])('load on $backend: $users users at once', ({ backend, users }) => {
  it('answers every request, and the database holds exactly what each user wrote', async () => {
    const report = await runLoad({
      backend,
      users,
      seconds: 15,
      thinkMs: [20, 200],
      photoShare: 0.25,
      log: console.log,
    });
    console.log(formatReport(report));
    expect(report.errors).toEqual([]);
    expect(report.serverErrors).toEqual([]);
    expect(report.mismatches).toEqual([]);
    // The run really wrote: creates, edits (some with photos), deletes.
    expect(report.writes.created).toBeGreaterThan(users);
    expect(report.writes.updated).toBeGreaterThan(0);
    expect(report.writes.photos).toBeGreaterThan(0);
    expect(report.petsAtEnd).toBe(report.writes.created - report.writes.deleted);
  });
});
