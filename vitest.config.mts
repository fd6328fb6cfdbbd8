import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Bundles the report page's script from the sources (netpol report inlines it).
    globalSetup: ['test/global-setup.ts'],
    // The suite is CPU-bound (synthesis, schema validation, simulation); two workers match the CI machine.
    maxWorkers: 2,
    // Test files share each worker's module cache: importing cdk8s, the schemas and the library once
    // per worker instead of once per file takes the suite from ~37 s to ~8 s. Tests keep no global
    // state (the one that sets CDK8S_OUTDIR restores it).
    isolate: false,
    testTimeout: 30_000,
  },
});
