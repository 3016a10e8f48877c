// Version N+1 for the rolling-deploy test: a copy of this checkout in .cluster-release/ whose
// Server Action modules moved to src/actions/release/ (re-exported from their old paths), so every
// action id changes — as in a release that reorganizes its actions — built with its own
// NEXT_DEPLOYMENT_ID. Rebuilt only when the sources changed (their hash is kept with the build).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();
export const RELEASE_DIR = path.join(ROOT, '.cluster-release');
export const RELEASE_DEPLOYMENT_ID = 'release-n-plus-1';
const COPIED = [
  'src',
  'public',
  'scripts',
  'server.ts',
  'next.config.ts',
  'tsconfig.json',
  'postcss.config.mjs',
  'package.json',
];

function hashOf(target: string, hash = createHash('sha256')): ReturnType<typeof createHash> {
  if (!existsSync(target)) return hash;
  if (statSync(target).isDirectory()) {
    for (const entry of readdirSync(target).sort()) hashOf(path.join(target, entry), hash.update(entry));
  } else {
    hash.update(readFileSync(target));
  }
  return hash;
}

/** What the build is made of (scripts/ is copied to start the server, but builds nothing). */
const BUILD_INPUTS = [
  'src',
  'public',
  'server.ts',
  'next.config.ts',
  'tsconfig.json',
  'postcss.config.mjs',
  'package-lock.json',
];

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const entry of BUILD_INPUTS) hashOf(path.join(ROOT, entry), hash.update(entry));
  return hash.digest('hex');
}

/** Builds N+1 unless its build is current; returns the directory to start instances from. */
export function buildNextRelease(log: (line: string) => void = () => {}): string {
  const hash = sourceHash();
  const stamp = path.join(RELEASE_DIR, 'SOURCE_HASH');
  if (
    existsSync(path.join(RELEASE_DIR, '.next', 'BUILD_ID')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === hash
  )
    return RELEASE_DIR;
  log('cluster: building release N+1 (the Server Actions moved) …');
  rmSync(RELEASE_DIR, { recursive: true, force: true });
  mkdirSync(RELEASE_DIR);
  for (const entry of COPIED)
    if (existsSync(path.join(ROOT, entry)))
      cpSync(path.join(ROOT, entry), path.join(RELEASE_DIR, entry), { recursive: true });
  const actions = path.join(RELEASE_DIR, 'src', 'actions');
  const moved = path.join(actions, 'release');
  mkdirSync(moved);
  for (const file of readdirSync(actions).filter((name) => name.endsWith('.ts'))) {
    renameSync(path.join(actions, file), path.join(moved, file));
    writeFileSync(path.join(actions, file), `export * from './release/${file.replace(/\.ts$/, '')}';\n`);
  }
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: RELEASE_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DEPLOYMENT_ID: RELEASE_DEPLOYMENT_ID,
      NODE_ENV: 'production',
    },
  });
  writeFileSync(stamp, hash);
  return RELEASE_DIR;
}

/**
 * N+1's Server Action ids by name. Its build's paths start at the checkout (Turbopack's root is the
 * folder of the lock file), e.g. `.cluster-release/src/actions/release/pets.ts`.
 */
export function releaseActionIds<Name extends string>(names: readonly Name[]): Record<Name, string> {
  const manifest = JSON.parse(
    readFileSync(path.join(RELEASE_DIR, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const ids: Partial<Record<Name, string>> = {};
  for (const [id, entry] of Object.entries(manifest.node))
    if (
      entry.filename?.includes('src/actions/release/') &&
      (names as readonly string[]).includes(entry.exportedName ?? '')
    )
      ids[entry.exportedName as Name] = id;
  for (const name of names) if (!ids[name]) throw new Error(`action ${name} is not in release N+1's manifest`);
  return ids as Record<Name, string>;
}
