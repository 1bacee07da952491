import { defineConfig, mergeConfig } from 'vite';
import { widgetBundle } from './vite.config.js';

/**
 * The detection chunk `wd.js`, an ES module next to w.js: form detection,
 * field capture, the tool adapters and the postMessage plumbing. w.js imports
 * it with `import(new URL('wd.js', scriptSrc))` on the visitor's first sign of
 * intent (widget/intent.ts) and passes config, consent and transport in as
 * arguments, so the two files share no module (STYLE.md "Split by load boundary").
 * Runs after the w.js build, so it must not empty public/.
 */
export default defineConfig(
  mergeConfig(widgetBundle({ entry: 'detect/chunk.ts', fileName: 'wd.js', format: 'es', emptyOutDir: false }), {
    // Vite skips whitespace minification for ES libraries; this chunk has no consumer but the browser.
    build: { rolldownOptions: { output: { minify: true } } },
  }),
);
