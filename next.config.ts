import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its WASM from its own package folder; pino and pg are Node-only.
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'pg'],
};

export default nextConfig;
