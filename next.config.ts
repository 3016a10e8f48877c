import type { NextConfig } from 'next';
import { MAX_FORM_BODY_BYTES } from './src/lib/form-body-limit';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its WASM from its own package folder; pino, pg and sharp are Node-only.
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'pg', 'sharp'],
  experimental: {
    // Without JavaScript a photo travels inside the form: 20 MB plus the other fields. The proxy
    // (src/proxy.ts) buffers a copy of every body it sees and passes on only this much (10 MB by
    // default: larger forms arrived cut off and failed), so both take the same limit.
    serverActions: { bodySizeLimit: MAX_FORM_BODY_BYTES },
    proxyClientMaxBodySize: MAX_FORM_BODY_BYTES,
  },
  // Types are checked by `npm run typecheck` (lint, typecheck and tests run in CI before any
  // build); repeating it here would double a newcomer's first `npm start`.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
