import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Built files go to their own folder, served as /w.js; never the repo root (docs/platform.md §1.4). */
const OUT_DIR = fileURLToPath(new URL('../public', import.meta.url));
/** Per-chunk module sizes for `npm run size` (never deployed: public/ is the output). */
export const MODULE_STATS_DIR = join(REPO_ROOT, 'dist/widget-modules');

/** Writes `<chunk>.json`: source module (repo-relative) → minified bytes it renders in that chunk. */
function moduleStats(): Plugin {
  return {
    name: 'capi-relay:module-stats',
    generateBundle(_options, bundle) {
      mkdirSync(MODULE_STATS_DIR, { recursive: true });
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const sizes: Record<string, number> = {};
        for (const [id, info] of Object.entries(output.modules)) if (info.renderedLength > 0) sizes[relative(REPO_ROOT, id)] = info.renderedLength;
        writeFileSync(join(MODULE_STATS_DIR, output.fileName + '.json'), JSON.stringify(sizes, null, 1));
      }
    },
  };
}

/**
 * V8's explicit compile hint (Chromium 136+): compile every function of the
 * file with the script, on the streaming thread, instead of lazily on the
 * main thread at each first call. Nearly every function of w.js runs at load,
 * and that lazy compilation was about half of its init time (trace
 * V8.CompileCode/ParseFunction). Browsers without it read a comment.
 */
const COMPILE_ALL_HINT = '//# allFunctionsCalledOnLoad\n';

/** Prepends the compile hint after minification (the minifier drops comments). */
function compileAllOnLoad(): Plugin {
  return {
    name: 'capi-relay:compile-hint',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) if (output.type === 'chunk' && output.isEntry) output.code = COMPILE_ALL_HINT + output.code;
    },
  };
}

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
  /** Prepend V8's compile-everything hint (for a file whose functions nearly all run at load). @default false */
  compileAllOnLoad?: boolean;
  /**
   * Property names the minifier may shorten. Only names that never leave the
   * bundle: not in JSON (event, proof, cookies, storage, server answers), not
   * read from or handed to another chunk, not DOM/host APIs or `dataset` keys.
   */
  mangleProps?: RegExp;
}

/**
 * w.js's internal property names (consent inputs, decisions, signals and
 * controller, event input, intent loader). STYLE.md "Size discipline": a
 * measured win of ~150 B gzip on the every-page file. Deliberately absent:
 * `ads`/`gpc`/`source`/`id` (event and proof JSON), `explicit` (readings come
 * from wc.js), `optIn` (server answer and its session cache), `consent`/
 * `showConsent` (public API), `revision` (proof JSON), and every `dataset` key
 * (`ldu`, `pixelId`, …): a mangled dataset read never sees its attribute.
 */
const W_INTERNAL_PROPS =
  /^(mode|api|limitedDataUse|askBanner|allowed|regionOptIn|settled|readings|stored|cmps|configUrl|adapters|cmpOptions|cmpGraceMs|cmpTimeoutMs|fetchImpl|onRecord|current|subscribe|record|consentId|whenAllowed|snapshot|chunkUrl|load|attrs|eventId|eventName|eventTime|customData|unsent|awaitsDetails)$/;

/** Vite settings for one widget bundle; call it once per output file. */
export function widgetBundle(bundle: WidgetBundleConfig): UserConfig {
  const debug = bundle.debug ?? process.env.CAPI_DEBUG === '1';
  return {
    root: REPO_ROOT,
    // public/ is our output, not a folder of static inputs to copy.
    publicDir: false,
    logLevel: 'warn',
    plugins: bundle.compileAllOnLoad ? [moduleStats(), compileAllOnLoad()] : [moduleStats()],
    define: { __DEBUG__: JSON.stringify(debug) },
    build: {
      outDir: OUT_DIR,
      emptyOutDir: bundle.emptyOutDir ?? true,
      // ES2020 keeps `?.` and `??` native (smaller) and still covers Safari 14+.
      target: 'es2020',
      minify: 'oxc',
      rolldownOptions: bundle.mangleProps ? { output: { minify: { mangleProps: { include: bundle.mangleProps } } } } : undefined,
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

export default defineConfig(widgetBundle({ entry: 'index.ts', fileName: 'w.js', mangleProps: W_INTERNAL_PROPS, compileAllOnLoad: true }));
