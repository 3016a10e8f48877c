// Shared pieces of the benchmark harness: statistics, the result rows, the server's own request
// timings (its JSON request log), process-group memory from /proc, and a small load driver that
// measures time to first byte under N concurrent keep-alive connections, and a wait for the
// server to finish what a load series left in flight.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { HttpClient } from '../tests/support/http';

export type Result = {
  name: string;
  unit: string;
  median: number;
  p95: number;
  /** The absolute limit, or — for a relative target — the baseline measured alongside. */
  limit: number;
  /** p95 / limit for absolute targets; the measure / the baseline for relative ones. */
  ratio: number;
  target: string;
  /** null: reported, no target. */
  met: boolean | null;
};

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export const median = (values: number[]) => quantile(values, 0.5);
export const p95 = (values: number[]) => quantile(values, 0.95);

const round = (value: number, digits = 2) =>
  Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value;

/** A measure against an absolute limit: met when p95 ≤ limit. */
export function absolute(name: string, unit: string, samples: number[], limit: number, target: string): Result {
  const p = p95(samples);
  return {
    name,
    unit,
    median: round(median(samples)),
    p95: round(p),
    limit,
    ratio: round(p / limit),
    target,
    met: p <= limit,
  };
}

/** A measure against a baseline taken in the same run: met when measure/baseline ≤ factor. */
export function relative(
  name: string,
  unit: string,
  samples: number[],
  baseline: number[],
  factor: number,
  target: string,
  by: 'median' | 'p95' = 'p95',
): Result {
  const pick = by === 'median' ? median : p95;
  const ratio = pick(samples) / pick(baseline);
  return {
    name,
    unit,
    median: round(median(samples)),
    p95: round(p95(samples)),
    limit: round(pick(baseline)),
    ratio: round(ratio),
    target,
    met: ratio <= factor,
  };
}

export function report(
  name: string,
  unit: string,
  samples: number[],
  baseline: number | null,
  target = 'reported',
): Result {
  const base = baseline ?? Number.NaN;
  return {
    name,
    unit,
    median: round(median(samples)),
    p95: round(p95(samples)),
    limit: round(base),
    ratio: round(median(samples) / base),
    target,
    met: null,
  };
}

export function printTable(results: Result[]): string {
  const header = ['measure', 'unit', 'median', 'p95', 'limit', 'ratio', 'target', 'met'];
  const rows = results.map((r) => [
    r.name,
    r.unit,
    String(r.median),
    String(r.p95),
    Number.isNaN(r.limit) ? '—' : String(r.limit),
    Number.isNaN(r.ratio) ? '—' : String(r.ratio),
    r.target,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 || column === 6 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 || column === 6 ? ` ${'-'.repeat(width)} ` : ` ${'-'.repeat(width - 1)}: `)).join('|')}|`;
  return [format(header), rule, ...rows.map(format)].join('\n');
}

/** requestId → the server's own duration (ms) from its JSON request log (server.ts, LOG_LEVEL=info). */
export function serverTimes(logFile: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"durationMs"')) continue;
    try {
      const entry = JSON.parse(line) as { requestId?: string; durationMs?: number };
      if (entry.requestId && typeof entry.durationMs === 'number') times.set(entry.requestId, entry.durationMs);
    } catch {
      /* not a log line */
    }
  }
  return times;
}

/** Resident memory (bytes) of every process in process group `pgid`, from /proc. */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command: state(0) ppid(1) pgrp(2)
      if (Number(fields[2]) !== pgid) continue;
      const pages = Number(readFileSync(`/proc/${entry}/statm`, 'utf8').split(' ')[1]);
      total += pages * 4096;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}

/** CPU time (user + system, milliseconds) every live process of group `pgid` has used so far,
 * from /proc (clock ticks of `getconf CLK_TCK`, 100 on Linux). */
export function groupCpuMs(pgid: number): number {
  const TICK_MS = 10;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command: state(0) ppid(1) pgrp(2) … utime(11) stime(12)
      if (Number(fields[2]) !== pgid) continue;
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}

/** Samples the group's RSS every `everyMs` until stopped; returns the peak. */
export function rssSampler(pgid: number, everyMs = 20): { stop: () => number } {
  let peak = groupRss(pgid);
  const timer = setInterval(() => {
    peak = Math.max(peak, groupRss(pgid));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, groupRss(pgid));
    },
  };
}

export type LoadOutcome = { ttfb: number[]; total: number[]; requests: number; errors: number; seconds: number };

/** `connections` keep-alive clients requesting `path` back to back for `seconds`: time to the
 * response's first byte (status line and headers parsed) and to its last byte, and errors. */
export async function loadTtfb(
  port: number,
  path: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LoadOutcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const outcome: LoadOutcome = { ttfb: [], total: [], requests: 0, errors: 0, seconds };
  const deadline = Date.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = process.hrtime.bigint();
      const request = http.request(
        { host: '127.0.0.1', port, path, agent, headers: { host: `localhost:${port}`, ...headers } },
        (response) => {
          const first = Number(process.hrtime.bigint() - started) / 1e6;
          response.on('data', () => {});
          response.on('end', () => {
            outcome.requests++;
            if (response.statusCode !== 200) outcome.errors++;
            outcome.ttfb.push(first);
            outcome.total.push(Number(process.hrtime.bigint() - started) / 1e6);
            resolve();
          });
          response.on('error', () => {
            outcome.errors++;
            resolve();
          });
        },
      );
      request.on('error', () => {
        outcome.errors++;
        resolve();
      });
      request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
      request.end();
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await one();
    }),
  );
  agent.destroy();
  return outcome;
}

/** CPU milliseconds per request that the server of process group `pgid` spends on `path`:
 * `requests` requests, `inFlight` at a time (keep-alive), every one answered 200 and read to its
 * end before the group's CPU time is read again, so no request is counted half done. */
export async function cpuPerRequest(
  port: number,
  pgid: number,
  path: string,
  headers: Record<string, string>,
  requests: number,
  inFlight = 4,
): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  let left = requests;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, path, agent, headers: { host: `localhost:${port}`, ...headers } },
        (response) => {
          response.on('data', () => {});
          response.on('end', () =>
            response.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${response.statusCode}`)),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end();
    });
  const before = groupCpuMs(pgid);
  try {
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (left-- > 0) await one();
      }),
    );
  } finally {
    agent.destroy();
  }
  return (groupCpuMs(pgid) - before) / requests;
}

/** Waits until the server answers a cheap page (a static file by default) at once again: nothing
 * left in its queue from a load series. */
export async function drain(port: number, idlePage = '/icon.svg'): Promise<void> {
  const deadline = Date.now() + 60_000;
  const probe = new HttpClient(port);
  while (Date.now() < deadline) {
    const response = await probe.request(idlePage);
    if (response.status === 200 && response.ms < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
