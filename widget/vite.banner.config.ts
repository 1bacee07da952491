import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import { widgetBundle } from './vite.config.js';

/**
 * The consent chunks, as ES modules next to w.js. w.js is an IIFE, so it
 * shares nothing with them and loads each with `import(new URL(file, scriptSrc))`
 * only when needed (STYLE.md "Split by load boundary"):
 * - `banner.js`: the Preact banner, when a decision is needed and no platform is present;
 * - `wc.js`: the consent-platform readers, when a platform is detected (docs/consent.md §3.0).
 *   A neutral name: cookie-annoyance block lists match "cmp"/"consent" in URLs.
 * Runs after the w.js build, so it must not empty public/.
 */
const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(
  mergeConfig(widgetBundle({ entry: 'consent/banner/index.tsx', fileName: 'banner.js', format: 'es', emptyOutDir: false }), {
    build: {
      lib: {
        entry: { banner: entry('./consent/banner/index.tsx'), wc: entry('./consent/cmp/index.ts') },
        fileName: (_format: string, name: string) => `${name}.js`,
      },
      // Vite skips whitespace minification for ES libraries (to keep pure
      // annotations for their consumers); these chunks have no consumer but the browser.
      rolldownOptions: { output: { minify: true } },
    },
  }),
);
