// Serves the local disk adapter's signed URLs over HTTP (wrapped by the /api/storage route
// handler). Every request must carry a valid, unexpired signature for exactly this method and key,
// and an upload never replaces an object; refusals are terse plain text that tells an attacker
// nothing about what exists.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { logUnexpected } from '@/lib/errors';
import { REQUEST_ID_HEADER } from '@/lib/request-headers';
import type { LocalDiskStorage } from './local-disk';
import { contentDisposition, isInlineSafeType } from './object-storage';

const REFUSAL_HEADERS = {
  'content-type': 'text/plain; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
};

function refuse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...REFUSAL_HEADERS, ...extra } });
}

export async function handleLocalStorageRequest(request: Request, storage: LocalDiskStorage): Promise<Response> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && method !== 'PUT') {
    return refuse(405, 'Method Not Allowed', { allow: 'GET, HEAD, PUT' });
  }
  const url = new URL(request.url);
  const key = storage.keyFromPathname(url.pathname);
  // HEAD is a GET without the body: the same grant allows both.
  const grant = key ? storage.verify(method === 'PUT' ? 'PUT' : 'GET', key, url.searchParams) : null;
  if (!grant) return refuse(403, 'Forbidden');

  try {
    if (grant.method === 'PUT') {
      const contentType = request.headers.get('content-type')?.trim().toLowerCase();
      if (contentType !== grant.contentType) return refuse(403, 'Forbidden');
      // Refuse a body announced too large before reading a byte of it.
      const declared = request.headers.get('content-length');
      if (declared !== null && /^\d+$/.test(declared) && Number(declared) > grant.size) {
        return refuse(413, 'Payload Too Large');
      }
      if (!request.body) return refuse(400, 'Bad Request');
      // A replay of a URL that stored its object is refused before a byte of it is read; two at
      // once both arrive, and the exclusive receive keeps the first.
      if (await storage.head(grant.key)) return refuse(409, 'Conflict');
      const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
      const result = await storage.receive(grant.key, body, {
        contentType: grant.contentType,
        size: grant.size,
        exclusive: true,
      });
      switch (result) {
        case 'stored':
          // 200 with an empty body, as S3 answers a PUT: the uploader checks `ok` for both adapters.
          return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
        case 'exists':
          return refuse(409, 'Conflict');
        case 'too-large':
          return refuse(413, 'Payload Too Large');
        case 'too-small':
        case 'aborted':
          return refuse(400, 'Bad Request');
      }
    }

    const opened = await storage.open(grant.key);
    if (!opened) return refuse(404, 'Not Found');
    const remaining = Math.max(0, grant.expiresAt - Math.floor(Date.now() / 1000));
    const headers = {
      'content-type': opened.contentType,
      'content-length': String(opened.size),
      'last-modified': opened.lastModified.toUTCString(),
      'x-content-type-options': 'nosniff',
      // Only known raster image types are shown inline; anything else is a download, so nothing a
      // user uploaded can run as a page on the app's origin. The CSP is the second lock on that door.
      'content-disposition': contentDisposition(isInlineSafeType(opened.contentType), grant.filename),
      'content-security-policy': "default-src 'none'; sandbox",
      // The URL stops working at expiry; a cached copy must not outlive it.
      'cache-control': `private, max-age=${remaining}`,
    };
    if (method === 'HEAD') {
      opened.stream.destroy();
      return new Response(null, { status: 200, headers });
    }
    const body = Readable.toWeb(opened.stream) as unknown as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers });
  } catch (error) {
    logUnexpected(error, {
      action: `storage.${method.toLowerCase()}`,
      requestId: request.headers.get(REQUEST_ID_HEADER) ?? undefined,
    });
    return refuse(500, 'Internal Server Error');
  }
}
