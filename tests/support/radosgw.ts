// A real S3 server for tests: a throw-away one-node Ceph (monitor + in-memory OSD) and its S3
// gateway, radosgw, on 127.0.0.1 — so signatures, expiry, signed headers and CORS are really
// checked (ADR 0005). Everything lives in a temp dir; stop() kills every process it started.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installCommand, installNeeds, missingBinaries, RADOSGW } from '../../scripts/provision';

export type S3TestServer = {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Wall-clock milliseconds the start took. */
  startedInMs: number;
  stop(): Promise<void>;
};

export type S3TestServerUnavailable = { unavailable: string };

export type StartOptions = {
  /** Give up (and clean up) after this long. */
  timeoutMs?: number;
  /** Progress lines, e.g. console.log for the manual script. */
  log?: (line: string) => void;
};

const REGION = 'us-east-1';

export function isS3Server(value: S3TestServer | S3TestServerUnavailable): value is S3TestServer {
  return !('unavailable' in value);
}

/**
 * Starts the server, or says why it cannot: missing binaries outside CI give `{ unavailable }`
 * (the S3 suite then skips itself, loudly); in CI (CI=true) they are installed with apt-get, and
 * any failure to start throws, because CI must always run the S3 suite.
 */
export async function startS3Server(options: StartOptions = {}): Promise<S3TestServer | S3TestServerUnavailable> {
  const log = options.log ?? (() => {});
  if (missingBinaries(RADOSGW).length > 0 && process.env.CI === 'true') installNeeds([RADOSGW], log);
  const missing = missingBinaries(RADOSGW);
  if (missing.length > 0) {
    return {
      unavailable: `radosgw test server unavailable: ${missing.join(', ')} not found. Install with \`${installCommand([RADOSGW])}\` (CI installs them itself).`,
    };
  }
  return startCluster(options.timeoutMs ?? 60_000, log);
}

async function startCluster(timeoutMs: number, log: (line: string) => void): Promise<S3TestServer> {
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  const remaining = () => {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`radosgw test server did not start within ${timeoutMs / 1000} s`);
    return left;
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'pet-app-radosgw-'));
  const daemons: ChildProcess[] = [];
  const killAllNow = () => daemons.forEach((child) => killGroup(child, 'SIGKILL'));
  process.once('exit', killAllNow);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(daemons.map((child) => stopGroup(child)));
    process.removeListener('exit', killAllNow);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const [monPort, rgwPort] = await freePorts(2);
    const conf = path.join(dir, 'ceph.conf');
    const fsid = randomUUID();
    writeFileSync(conf, cephConf({ dir, fsid, monPort: monPort!, rgwPort: rgwPort! }));
    const cli = ['-c', conf];

    const step = async (label: string, action: () => Promise<unknown>) => {
      const t0 = Date.now();
      await action();
      log(`${label} (${Date.now() - t0} ms)`);
    };
    const daemon = (name: string, command: string, args: string[]) => {
      // Own process group (detached), so stop() can kill it and anything it forks in one signal.
      const out = openSync(path.join(dir, 'log', `${name}.out`), 'a');
      const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out] });
      closeSync(out);
      daemons.push(child);
      child.on('exit', (code, signal) => {
        if (!stopped) log(`${name} exited early (code ${code}, signal ${signal})`);
      });
      return child;
    };
    const assertAlive = () => {
      const dead = daemons.find((child) => child.exitCode !== null || child.signalCode !== null);
      if (dead)
        throw new Error(`${dead.spawnargs.join(' ')} exited (code ${dead.exitCode}, signal ${dead.signalCode})`);
    };

    await step('monitor created', async () => {
      await run(
        'monmaptool',
        ['--create', '--fsid', fsid, '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, path.join(dir, 'monmap')],
        {
          timeoutMs: remaining(),
        },
      );
      await run('ceph-mon', [...cli, '-i', 'a', '--mkfs', '--monmap', path.join(dir, 'monmap')], {
        timeoutMs: remaining(),
      });
    });
    daemon('mon.a', 'ceph-mon', [...cli, '-f', '-i', 'a']);

    const osdUuid = randomUUID();
    await step('monitor up, osd registered', () =>
      retry(remaining, assertAlive, () =>
        run('ceph', [...cli, '--connect-timeout', '5', 'osd', 'new', osdUuid], {
          timeoutMs: Math.min(10_000, remaining()),
        }),
      ),
    );
    await step('osd created', () =>
      run('ceph-osd', [...cli, '-i', '0', '--mkfs', '--osd-uuid', osdUuid], { timeoutMs: remaining() }),
    );
    daemon('osd.0', 'ceph-osd', [...cli, '-f', '-i', '0']);
    daemon('client.rgw', 'radosgw', [...cli, '-f', '-n', 'client.rgw']);

    const accessKeyId = `PETAPP${randomBytes(7).toString('hex').toUpperCase()}`;
    const secretAccessKey = randomBytes(30).toString('base64url');
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    // The user is created while the gateway starts: both wait for the same pools.
    await step('radosgw up, S3 user created', () =>
      Promise.all([
        run(
          'radosgw-admin',
          [
            ...cli,
            'user',
            'create',
            '--uid=pet-app-test',
            '--display-name=pet-app test',
            `--access-key=${accessKeyId}`,
            `--secret-key=${secretAccessKey}`,
          ],
          { timeoutMs: remaining() },
        ),
        retry(remaining, assertAlive, async () => {
          const response = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2_000) });
          await response.body?.cancel();
        }),
      ]),
    );
    const startedInMs = Date.now() - startedAt;
    log(`ready in ${startedInMs} ms at ${endpoint}`);
    return { endpoint, accessKeyId, secretAccessKey, region: REGION, startedInMs, stop };
  } catch (error) {
    const logs = tailLogs(dir);
    await stop();
    throw new Error(`radosgw test server failed to start: ${(error as Error).message}\n${logs}`, { cause: error });
  }
}

