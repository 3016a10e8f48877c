// Security floors from the foundation issue: the installed versions (what npm ci put in
// node_modules from the lock file) must not fall below these.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FLOORS: Record<string, string> = {
  next: '16.4.5',
  react: '19.3.1',
  'react-dom': '19.3.1',
  'better-auth': '1.6.22',
};

function installedVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8'));
  return manifest.version as string;
}

function compare(a: string, b: string): number {
  const parse = (v: string) => v.split('-')[0]!.split('.').map(Number);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

describe('dependency security floors', () => {
  it.each(Object.entries(FLOORS))('%s is at least %s', (name, floor) => {
    const version = installedVersion(name);
    expect(compare(version, floor), `${name} ${version} is below ${floor}`).toBeGreaterThanOrEqual(0);
  });

  it('pins exact versions of the floored packages in package.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'));
    for (const name of Object.keys(FLOORS)) expect(manifest.dependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
