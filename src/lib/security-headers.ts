// Security headers. The server (server.ts) sets the static ones on every response; proxy.ts
// sets the Content-Security-Policy, whose script nonce must match what Next renders.
import { randomBytes } from 'node:crypto';

export function staticSecurityHeaders(options: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  // HSTS means something only over HTTPS; on http://localhost it would be ignored anyway.
  if (options.https) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Origins the browser talks to for photos besides the app itself: the S3-compatible endpoint. */
export function storageOrigins(config: {
  STORAGE_DRIVER: 'local' | 's3';
  S3_ENDPOINT?: string;
  S3_BUCKET: string;
  S3_REGION: string;
  S3_FORCE_PATH_STYLE: boolean;
}): string[] {
  if (config.STORAGE_DRIVER !== 's3') return [];
  if (config.S3_ENDPOINT) {
    const endpoint = new URL(config.S3_ENDPOINT);
    const virtualHost = `${endpoint.protocol}//${config.S3_BUCKET}.${endpoint.host}`;
    return config.S3_FORCE_PATH_STYLE ? [endpoint.origin] : [endpoint.origin, virtualHost];
  }
  return [
    `https://${config.S3_BUCKET}.s3.${config.S3_REGION}.amazonaws.com`,
    `https://s3.${config.S3_REGION}.amazonaws.com`,
  ];
}

/** The page policy: scripts only with this request's nonce, never eval outside development. */
export function contentSecurityPolicy(
  nonce: string,
  options: { dev: boolean; https: boolean; storageOrigins?: string[] },
): string {
  const storage = (options.storageOrigins ?? []).map((origin) => ` ${origin}`).join('');
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? ` 'unsafe-eval'` : ''}`,
    // Radix positions popovers with inline style attributes; styles cannot run code.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:${storage}`,
    `font-src 'self'`,
    `connect-src 'self'${storage}${options.dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ];
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}
