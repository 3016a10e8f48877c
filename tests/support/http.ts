// A raw HTTP client for driving the running app from outside (security, faults, load, bench):
// every request goes over a real socket (optionally from a chosen loopback source address, which
// is what the server's rate limiter keys on), keeps its own cookie jar, and calls Server Actions
// exactly as React's client does (`Next-Action` header + the args encoded by React's own
// `encodeReply`).
import http, { type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.node') as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

export type HttpResponse = {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  ms: number;
  /** What was sent (request line, headers, body as latin1): echoes of it are not leaks. */
  sent: string;
};

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string | undefined>;
  body?: Buffer | string;
  /** Send the body with chunked transfer encoding (no Content-Length). */
  chunked?: boolean;
  /** Skip the jar's cookies (the request carries exactly what `headers.cookie` says). */
  noJar?: boolean;
};

export type ActionOutcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'redirected'; location: string }
  | { kind: 'error'; status: number; detail: string };

export type ActionCall = { response: HttpResponse; outcome: ActionOutcome };

export class HttpClient {
  readonly jar = new Map<string, string>();

  constructor(
    readonly port: number,
    readonly localAddress = '127.0.0.1',
    readonly host = `localhost:${port}`,
  ) {}

  get origin(): string {
    return `http://${this.host}`;
  }

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** A copy of this client (same jar contents) from another source address. */
  from(localAddress: string): HttpClient {
    const copy = new HttpClient(this.port, localAddress, this.host);
    for (const [name, value] of this.jar) copy.jar.set(name, value);
    return copy;
  }

  private absorbCookies(headers: IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair, ...attributes] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, raw] = attribute.split('=').map((part) => part.trim());
        if (key?.toLowerCase() === 'max-age') return Number(raw) <= 0;
        if (key?.toLowerCase() === 'expires') return new Date(raw ?? '').getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  request(path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const method = options.method ?? 'GET';
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
    const headers: Record<string, string> = { host: this.host, 'user-agent': 'pawprint-tests' };
    if (!options.noJar && this.jar.size > 0) headers.cookie = this.cookieHeader();
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === undefined) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    if (body && !options.chunked) headers['content-length'] = String(body.length);
    if (body && options.chunked) headers['transfer-encoding'] = 'chunked';
    const sent = `${method} ${path}\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n')}\n\n${body ? body.toString('latin1') : ''}`;
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port: this.port, localAddress: this.localAddress, path, method, headers, agent: false },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const bytes = Buffer.concat(chunks);
            this.absorbCookies(response.headers);
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: bytes,
              text: bytes.toString('utf8'),
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              sent,
            });
          });
        },
      );
      let responded = false;
      request.on('response', () => {
        responded = true;
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (responded) return;
        // The server may answer (413) and close while the body is still being written: give the
        // answer a moment to arrive; without one, report the reset as status 0.
        if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
          setTimeout(() => {
            if (!responded)
              resolve({
                status: 0,
                headers: {},
                body: Buffer.alloc(0),
                text: `connection closed by the server (${error.code})`,
                ms: 0,
                sent,
              });
          }, 1_000);
          return;
        }
        reject(error);
      });
      request.setTimeout(120_000, () => request.destroy(new Error(`timeout: ${method} ${path}`)));
      if (body && options.chunked) {
        // Several chunks, so the server really sees a stream without a length.
        const size = 1024 * 1024;
        for (let offset = 0; offset < body.length; offset += size) request.write(body.subarray(offset, offset + size));
        request.end();
      } else {
        request.end(body);
      }
    });
  }

  /** Calls a Server Action by id, as React's client does (`fetch` action). */
  async action(
    actionId: string,
    args: unknown[],
    options: { path?: string; headers?: Record<string, string | undefined> } = {},
  ): Promise<ActionCall> {
    const encoded = await encodeReply(args);
    let body: Buffer;
    let contentType: string;
    if (typeof encoded === 'string') {
      body = Buffer.from(encoded);
      contentType = 'text/plain;charset=UTF-8';
    } else {
      const wire = new Response(encoded);
      contentType = wire.headers.get('content-type')!;
      body = Buffer.from(await wire.arrayBuffer());
    }
    const response = await this.request(options.path ?? '/pets', {
      method: 'POST',
      body,
      headers: {
        accept: 'text/x-component',
        origin: this.origin,
        'next-action': actionId,
        'content-type': contentType,
        ...options.headers,
      },
    });
    return { response, outcome: actionOutcome(response) };
  }

  /** A `(previousState, formData)` form action (useActionState), fields as given (repeats allowed). */
  form(
    actionId: string,
    fields: [string, string | Blob][] | Record<string, string | Blob>,
    options: { path?: string; headers?: Record<string, string | undefined> } = {},
  ): Promise<ActionCall> {
    const formData = new FormData();
    for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields)) formData.append(name, value);
    return this.action(actionId, [null, formData], options);
  }
}

