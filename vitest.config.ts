import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// One runner for every layer. Unit files pick happy-dom with a
// `// @vitest-environment happy-dom` pragma; integration and browser files
// run in node because they talk to real Redis and a real Chromium.
export default defineConfig({
  // Tests run the sources: package.json `imports` (#runtime, #handlers/*) resolve
  // to the TypeScript files under the `source` condition, not to api/_bundle.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Browser tests share one Chromium and one built bundle; running them
    // in parallel with everything else on a 2-core box makes timings noisy.
    fileParallelism: true,
    // The functions of .vercel/output run as Node runs them on Vercel (its own
    // module resolution, default conditions → their bundles), not through vite.
    server: { deps: { external: [/\/\.vercel\/output\//] } },
  },
});
