import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its WASM from its own package folder; pino and pg are Node-only.
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'pg'],
  // Types are checked by `npm run typecheck` (lint, typecheck and tests run in CI before any
  // build); repeating it here would double a newcomer's first `npm start`.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
