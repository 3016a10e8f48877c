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
   * With `stayDown`, the proxy is down from that moment (the backend died, rather than one link).
   * With `thenReply`, `fragment` is let through, and the cut comes when the backend's answer on
   * that connection contains `thenReply` (which never reaches the app): the work was done, its
   * acknowledgement is lost (e.g. a COMMIT that committed but whose reply never arrived). */
  cutOn(fragment: string, options?: { stayDown?: boolean; thenReply?: string }): Promise<void>;
  /** Disarms a pending cutOn. */
  disarm(): void;
  /**
   * Holds back the backend's answers on the first connection that sends `fragment`, from that
   * moment until `release()`: that one request stalls right after its statement ran, while others
   * go on (a slow network path, a descheduled process), so a race can be replayed exactly.
   */
  holdRepliesAfter(fragment: string): { seen: Promise<void>; release: () => void };
  down(): void;
  up(): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let isDown = false;
  let accepted = 0;
  let trigger: { fragment: Buffer; stayDown: boolean; thenReply: Buffer | null; fired: () => void } | null = null;
  let hold: { fragment: Buffer; seen: () => void; taken: boolean; waiting: (() => void)[] } | null = null;

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
    // The tails of the previous chunks, so a fragment split across two TCP chunks is still seen.
    let carry = Buffer.alloc(0);
    let replyCarry = Buffer.alloc(0);
    /** This connection sent the trigger's fragment; its reply is being watched. */
    let watchingReply = false;
    const fire = () => {
      const { fired, stayDown } = trigger!;
      trigger = null;
      if (stayDown) isDown = true;
      killAll();
      fired();
    };
    let held: Buffer[] | null = null;
    let holdCarry = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      if (hold && !hold.taken) {
        const window = Buffer.concat([holdCarry, chunk]);
        if (window.includes(hold.fragment)) {
          const current = hold;
          current.taken = true;
          held = [];
          current.waiting.push(() => {
            for (const part of held ?? []) client.write(part);
            held = null;
          });
          current.seen();
        } else holdCarry = window.subarray(Math.max(0, window.length - hold.fragment.length));
      }
      if (trigger && !watchingReply) {
        const window = Buffer.concat([carry, chunk]);
        if (window.includes(trigger.fragment)) {
          if (trigger.thenReply) {
            watchingReply = true;
          } else {
            // The fragment never reaches the backend: the statement is not executed.
            fire();
            return;
          }
        }
        carry = window.subarray(Math.max(0, window.length - trigger.fragment.length));
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (held) {
        held.push(chunk);
        return;
      }
      if (trigger?.thenReply && watchingReply) {
        const window = Buffer.concat([replyCarry, chunk]);
        if (window.includes(trigger.thenReply)) {
          fire();
          return;
        }
        replyCarry = window.subarray(Math.max(0, window.length - trigger.thenReply.length));
      }
      client.write(chunk);
    });
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
        trigger = {
          fragment: Buffer.from(fragment),
          stayDown: options.stayDown ?? false,
          thenReply: options.thenReply ? Buffer.from(options.thenReply) : null,
          fired: resolve,
        };
      });
    },
    disarm() {
      trigger = null;
    },
    holdRepliesAfter(fragment) {
      let seen!: () => void;
      const seenPromise = new Promise<void>((resolve) => {
        seen = resolve;
      });
      const current = { fragment: Buffer.from(fragment), seen, taken: false, waiting: [] as (() => void)[] };
      hold = current;
      return {
        seen: seenPromise,
        release: () => {
          if (hold === current) hold = null;
          for (const flush of current.waiting) flush();
        },
      };
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
