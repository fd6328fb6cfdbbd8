import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The suite is CPU-bound (synthesis, schema validation, simulation); two workers match the CI machine.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
