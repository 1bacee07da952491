import { defineConfig } from 'vitest/config';

// One runner for every layer. Unit files pick happy-dom with a
// `// @vitest-environment happy-dom` pragma; integration and browser files
// run in node because they talk to real Redis and a real Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Browser tests share one Chromium and one built bundle; running them
    // in parallel with everything else on a 2-core box makes timings noisy.
    fileParallelism: true,
  },
});