// ---------------------------------------------------------------------------------------------
// The RSC (Flight) response: rows `<hex id>:<tag?><json>\n`, or `<hex id>:T<hex byte length>,<text>`.

type Row = { tag: string; json?: unknown; text?: string };

export function parseFlight(body: Buffer): Map<string, Row> {
  const rows = new Map<string, Row>();
  let index = 0;
  while (index < body.length) {
    const colon = body.indexOf(0x3a, index);
    if (colon < 0) break;
    const id = body.toString('latin1', index, colon);
    index = colon + 1;
    if (body[index] === 0x54 /* T */) {
      const comma = body.indexOf(0x2c, index);
      const length = Number.parseInt(body.toString('latin1', index + 1, comma), 16);
      rows.set(id, { tag: 'T', text: body.toString('utf8', comma + 1, comma + 1 + length) });
      index = comma + 1 + length;
      continue;
    }
    let newline = body.indexOf(0x0a, index);
    if (newline < 0) newline = body.length;
    const line = body.toString('utf8', index, newline);
    index = newline + 1;
    const match = /^([A-Z]*)([\s\S]*)$/.exec(line)!;
    let json: unknown;
    try {
      json = JSON.parse(match[2]!);
    } catch {
      json = match[2];
    }
    rows.set(id, { tag: match[1]!, json });
  }
  return rows;
}

function revive(value: unknown, rows: Map<string, Row>, depth = 0): unknown {
  if (depth > 50) return value;
  if (typeof value === 'string' && value.startsWith('$')) {
    if (value.startsWith('$$')) return value.slice(1);
    if (value === '$undefined') return undefined;
    if (value === '$NaN') return Number.NaN;
    if (value === '$Infinity') return Number.POSITIVE_INFINITY;
    if (value === '$-Infinity') return Number.NEGATIVE_INFINITY;
    if (value === '$-0') return -0;
    if (value.startsWith('$D')) return value.slice(2);
    if (value.startsWith('$n')) return BigInt(value.slice(2));
    const reference = /^\$@?([0-9a-f]+)$/.exec(value);
    if (reference) {
      const row = rows.get(reference[1]!);
      if (!row) return value;
      if (row.tag === 'T') return row.text;
      if (row.tag === 'E') return { $error: row.json };
      return revive(row.json, rows, depth + 1);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => revive(item, rows, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item, rows, depth + 1)]));
  }
  return value;
}

export function actionOutcome(response: HttpResponse): ActionOutcome {
  const redirect = response.headers['x-action-redirect'];
  if (typeof redirect === 'string') return { kind: 'redirected', location: redirect.replace(/;(push|replace)$/, '') };
  if (response.status >= 300 && response.status < 400 && typeof response.headers.location === 'string') {
    return { kind: 'redirected', location: response.headers.location };
  }
  const contentType = String(response.headers['content-type'] ?? '');
  if (!contentType.startsWith('text/x-component'))
    return { kind: 'error', status: response.status, detail: response.text.slice(0, 200) };
  const rows = parseFlight(response.body);
  const root = rows.get('0')?.json as { a?: unknown } | undefined;
  if (!root || !('a' in root)) return { kind: 'error', status: response.status, detail: response.text.slice(0, 200) };
  const value = revive(root.a, rows);
  if (value && typeof value === 'object' && '$error' in value) {
    return { kind: 'error', status: response.status, detail: JSON.stringify((value as { $error: unknown }).$error) };
  }
  if (response.status !== 200) return { kind: 'error', status: response.status, detail: JSON.stringify(value) };
  return { kind: 'returned', value };
}

export function setCookies(response: HttpResponse): string[] {
  return response.headers['set-cookie'] ?? [];
}
