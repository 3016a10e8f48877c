// The system packages the suites need (Debian's Chromium, Ceph's radosgw, HAProxy), provisioned one way for
// `npm test` and CI: as root, missing ones are installed with apt-get; otherwise the run stops at
// once with the one command to run, rather than failing a stage twenty minutes in.
// CLI (used by .ci/run): `tsx scripts/provision.ts chromium radosgw haproxy`.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type SystemNeed = {
  /** Who needs it, for the messages. */
  purpose: string;
  /** Executables that must be there: absolute paths, or names looked up on PATH and in /usr/bin, /usr/sbin. */
  binaries: readonly string[];
  packages: readonly string[];
  /** Debian's recommended packages too (Chromium's fonts); Ceph's would pull in half a cluster. */
  withRecommends: boolean;
};

/** The browser of the end-to-end suite (playwright.config.ts points at /usr/bin/chromium). */
export const CHROMIUM: SystemNeed = {
  purpose: 'the end-to-end suite',
  binaries: ['/usr/bin/chromium'],
  packages: ['chromium'],
  withRecommends: true,
};

/** The one-node Ceph of the S3 suites (tests/support/radosgw.ts, ADR 0005). */
export const RADOSGW: SystemNeed = {
  purpose: 'the S3 storage suites',
  binaries: ['monmaptool', 'ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph'],
  packages: ['ceph-mon', 'ceph-osd', 'radosgw'],
  withRecommends: false,
};

/** The load balancer of the cluster suite (tests/cluster, deploy/haproxy.cfg). */
export const HAPROXY: SystemNeed = {
  purpose: 'the cluster suite',
  binaries: ['/usr/sbin/haproxy'],
  packages: ['haproxy'],
  withRecommends: false,
};

const NEEDS_BY_NAME: Record<string, SystemNeed> = { chromium: CHROMIUM, radosgw: RADOSGW, haproxy: HAPROXY };

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isInstalled(binary: string): boolean {
  if (path.isAbsolute(binary)) return isExecutable(binary);
  const dirs = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin']);
  return dirs.some((dir) => dir !== '' && isExecutable(path.join(dir, binary)));
}

export function missingBinaries(need: SystemNeed): string[] {
  return need.binaries.filter((binary) => !isInstalled(binary));
}

export function missingNeeds(needs: readonly SystemNeed[]): SystemNeed[] {
  return needs.filter((need) => missingBinaries(need).length > 0);
}

function installArgs(need: SystemNeed): string[] {
  return ['install', '-y', ...(need.withRecommends ? [] : ['--no-install-recommends']), ...need.packages];
}

/** The command a person runs to install `needs` (one line). */
export function installCommand(needs: readonly SystemNeed[]): string {
  return needs.map((need) => `sudo apt-get ${installArgs(need).join(' ')}`).join(' && ');
}

/**
 * Installs `needs` with apt-get (root only); throws when not root, when apt-get fails, or when a
 * binary is still missing afterwards.
 */
export function installNeeds(needs: readonly SystemNeed[], log: (line: string) => void = () => {}): void {
  if (needs.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`not root: cannot install; run ${installCommand(needs)}`);
  // apt's progress is noise here; its errors are not.
  const quiet: ExecFileSyncOptions = {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'ignore', 'inherit'],
  };
  log(`installing with apt-get: ${needs.flatMap((need) => need.packages).join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], quiet);
  for (const need of needs) execFileSync('apt-get', [...installArgs(need), '-qq'], quiet);
  const still = needs.flatMap(missingBinaries);
  if (still.length > 0) throw new Error(`still missing after apt-get install: ${still.join(', ')}`);
}

function describe(needs: readonly SystemNeed[]): string {
  return needs.map((need) => `${need.packages.join(', ')} (for ${need.purpose})`).join('; ');
}

export type ProvisioningPlan =
  { action: 'none' } | { action: 'install'; needs: SystemNeed[] } | { action: 'stop'; message: string };

/** What `provision` will do: nothing, install what is missing (root), or stop with one line. */
export function provisioningPlan(needs: readonly SystemNeed[], isRoot = process.getuid?.() === 0): ProvisioningPlan {
  const missing = missingNeeds(needs);
  if (missing.length === 0) return { action: 'none' };
  if (isRoot) return { action: 'install', needs: missing };
  return { action: 'stop', message: `Missing ${describe(missing)}. Install with: ${installCommand(missing)}` };
}

/**
 * Makes sure `needs` are installed before anything else runs: nothing to do when they are; as
 * root, apt-get installs them; otherwise (or when the install fails) the process exits 1 after
 * one line naming what is missing and the command that fixes it.
 */
export function provision(needs: readonly SystemNeed[]): void {
  const plan = provisioningPlan(needs);
  if (plan.action === 'none') return;
  if (plan.action === 'stop') {
    console.error(plan.message);
    process.exit(1);
  }
  try {
    installNeeds(plan.needs, (line) => console.log(line));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`Could not install ${describe(plan.needs)} (${reason}). Install with: ${installCommand(plan.needs)}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const names = process.argv.slice(2);
  const needs = names.map((name) => NEEDS_BY_NAME[name]).filter((need) => need !== undefined);
  if (names.length === 0 || needs.length !== names.length) {
    console.error(`usage: tsx scripts/provision.ts ${Object.keys(NEEDS_BY_NAME).join('|')}…`);
    process.exit(2);
  }
  provision(needs);
}
