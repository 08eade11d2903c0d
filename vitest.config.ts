import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup-env.ts'],
    // PGlite boots a WASM Postgres per test file: give it room, and keep forks for isolation.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
