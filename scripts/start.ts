// `npm start`: builds the app if there is no build or the sources are newer than it, then runs
// the production server (server.ts) — so a fresh clone needs only `npm install && npm start`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const buildId = path.join(root, '.next', 'BUILD_ID');
const inputs = ['src', 'server.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs', 'public'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), stats.mtimeMs);
}

function buildIsCurrent(): boolean {
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return inputs.every((input) => newestMtime(path.join(root, input)) <= builtAt);
}

// next start semantics: a production build served in production mode.
(process.env as Record<string, string>).NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

if (!buildIsCurrent()) {
  console.log('Building the app (first start or sources changed)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    stdio: 'inherit',
    env: process.env,
  });
}

await import('../server');
