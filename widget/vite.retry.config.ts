import { defineConfig, mergeConfig } from 'vite';
import { widgetBundle } from './vite.config.js';

/**
 * The retry chunk `wr.js`, an ES module next to w.js (STYLE.md "Split by load boundary"): loaded
 * only after the relay did not acknowledge a lead, or on a page view that finds one kept in
 * sessionStorage (transport/retry/chunk.ts). Runs after the w.js build, so it must not empty public/.
 */
export default defineConfig(
  mergeConfig(widgetBundle({ entry: 'transport/retry/chunk.ts', fileName: 'wr.js', format: 'es', emptyOutDir: false }), {
    build: { rolldownOptions: { output: { minify: true } } },
  }),
);
