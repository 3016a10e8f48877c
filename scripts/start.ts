// `npm start`: builds the app if there is no build or the sources are newer than it, then runs
// the production server (server.ts) — so a fresh clone needs only `npm install && npm start`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { requireNodeLine } from './runtime';
import { ALLOCATOR_ENV, hasSemiSpaceSize, SEMI_SPACE_FLAG } from './server-memory';

requireNodeLine();

const root = process.cwd();
const buildId = path.join(root, '.next', 'BUILD_ID');
const inputs = ['src', 'server.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs', 'public'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target).reduce(
    (newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))),
    stats.mtimeMs,
  );
}

function buildIsCurrent(): boolean {
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return inputs.every((input) => newestMtime(path.join(root, input)) <= builtAt);
}

// The server's memory settings (scripts/server-memory.ts): glibc reads its variables and V8 its
// heap flags only when the process starts, so without them the server runs as a child with them
// set (this parent costs ~65 MB); give them in the service's environment to save that.
const missingAllocatorEnv = Object.keys(ALLOCATOR_ENV).some((name) => process.env[name] === undefined);
if (missingAllocatorEnv || !hasSemiSpaceSize()) {
  const child = spawn(
    process.execPath,
    [...(hasSemiSpaceSize() ? [] : [SEMI_SPACE_FLAG]), ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...ALLOCATOR_ENV, ...process.env } },
  );
  // The server shuts down gracefully on these; a second one (a whole process group signalled) is harmless.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await startServer();
}

async function startServer(): Promise<void> {
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
}
