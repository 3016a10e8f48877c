// A TCP relay in front of MailDev that can hold a delivery in progress: while `hold` is on, what a
// new client sends (its EHLO onwards) waits in the relay, so the sending job stays running with the
// message not yet accepted; released, later connections pass straight through. Each connection
// records the process group that opened it (found through /proc from the client's port).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type HeldConnection = {
  clientPort: number;
  /** The process group of the process that connected (the worker or instance sending). */
  owner: number | null;
  held: boolean;
  closed: boolean;
};

export type HeldSmtp = {
  port: number;
  connections: HeldConnection[];
  /** New connections are held (true) or passed through (false). */
  setHold: (hold: boolean) => void;
  stop: () => Promise<void>;
};

export async function startHeldSmtp(options: { port: number; upstreamPort: number }): Promise<HeldSmtp> {
  let hold = false;
  const connections: HeldConnection[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const clientPort = client.remotePort ?? 0;
    const record: HeldConnection = { clientPort, owner: processGroupOfPort(clientPort), held: hold, closed: false };
    connections.push(record);
    const upstream = createConnection({ host: '127.0.0.1', port: options.upstreamPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        record.closed = true;
        client.destroy();
        upstream.destroy();
      });
    }
    // The server's greeting reaches the client at once (nodemailer's greeting timeout is short);
    // the client's commands reach the server only when the connection is not held.
    upstream.pipe(client);
    if (!record.held) client.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    port: options.port,
    connections,
    setHold: (value) => {
      hold = value;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The process group (setsid) of the process whose TCP socket has local port `port` on 127.0.0.1. */
export function processGroupOfPort(port: number): number | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inode = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .find((cells) => cells[1]?.endsWith(`:${hexPort}`))?.[9];
  if (!inode) return null;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target === `socket:[${inode}]`) {
        // /proc/PID/stat: "pid (comm) state ppid pgrp …" — comm may hold spaces, so split after ")".
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      }
    }
  }
  return null;
}
