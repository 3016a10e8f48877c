// A TCP proxy for fault tests: sits between the app and a backend (PostgreSQL, an S3 server) and
// can (a) cut every connection the moment the client→server bytes contain a given fragment
// (e.g. the SQL `insert into "pets"`), once, so a failure lands deterministically in the middle
// of an action, and (b) go down (kill every connection, refuse new ones) and come back up.
import net from 'node:net';

export type TcpProxy = {
  port: number;
  /** Connections seen since the start (accepted while up). */
  readonly accepted: number;
  /** Cuts every connection once the client→server stream contains `fragment`; resolves when it fired.
   * With `stayDown`, the proxy is down from that moment (the backend died, rather than one link). */
  cutOn(fragment: string, options?: { stayDown?: boolean }): Promise<void>;
  /** Disarms a pending cutOn. */
  disarm(): void;
  down(): void;
  up(): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let isDown = false;
  let accepted = 0;
  let trigger: { fragment: Buffer; stayDown: boolean; fired: () => void } | null = null;

  const killAll = () => {
    for (const { client, upstream } of pairs) {
      // resetAndDestroy: an RST, as when a database host or a network path dies.
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    pairs.clear();
  };

  const server = net.createServer((client) => {
    if (isDown) {
      client.resetAndDestroy();
      return;
    }
    accepted++;
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    // The tail of the previous chunk, so a fragment split across two TCP chunks is still seen.
    let carry = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      if (trigger) {
        const window = Buffer.concat([carry, chunk]);
        if (window.includes(trigger.fragment)) {
          const { fired, stayDown } = trigger;
          trigger = null;
          if (stayDown) isDown = true;
          // The fragment never reaches the backend: the statement is not executed.
          killAll();
          fired();
          return;
        }
        carry = window.subarray(Math.max(0, window.length - trigger.fragment.length));
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get accepted() {
      return accepted;
    },
    cutOn(fragment, options = {}) {
      return new Promise<void>((resolve) => {
        trigger = { fragment: Buffer.from(fragment), stayDown: options.stayDown ?? false, fired: resolve };
      });
    },
    disarm() {
      trigger = null;
    },
    down() {
      isDown = true;
      killAll();
    },
    up() {
      isDown = false;
    },
    close() {
      isDown = true;
      killAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
