import { defineConfig } from 'vitest/config';

// The app repo's own test configuration. Without one, vitest takes the nearest config up the
// folder tree: inside a checkout of cdk8s-netpol, the library's own (two folders up).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'] },
});