function cephConf({
  dir,
  fsid,
  monPort,
  rgwPort,
}: {
  dir: string;
  fsid: string;
  monPort: number;
  rgwPort: number;
}): string {
  for (const sub of ['run', 'log', 'mon.a', 'osd.0']) mkdirSync(path.join(dir, sub), { recursive: true });
  return `[global]
fsid = ${fsid}
mon host = v2:127.0.0.1:${monPort}
public addr = 127.0.0.1
# Only msgr2 on 127.0.0.1. Without crc modes the client side of the handshake never agrees with
# the monitor and radosgw hangs 300 s, then dies with "failed to fetch mon config".
ms bind msgr1 = false
ms mon client mode = crc
ms client mode = crc
ms cluster mode = crc
ms service mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
# A private, throw-away cluster: no cephx keyrings to generate.
auth cluster required = none
auth service required = none
auth client required = none
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
pid file = ${dir}/run/$name.pid
log file = ${dir}/log/$name.log
chdir = ${dir}
mon data = ${dir}/mon.$id
osd data = ${dir}/osd.$id
# Tests must not care how full the host disk is.
mon data avail warn = 2
mon data avail crit = 1
# One in-memory OSD holds every pool with a single replica.
osd objectstore = memstore
memstore device bytes = 1073741824
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:${rgwPort}
`;
}

async function retry(remaining: () => number, check: () => void, attempt: () => Promise<unknown>): Promise<void> {
  for (;;) {
    check();
    remaining();
    try {
      await attempt();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function run(command: string, args: string[], options: { timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`.trim()));
      else resolve(stdout);
    });
  });
}

function freePorts(count: number): Promise<number[]> {
  // All held open at once so the kernel hands out distinct ports.
  const servers = Array.from({ length: count }, () => createServer());
  return Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
        }),
    ),
  ).finally(() => servers.forEach((server) => server.close()));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  // The data is in memory and thrown away: no reason to wait long for a clean shutdown.
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

function tailLogs(dir: string): string {
  const names = ['mon.a', 'osd.0', 'client.rgw'];
  return names
    .flatMap((name) =>
      [`${name}.log`, `${name}.out`].map((file) => {
        const full = path.join(dir, 'log', file);
        if (!existsSync(full)) return '';
        const lines = readFileSync(full, 'utf8').trim().split('\n').slice(-15).join('\n');
        return lines ? `--- ${file} (last lines) ---\n${lines}` : '';
      }),
    )
    .filter(Boolean)
    .join('\n');
}
