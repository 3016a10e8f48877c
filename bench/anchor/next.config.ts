// The anchor's Next.js configuration: as close to the defaults as a bare app gets. The repository
// root is the project root (its node_modules hold the same next/react the app is built with).
import path from 'node:path';
import type { NextConfig } from 'next';

const root = path.resolve(import.meta.dirname, '..', '..');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
  // Turbopack looks for proxy and instrumentation files under the root's src/ as well, and would
  // bundle the app's (.ts): the anchor's pages are .tsx only.
  pageExtensions: ['tsx'],
  // The root's `npm run typecheck` checks these files with the app's.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
