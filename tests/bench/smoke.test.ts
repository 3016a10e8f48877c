// The benchmark's smoke run: the library (bench/bench.ts) at tiny sizes and a few iterations on a
// fresh PostgreSQL database, to prove the harness still works — every scenario runs and every
// measure is produced with a finite figure. Targets are not checked here (CI machines vary); the
// full bench (`npm run bench`) is what compares the figures with their limits.
import { expect, test } from 'vitest';
import { runBench, SMOKE_SIZES } from '../../bench/bench';

test('the bench at smoke sizes produces every measure', async () => {
  const results = await runBench({ sizes: SMOKE_SIZES, backend: 'postgres', only: null, buildDir: process.cwd() });
  const names = results.map((result) => result.name).join('\n');
  for (const expected of [
    /getPets .* limit 20: server time/,
    /getPets .* limit 100: vs raw pg query/,
    /\/pets TTFB vs the anchor/,
    /\/pets requests\/s vs the same-duties anchor/,
    /\/pets CPU per request vs the same-duties anchor/,
    /\/pets requests\/s vs the bare anchor/,
    /\/pets CPU per request vs the bare anchor/,
    /\/pets HTML for 20 pets/,
    /getPet: server time/,
    /createPet, no photo/,
    /updatePet, no photo/,
    /deletePet, no photo/,
    /login: server time/,
    /JPEG upload \+ finalize: wall time/,
    /server peak RSS/,
    /growth: .* last page vs first page/,
    /growth: getPets with .* rows vs/,
    /first-load JS of \/pets vs the anchor/,
    /first-load JS of \/pets\/new vs the anchor/,
    /\/pets with .* photo pets/,
    /reminder scan: .* select \+ enqueue/,
    /pet page with .* records of each kind vs none/,
  ]) {
    expect(names).toMatch(expected);
  }
  for (const result of results) {
    expect(Object.keys(result).sort()).toEqual(['limit', 'median', 'met', 'name', 'p95', 'ratio', 'target', 'unit']);
    expect(Number.isFinite(result.median) && result.median >= 0, result.name).toBe(true);
    expect(Number.isFinite(result.p95) && result.p95 >= 0, result.name).toBe(true);
    expect([true, false, null]).toContain(result.met);
  }
}, 600_000);
