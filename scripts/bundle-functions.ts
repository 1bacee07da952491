/**
 * `npm run build:functions` (run by vercel.json's buildCommand, before Vercel
 * builds the functions, docs/platform.md §1.12): each function's server code,
 * bundled with esbuild into ONE module under api/_bundle/functions/, so a cold
 * start loads one file instead of the dozens of source modules and packages it
 * would otherwise resolve, read and compile (issue 13).
 *
 * Entries are the targets of package.json's `imports` map: every file under
 * api/_http/functions/ (`#functions/<route path>`), found by walking the
 * folder. A route file forwards to its function as
 * `import('#functions/<route path>')`: Node (and Vercel's file tracing, which
 * follows the same map) resolves that to the bundle; `npm start`, vitest and
 * tsc add the `source` condition and resolve it to the TypeScript source
 * instead (README "Code map").
 *
 * No code splitting: each function's bundle holds everything it reaches, its
 * lazy `import()`s included (inlined, run on first use), so one process loads
 * one copy of the runtime. Shared chunks cost more than they saved: every
 * chunk is a module to resolve and link, ~13 ms of the event function's cold
 * start with ~25 chunks (docs/platform.md §1.13).
 *
 * The one exception is a lazy part: code that a function's first request does
 * not run and that is big enough for its compile to show on a cold start (zod
 * behind the event body's schema). A source file imports it as
 * `import('#lazy/<path under api/>')`; that name stays an import in the
 * function's bundle, and the part is bundled on its own to
 * api/_bundle/lazy/<path>.mjs, which package.json `imports` maps it to (the
 * source file under the `source` condition). Inlined, a module is compiled
 * with the bundle whether it runs or not (docs/platform.md §1.13).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(ROOT, 'api/_bundle');
const FUNCTIONS = join(ROOT, 'api/_http/functions');
/** The runtime the functions deploy on (engines.node, e.g. "24.x": docs/platform.md §1.15), so esbuild lowers no syntax that runtime has. */
const DEPLOYED_NODE = `node${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node.replace('.x', '')}`;
const API = join(ROOT, 'api');

/** `import('#lazy/<path under api/>')` in a source file: a lazy part (package.json `imports`). */
const LAZY_IMPORT = /\bimport\(\s*'#lazy\/([\w./[\]-]+)'\s*\)/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return /\.ts$/.test(name) && !/\.(d|test)\.ts$/.test(name) ? [path] : [];
  });
}

/** Output name (under api/_bundle/, without .mjs) → source file: the targets of package.json `imports`. */
export function bundleEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const file of tsFiles(FUNCTIONS)) {
    entries[`functions/${relative(FUNCTIONS, file).split(sep).join('/').replace(/\.ts$/, '')}`] = file;
  }
  for (const part of lazyParts()) entries[`lazy/${part}`] = join(API, `${part}.ts`);
  return entries;
}

/** The lazy parts the sources import (`#lazy/_pipeline/validate` → `_pipeline/validate`), sorted. */
export function lazyParts(): string[] {
  const parts = new Set<string>();
  for (const file of tsFiles(API)) {
    if (file.startsWith(join(API, '_bundle') + sep)) continue;
    for (const [, part] of readFileSync(file, 'utf8').matchAll(LAZY_IMPORT)) parts.add(part!);
  }
  return [...parts].sort();
}

/** `#lazy/…` stays an import in every bundle: Node resolves it to the part's own module at run time. */
export const lazyPartsApart: Plugin = {
  name: 'lazy-parts-apart',
  setup(build) {
    build.onResolve({ filter: /^#lazy\// }, (args) => ({ path: args.path, external: true }));
  },
};

/** JSON files at least this big are bundled as a JSON.parse of their text (jsonAsParse). */
export const PARSE_JSON_FROM_BYTES = 10 * 1024;

/**
 * A JSON data file bundles as `JSON.parse('<its text>')` instead of the JS literal esbuild
 * would write: V8 parses JSON text several times faster than the same data as an object or
 * array literal (docs/platform.md §1.13). The disposable-domain list (145 KB) took ~10 ms
 * of the event function's first request as a literal. Small files stay literals (named
 * imports of their keys keep working there).
 */
export const jsonAsParse: Plugin = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (Buffer.byteLength(text) < PARSE_JSON_FROM_BYTES) return undefined;
      // Re-serialised so the text is valid JSON without white space, then quoted as a JS string.
      return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
    });
  },
};

/** Typed-array literals with at least this many numbers are bundled as base64 (typedArraysAsBase64). */
export const BASE64_ARRAY_FROM_ITEMS = 256;

const TYPED_ARRAY_LITERAL = /new (Uint8Array|Uint16Array|Uint32Array|Int8Array|Int16Array|Int32Array)\((\/\*[^*]*\*\/\s*)?\[([\s0-9,]*)\]\)/g;

/**
 * The same idea for numbers: a package's `new Uint16Array([3, 3, 8, …])` with thousands of
 * items (tldts ships the Public Suffix List as such arrays) is compiled as code on import;
 * the same bytes as a base64 string are decoded by Buffer much faster (docs/platform.md §1.13).
 * Only literals of plain decimal integers that the array type holds unchanged are rewritten;
 * the bytes are written in this machine's order, so the plugin does nothing on a big-endian
 * build machine (Vercel's functions run on little-endian x86_64 and arm64).
 */
export const typedArraysAsBase64: Plugin = {
  name: 'typed-arrays-as-base64',
  setup(build) {
    if (endianness() !== 'LE') return;
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('Array([')) return undefined;
      let changed = false;
      const contents = text.replace(TYPED_ARRAY_LITERAL, (literal, type: string, _comment: string | undefined, items: string) => {
        const numbers = items.split(',').map((item) => item.trim()).filter((item) => item !== '');
        if (numbers.length < BASE64_ARRAY_FROM_ITEMS) return literal;
        const Type = { Uint8Array, Uint16Array, Uint32Array, Int8Array, Int16Array, Int32Array }[type as 'Uint8Array'];
        const array = Type.from(numbers, Number);
        if (numbers.some((item, i) => String(array[i]) !== item)) return literal;
        changed = true;
        const base64 = Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
        return `new ${type}((b => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))(Buffer.from(${JSON.stringify(base64)}, 'base64')))`;
      });
      return changed ? { contents, loader: 'js' } : undefined;
    });
  },
};

/** How every function is bundled (the tests build single entries with it). */
export function bundleOptions(): BuildOptions & { metafile: true } {
  return {
    entryPoints: bundleEntries(),
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: DEPLOYED_NODE,
    // The sources behind package.json `imports`, as npm start and the tests run them.
    conditions: ['source'],
    // Packages are bundled too: resolving and reading node_modules is most of a cold start.
    // A CommonJS package's require() of a Node built-in needs a real require in an ES module.
    banner: { js: "import { createRequire as __capiCreateRequire } from 'node:module'; const require = __capiCreateRequire(import.meta.url);" },
    // Whitespace and syntax only: names stay readable in a production stack trace.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [lazyPartsApart, jsonAsParse, typedArraysAsBase64],
  };
}

export async function bundleFunctions(): Promise<string[]> {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const result = await build(bundleOptions());
  return Object.keys(result.metafile.outputs).map((file) => relative(ROOT, resolve(process.cwd(), file)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await bundleFunctions();
  console.log(`[bundle-functions] ${files.length} files in api/_bundle: ${files.map((f) => f.replace('api/_bundle/', '')).join(', ')}`);
}
