import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Built files go to their own folder, served as /w.js; never the repo root (platform.md §1.4). */
const OUT_DIR = fileURLToPath(new URL('../public', import.meta.url));

/** One widget bundle. The snippet is one; F adds the lazily imported banner chunk as another. */
export interface WidgetBundleConfig {
  /** Entry module, relative to widget/. @example "index.ts" */
  entry: string;
  /** Output file name inside public/. @example "w.js" */
  fileName: string;
  /** "iife" for a classic `<script>`, "es" for a chunk fetched with `import()`. @default "iife" */
  format?: 'iife' | 'es';
  /** Empty public/ before writing; only the first build of a run should. @default true */
  emptyOutDir?: boolean;
  /** Keep debug-only code (`__DEBUG__`). @default process.env.CAPI_DEBUG === "1" */
  debug?: boolean;
}

/** Vite settings for one widget bundle; call it once per output file. */
export function widgetBundle(bundle: WidgetBundleConfig): UserConfig {
  const debug = bundle.debug ?? process.env.CAPI_DEBUG === '1';
  return {
    root: REPO_ROOT,
    // public/ is our output, not a folder of static inputs to copy.
    publicDir: false,
    logLevel: 'warn',
    define: { __DEBUG__: JSON.stringify(debug) },
    build: {
      outDir: OUT_DIR,
      emptyOutDir: bundle.emptyOutDir ?? true,
      // ES2020 keeps `?.` and `??` native (smaller) and still covers Safari 14+.
      target: 'es2020',
      minify: 'oxc',
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry: fileURLToPath(new URL(bundle.entry, import.meta.url)),
        formats: [bundle.format ?? 'iife'],
        // The IIFE exports nothing; the name is required by Vite for the format only.
        name: 'capiRelayBundle',
        fileName: () => bundle.fileName,
      },
    },
  };
}

export default defineConfig(widgetBundle({ entry: 'index.ts', fileName: 'w.js' }));
