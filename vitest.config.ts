// Vitest: `unit` (pure modules), `integration` (real Postgres semantics: PGlite by default,
// the PostgreSQL server when TEST_DATABASE=postgres; see tests/support/integration-setup.ts),
// `security` (the production build attacked over HTTP on PostgreSQL; see tests/security),
// `faults` (the production build while its database, storage or process fails; tests/faults),
// `load` (many users at once against the production build; see tests/load) and `cluster` (three
// instances behind HAProxy; see tests/cluster).
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname, 'src'),
  // 'server-only' throws outside Next's server bundle; tests are server code already.
  'server-only': path.resolve(import.meta.dirname, 'tests/support/empty-module.ts'),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/integration-global-setup.ts'],
          setupFiles: ['tests/support/integration-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // better-auth imports next/headers itself: inline it so the request-context mock applies.
          server: { deps: { inline: ['better-auth', /@better-auth\//] } },
        },
      },
      {
        resolve: { alias },
        test: {
          // Attacks over HTTP against the production build on PostgreSQL (tests/security): the
          // global setup builds if needed, starts the server and makes the accounts. Files run one
          // at a time: they share the server, its rate-limit counters and A's account.
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/security/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Faults (tests/faults): the production build over HTTP while its database connection,
          // its storage or its own process fails; outcomes read from the database and the disk.
          // One file at a time: each starts servers, proxies and kills processes.
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/faults/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The short load run (tests/load; the full one is `npm run test:load`): the production
          // build under many users at once, on PostgreSQL and PGlite, one backend at a time.
          name: 'load',
          include: ['tests/load/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 900_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Three production instances behind HAProxy on one PostgreSQL database and radosgw
          // (tests/cluster): sessions and limits across instances, kills, drains, a rolling deploy.
          // One file at a time: each starts its own cluster in the ports 3270-3299.
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/cluster/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
