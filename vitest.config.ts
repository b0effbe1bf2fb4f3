import { defineConfig } from 'vitest/config'

/** `FC_RUNS_SCALE=50 npm test` soaks the fast-check properties; their time budget grows with them. */
const scale = Math.max(1, Number(process.env['FC_RUNS_SCALE']) || 1)

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000 * scale,
    setupFiles: ['test/setup/fastCheck.ts'],
    // A throwaway PostgreSQL cluster for test/postgres/ (skipped, with the reason, where none can start).
    globalSetup: ['test/setup/postgres.ts'],
  },
})
