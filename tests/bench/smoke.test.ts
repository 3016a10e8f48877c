// The benchmark harness's smoke run (`npm run bench -- --smoke`): tiny sizes and a few
// iterations on a fresh PostgreSQL database, to prove the harness still works — every measure
// is produced with a finite figure. Targets are not checked here (CI machines vary); the full
// bench (`npm run bench`) is what compares the figures with their limits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

type Result = {
  name: string;
  unit: string;
  median: number;
  p95: number;
  limit: number;
  ratio: number;
  target: string;
  met: boolean | null;
};

test('npm run bench -- --smoke produces every measure', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pawprint-bench-smoke-'));
  const out = path.join(dir, 'results.json');
  try {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as Result[];
    const names = results.map((result) => result.name).join('\n');
    for (const expected of [
      /getPets .* limit 20: server time/,
      /getPets .* limit 100: vs raw pg query/,
      /\/pets TTFB vs the anchor/,
      /\/pets requests\/s vs the anchor/,
      /\/pets HTML for 20 pets \(uncompressed\)/,
      /\/pets HTML for 20 pets with photos/,
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
    ]) {
      expect(names).toMatch(expected);
    }
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual(['limit', 'median', 'met', 'name', 'p95', 'ratio', 'target', 'unit']);
      expect(Number.isFinite(result.median) && result.median >= 0, result.name).toBe(true);
      expect(Number.isFinite(result.p95) && result.p95 >= 0, result.name).toBe(true);
      expect([true, false, null]).toContain(result.met);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
