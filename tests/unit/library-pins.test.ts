// The versions of pg-boss and better-auth whose internals the app was checked against
// (docs/decisions/0021-library-internals-and-their-guards.md). An upgrade changes what is installed
// and fails here: re-run the guarding tests the record names on the new version, then move the pin.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CHECKED = { 'pg-boss': '12.38.0', 'better-auth': '1.7.25' } as const;

function installed(name: string): string {
  return JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')).version;
}

describe('library internals relied on (ADR 0021)', () => {
  it.each(['pg-boss', 'better-auth'] as const)('%s is the version the guards were checked against', (name) => {
    expect(installed(name), `${name} changed: see docs/decisions/0021`).toBe(CHECKED[name]);
  });
});
