import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import { widgetBundle } from '../widget/vite.config.js';

/** Copies the page shell next to its script: public/admin.html, served at /admin (vercel.json rewrite, npm start). */
function adminHtml(): Plugin {
  return {
    name: 'capi-relay:admin-html',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'admin.html', source: readFileSync(fileURLToPath(new URL('./admin.html', import.meta.url)), 'utf8') });
    },
  };
}

/**
 * The /admin page, `admin.js`: Preact, its own bundle, never part of w.js or any
 * chunk a site's visitors load (size-budgets.json: ≤ 20 KiB gzip). Built after
 * the widget, so it must not empty public/.
 */
export default defineConfig(
  mergeConfig(widgetBundle({ entry: '../admin/main.tsx', fileName: 'admin.js', format: 'es', emptyOutDir: false }), {
    plugins: [adminHtml()],
    build: { rolldownOptions: { output: { minify: true } } },
  }),
);
