// The cluster: three production instances (scripts/start.ts, the way `npm start` runs) with
// JOBS_IN_PROCESS=false and one job worker (`npm run worker`'s command), on one fresh PostgreSQL
// database and the real S3 server (radosgw, started once by the global setup), behind HAProxy with
// deploy/haproxy.cfg, everything on 127.0.0.1 in ports 3270-3299. Every process gets the same
// secrets and APP_URL (the balancer's URL) and TRUSTED_PROXY_HOPS=1; an instance can be killed,
// stopped and started again from another build (a rolling deploy) on the same port; more workers
// can be started and any of them killed.
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { SERVER_MEMORY_ENV } from '../../../scripts/server-memory';
import { startBalancer, type Balancer } from './haproxy';
import { childEnv } from '../../support/server';
import {
  createTestDatabase,
  exitOf,
  HttpClient,
  killHard,
  sleep,
  startServer,
  type RunningServer,
  type TestDatabase,
} from './shared';

export type S3Settings = { endpoint: string; accessKeyId: string; secretAccessKey: string; region: string };

declare module 'vitest' {
  export interface ProvidedContext {
    clusterS3: S3Settings;
  }
}

export const INSTANCE_NAMES = ['app1', 'app2', 'app3'] as const;
/** HAProxy's cookie naming the instance a browser keeps to (deploy/haproxy.cfg, ADR 0018). */
const PORT_RANGE = [3270, 3299] as const;
const taken = new Set<number>();

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A free port of this suite's range, not handed out before in this process. */
export async function rangePort(): Promise<number> {
  for (let port = PORT_RANGE[0]; port <= PORT_RANGE[1]; port++) {
    if (taken.has(port)) continue;
    if (await isFree(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${PORT_RANGE.join('-')}`);
}

export type Instance = {
  name: (typeof INSTANCE_NAMES)[number];
  port: number;
  server: RunningServer | null;
  logFile: string;
};

/** A job worker process (`npm run worker`), a process group of its own. */
export type Worker = {
  name: string;
  process: ChildProcess;
  logFile: string;
};

export type Cluster = {
  balancer: Balancer;
  origin: string;
  instances: Instance[];
  database: TestDatabase;
  workDir: string;
  /** The environment every instance shares (secrets, database, storage, APP_URL…). */
  env: Record<string, string>;
  /**
   * A client through the balancer (round-robin: each request goes to the next instance),
   * optionally from another loopback source address.
   */
  client: (localAddress?: string) => HttpClient;
  /** Milliseconds from starting all instances at once until every one answered. */
  startedInMs: number;
  start: (index: number, options?: { buildDir?: string; env?: Record<string, string> }) => Promise<void>;
  /** SIGTERM to the process group (graceful: requests in flight finish), resolved when it exited. */
  stop: (index: number) => Promise<void>;
  kill: (index: number) => Promise<void>;
  /** The job workers running (the rig starts `workers` of them; more with startWorker). */
  workers: Worker[];
  /** One more `npm run worker`, resolved once its workers have started. */
  startWorker: (env?: Record<string, string>) => Promise<Worker>;
  /** SIGKILL to a worker's process group (a crash), resolved when it is gone. */
  killWorker: (worker: Worker) => Promise<void>;
  dispose: () => Promise<void>;
};

export type ClusterOptions = {
  /** Extra environment of every instance (rate limits…). */
  env?: Record<string, string>;
  buildDir?: string;
  /** `npm run worker` processes next to the web instances (default 1, as README's deployment). */
  workers?: number;
  /** The S3 server (default: the one the global setup started). */
  s3?: S3Settings;
};

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const s3 = options.s3 ?? inject('clusterS3');
  const workDir = mkdtempSync(path.join(tmpdir(), 'pawprint-cluster-'));
  const database = await createTestDatabase('cluster');
  const lbPort = await rangePort();
  const ports = [await rangePort(), await rangePort(), await rangePort()];
  const origin = `http://localhost:${lbPort}`;
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    APP_URL: origin,
    TRUSTED_PROXY_HOPS: '1',
    // As deploy/env.example: HAProxy (a check every second, down after two) takes a stopping instance out first.
    SHUTDOWN_DRAIN_SECONDS: '3',
    JOBS_IN_PROCESS: 'false',
    STORAGE_DRIVER: 's3',
    S3_BUCKET: `pet-images-${randomBytes(4).toString('hex')}`,
    S3_REGION: s3.region,
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    LOG_LEVEL: 'info',
    RATE_LIMIT_REGISTER_PER_ADDRESS: '100000',
    RATE_LIMIT_LOGIN_PER_ADDRESS: '100000',
    ...options.env,
  };
  const instances: Instance[] = INSTANCE_NAMES.map((name, index) => ({
    name,
    port: ports[index]!,
    server: null,
    logFile: path.join(workDir, `${name}.log`),
  }));
  const workers: Worker[] = [];
  let workersStarted = 0;

  const start = async (index: number, startOptions: { buildDir?: string; env?: Record<string, string> } = {}) => {
    const instance = instances[index]!;
    instance.server = await startServer({
      cwd: startOptions.buildDir ?? options.buildDir ?? process.cwd(),
      port: instance.port,
      logFile: instance.logFile,
      env: { ...env, DATA_DIR: path.join(workDir, `${instance.name}-data`), ...startOptions.env },
      readyTimeoutMs: 180_000,
    });
  };
  const stop = async (index: number) => {
    const server = instances[index]!.server;
    if (!server) return;
    const exited = exitOf(server);
    process.kill(-server.process.pid!, 'SIGTERM');
    await exited;
    instances[index]!.server = null;
  };
  const kill = async (index: number) => {
    const server = instances[index]!.server;
    if (server) await killHard(server);
    instances[index]!.server = null;
  };

  const startWorker = async (workerEnv: Record<string, string> = {}) => {
    const name = `worker${++workersStarted}`;
    const worker = await spawnWorker(name, options.buildDir ?? process.cwd(), workDir, {
      ...env,
      DATA_DIR: path.join(workDir, `${name}-data`),
      ...workerEnv,
    });
    workers.push(worker);
    return worker;
  };
  const killWorker = async (worker: Worker) => {
    await signalGroup(worker.process, 'SIGKILL');
    workers.splice(workers.indexOf(worker), 1);
  };

  let balancer: Balancer | undefined;
  const dispose = async () => {
    await balancer?.stop();
    await Promise.all(instances.map((instance) => instance.server?.stop()));
    await Promise.all(workers.map((worker) => signalGroup(worker.process, 'SIGTERM')));
    await database.drop().catch(() => {});
    for (const port of [lbPort, ...ports]) taken.delete(port);
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    const started = Date.now();
    // All at once, on the empty database: the migrator's advisory lock lets one of them migrate.
    await Promise.all(instances.map((_, index) => start(index)));
    const startedInMs = Date.now() - started;
    balancer = await startBalancer({
      port: lbPort,
      instances: ports.map((port) => `127.0.0.1:${port}`),
      workDir,
    });
    await balancer.waitFor([...INSTANCE_NAMES], 'UP');
    await Promise.all(Array.from({ length: options.workers ?? 1 }, () => startWorker()));
    return {
      balancer,
      origin,
      instances,
      database,
      workDir,
      env,
      client: (localAddress = '127.0.0.1') => new HttpClient(lbPort, localAddress),
      startedInMs,
      start,
      stop,
      kill,
      workers,
      startWorker,
      killWorker,
      dispose,
    };
  } catch (error) {
    const logs = instances.map((instance) => `--- ${instance.name}\n${tail(instance.logFile)}`).join('\n');
    await dispose();
    throw new Error(`the cluster did not start: ${(error as Error).message}\n${logs}`, { cause: error });
  }
}

/**
 * `npm run worker` (tsx with the react-server condition, scripts/worker.ts) as its own process group,
 * resolved when it logs that its workers started (it migrates first, like an instance).
 */
async function spawnWorker(name: string, cwd: string, workDir: string, env: Record<string, string>): Promise<Worker> {
  const logFile = path.join(workDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv({ ...SERVER_MEMORY_ENV, ...env }) as NodeJS.ProcessEnv,
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const deadline = Date.now() + 120_000;
  while (!tail(logFile, 200).includes('"msg":"job workers started"')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await signalGroup(child, 'SIGKILL');
      throw new Error(`${name} did not start its workers:\n${tail(logFile)}`);
    }
    await sleep(200);
  }
  return { name, process: child, logFile };
}

/** A signal to a child's whole process group, resolved when the child has exited. */
async function signalGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    return;
  }
  await gone;
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Requests an instance logged (the server's one JSON line per request), e.g. to see where logins went. */
export function requestsLogged(instance: Instance, route: string, method = 'POST'): number {
  const text = existsSync(instance.logFile) ? readFileSync(instance.logFile, 'utf8') : '';
  return text.split('\n').filter((line) => line.includes(`"route":"${route}"`) && line.includes(`"method":"${method}"`))
    .length;
}

/** The error lines (pino level 50 and up) the instances logged, to explain a failed request. */
export function errorsLogged(cluster: Cluster): string {
  return cluster.instances
    .flatMap((instance) =>
      (existsSync(instance.logFile) ? readFileSync(instance.logFile, 'utf8') : '')
        .split('\n')
        .filter((line) => /"level":(50|60)/.test(line))
        .map((line) => `${instance.name}: ${line.slice(0, 1500)}`),
    )
    .join('\n');
}

export { sleep };
