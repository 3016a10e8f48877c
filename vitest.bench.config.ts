// Vitest for the benchmark harness's smoke run only (tests/bench): `npx vitest run --config
// vitest.bench.config.ts`. Kept apart from vitest.config.ts's projects, so the unit, integration
// and security stages are unchanged. It starts the production build (building first if needed)
// on a fresh PostgreSQL database, made through DATABASE_URL (tests/support/database.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bench-smoke',
    include: ['tests/bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
  },
});
