// The app's HTTP server (started by server.ts): Next's request handler behind a thin layer that (1) applies migrations
// before listening, (2) derives the client address from the socket (ADR 0004), (3) sets the
// static security headers, (4) logs one JSON line per request, (5) shuts down gracefully, first
// telling a load balancer (SHUTDOWN_DRAIN_SECONDS), (6) refuses a body over the form limit with a
// clear 413 page before Next reads a byte of it.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { bodyTooLargePage } from '@/lib/body-too-large';
import { clientAddress } from '@/lib/client-address';
import { envOrExit } from '@/lib/env';
import { DRAIN_LIMIT_BYTES, MAX_FORM_BODY_BYTES } from '@/lib/form-body-limit';
import { logger } from '@/lib/logger';
import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from '@/lib/request-headers';
import { staticSecurityHeaders } from '@/lib/security-headers';
import { closeDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { stopJobQueue } from '@/queue/client';

const dev = process.argv.includes('--dev');

/**
 * A body announced larger than a form may be. Uploads to storage are PUTs, with their own signed
 * limit. A body without a length is left to Next: browsers always send one, and Next itself
 * forwards a Server Action to the page that holds it as a stream without one.
 */
function isOversizedBody(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const declared = req.headers['content-length'];
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) > MAX_FORM_BODY_BYTES;
}

/**
 * Answers 413 with a page saying why. The body is read and dropped first (browsers show an answer
 * sent mid-upload as a broken connection), unless it is absurdly large: then the connection closes.
 */
function refuseOversizedBody(req: IncomingMessage, res: ServerResponse): void {
  const page = bodyTooLargePage(req.url);
  const answer = () => {
    if (res.headersSent) return;
    res.writeHead(413, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(page),
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'",
      connection: 'close',
    });
    res.end(page);
  };
  if (Number(req.headers['content-length']) > DRAIN_LIMIT_BYTES) {
    answer();
    req.destroy();
    return;
  }
  req.on('end', answer);
  req.on('error', () => res.destroy());
  req.resume();
}

/** The health check's path: while draining, answered here with 503 so the balancer takes this instance out. */
const HEALTH_PATH = '/api/health';

function answerDraining(res: ServerResponse): void {
  const body = JSON.stringify({ status: 'draining' });
  res.writeHead(503, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function main(): Promise<void> {
  const config = envOrExit();
  const log = logger();

  await runMigrations();
  log.info({ database: config.DATABASE_URL ? 'postgresql' : 'pglite' }, 'migrations applied');

  const app = next({ dev, hostname: 'localhost', port: config.PORT, turbopack: dev });
  await app.prepare();
  const handle = app.getRequestHandler();
  const securityHeaders = staticSecurityHeaders({ https: config.isHttps });
  // Set on SIGTERM while a balancer still sends requests (SHUTDOWN_DRAIN_SECONDS).
  let draining = false;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    // Never trust a client's copy of our own headers.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress({
      socketAddress: req.socket.remoteAddress,
      forwardedFor: req.headers['x-forwarded-for'],
      trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    });
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);

    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.url ?? '/').split('?')[0];
      const level = route?.startsWith('/_next/') ? 'debug' : 'info';
      log[level](
        { requestId, method: req.method, route, status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 },
        'request',
      );
    });

    if (draining) {
      // Each connection closes after its answer, so the balancer opens no request on one this
      // server is about to close (a POST sent on it would be lost: the balancer does not retry those).
      res.setHeader('connection', 'close');
      if ((req.url ?? '').split('?')[0] === HEALTH_PATH) return answerDraining(res);
    }
    if (isOversizedBody(req)) return refuseOversizedBody(req, res);

    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, requestId }, 'unhandled request error');
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
      }
      res.end('Something went wrong. Please try again.');
    });
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    draining = true;
    const drainMs = config.SHUTDOWN_DRAIN_SECONDS * 1000;
    if (drainMs > 0) log.info({ signal, drainSeconds: config.SHUTDOWN_DRAIN_SECONDS }, 'shutting down: draining');
    if (drainMs === 0) stopServing(signal);
    else setTimeout(() => stopServing(signal), drainMs);
  };
  const stopServing = (signal: string) => {
    log.info({ signal }, 'shutting down: finishing requests in flight');
    server.close(() => {
      // Jobs still running get a few seconds, then go back to the queue (retried, idempotent).
      void stopJobQueue(5_000)
        .catch((error: unknown) => log.warn({ err: error }, 'job queue did not stop cleanly'))
        .then(() => closeDb())
        .finally(() => {
          log.info('stopped');
          process.exit(0);
        });
    });
    server.closeIdleConnections();
    // Requests that never finish must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  server.listen(config.PORT, config.HOSTNAME, () => {
    log.info(
      { url: config.appUrl, port: config.PORT, dev, node: process.version },
      `ready on ${config.appUrl} (Node ${process.version})`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
