import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const { imports } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { imports: Record<string, { source: string }> };

// Tests run the sources: package.json `imports` (#functions/*) point at their `source`
// targets, the TypeScript files, instead of the build's api/_bundle. An alias rather than
// resolve.conditions: vitest hands conditions on to Node, and the functions of .vercel/output
// (imported natively, as on Vercel) must resolve the same names to their bundles.
const sourceAliases = Object.entries(imports).map(([name, target]) => ({
  find: new RegExp(`^${name.replace('*', '(.+)')}$`),
  replacement: root + target.source.replace(/^\.\//, '').replace('*', '$1'),
}));

// One runner for every layer. Unit files pick happy-dom with a
// `// @vitest-environment happy-dom` pragma; integration and browser files
// run in node because they talk to real Redis and a real Chromium.
export default defineConfig({
  resolve: { alias: sourceAliases },
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
