// HAProxy from Debian, run with deploy/haproxy.cfg exactly as shipped (its "${VAR}"s come from the
// environment), in the foreground as a process group of its own; the admin socket tells which
// instances it considers up and lets the tests take one out of rotation.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { sleep } from './shared';

export const HAPROXY_BINARY = '/usr/sbin/haproxy';
export const DEPLOY_DIR = path.join(process.cwd(), 'deploy');

export type Balancer = {
  port: number;
  /** `show stat` of the app backend: server name → status (UP, DOWN, MAINT, "UP 1/2"…). */
  statuses: () => Promise<Record<string, string>>;
  /** Waits until every named server has exactly the status ("UP 1/2" is a server still being checked). */
  waitFor: (servers: string[], status: 'UP' | 'DOWN', timeoutMs?: number) => Promise<void>;
  /** Takes a server out of rotation (maint) or puts it back (ready), as an operator would. */
  setState: (server: string, state: 'maint' | 'ready') => Promise<void>;
  stop: () => Promise<void>;
};

function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const connection = connect(socket);
    let output = '';
    connection.on('data', (chunk) => (output += chunk.toString()));
    connection.on('end', () => resolve(output));
    connection.on('error', reject);
    connection.end(`${command}\n`);
  });
}

export async function startBalancer(options: {
  port: number;
  instances: string[];
  workDir: string;
}): Promise<Balancer> {
  const socket = path.join(options.workDir, 'haproxy.sock');
  const log = createWriteStream(path.join(options.workDir, 'haproxy.log'));
  const child = spawn(HAPROXY_BINARY, ['-db', '-f', path.join(DEPLOY_DIR, 'haproxy.cfg')], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LB_BIND: `127.0.0.1:${options.port}`,
      LB_STATS_SOCKET: socket,
      LB_ERRORFILES: path.join(DEPLOY_DIR, 'haproxy-errors'),
      ...Object.fromEntries(options.instances.map((address, index) => [`APP${index + 1}`, address])),
    },
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);

  const statuses = async () => {
    const csv = await adminCommand(socket, 'show stat');
    const [header, ...rows] = csv.trim().split('\n');
    const columns = header!.replace(/^# /, '').split(',');
    const status = columns.indexOf('status');
    const result: Record<string, string> = {};
    for (const row of rows) {
      const cells = row.split(',');
      if (cells[0] === 'app' && cells[1] !== 'BACKEND' && cells[1] !== 'FRONTEND') result[cells[1]!] = cells[status]!;
    }
    return result;
  };
  const waitFor = async (servers: string[], wanted: 'UP' | 'DOWN', timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = await statuses().catch(() => ({}) as Record<string, string>);
      if (servers.every((server) => seen[server] === wanted)) return;
      if (Date.now() > deadline)
        throw new Error(`HAProxy did not see ${servers.join(', ')} ${wanted}: ${JSON.stringify(seen)}`);
      await sleep(200);
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await gone;
    log.end();
  };

  const deadline = Date.now() + 10_000;
  while (!(await statuses().catch(() => null))) {
    if (child.exitCode !== null)
      throw new Error(`haproxy exited (${child.exitCode}); see ${options.workDir}/haproxy.log`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error('haproxy did not open its admin socket');
    }
    await sleep(100);
  }
  const setState = async (server: string, state: 'maint' | 'ready') => {
    await adminCommand(socket, `set server app/${server} state ${state}`);
  };
  return { port: options.port, statuses, waitFor, setState, stop };
}
