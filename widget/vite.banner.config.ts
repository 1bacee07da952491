import { defineConfig, mergeConfig } from 'vite';
import { widgetBundle } from './vite.config.js';

/**
 * The consent banner as its own ES module, `public/banner.js`. w.js is an
 * IIFE, so nothing is shared: w.js loads this file with
 * `import(new URL('banner.js', scriptSrc))` only when a decision is needed
 * (STYLE.md "Split by load boundary"). Preact lives only here. Runs after the
 * w.js build, so it must not empty public/.
 */
export default defineConfig(
  mergeConfig(widgetBundle({ entry: 'consent/banner/index.tsx', fileName: 'banner.js', format: 'es', emptyOutDir: false }), {
    // Vite skips whitespace minification for ES libraries (to keep pure
    // annotations for their consumers); this chunk has no consumer but the browser.
    build: { rolldownOptions: { output: { minify: true } } },
  }),
);
