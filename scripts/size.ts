/**
 * `npm run size` (after the widget build): raw / gzip / brotli bytes of every
 * built chunk in public/, checked against size-budgets.json, then each chunk's
 * source modules with their share (so growth in w.js, the every-page file, has
 * a name), and the modules bundled into more than one chunk. Exits 1 when a
 * chunk is over its budget or a shared module carries code, so CI catches
 * growth (STYLE.md "Size discipline", "Split by load boundary").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PUBLIC = join(ROOT, 'public');
/** Written by the widget build (widget/vite.config.ts moduleStats): module → rendered bytes before minification. */
const MODULE_STATS = join(ROOT, 'dist/widget-modules');
/** A module in two chunks with at least this much code fails the check; below it, a shared constant is only listed. */
const SHARED_CODE_CHARS = 100;

type Metric = 'raw' | 'gzip' | 'brotli';
type Budgets = Record<string, Partial<Record<Metric, number>>> & {
  /** modules allowed in more than one chunk, with the reason */
  $shared?: Record<string, string>;
};
/** Source module (repo-relative) → rendered characters, per chunk file. */
export type ModuleSizes = Record<string, Record<string, number>>;

/** Sizes of one file's bytes; gzip at level 9 and brotli at quality 11, as a CDN would serve them. */
export function measure(bytes: Buffer): Record<Metric, number> {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Lines describing each budget a file breaks (empty when all hold). */
export function overBudget(file: string, sizes: Record<Metric, number>, budgets: Budgets): string[] {
  const budget = budgets[file] ?? {};
  return (Object.keys(budget) as Metric[]).filter((m) => sizes[m] > budget[m]!).map((m) => `${file}: ${m} ${sizes[m]} B > budget ${budget[m]} B (+${sizes[m] - budget[m]!})`);
}

/**
 * Each module's share of one chunk, largest first: its part of the code before
 * minification, applied to the chunk's gzip size (an estimate: minification
 * and compression do not shrink every module alike).
 */
export function moduleShares(modules: Record<string, number>, gzip: number): { module: string; share: number; gzipEstimate: number }[] {
  const total = Object.values(modules).reduce((a, b) => a + b, 0) || 1;
  return Object.entries(modules)
    .map(([module, chars]) => ({ module, share: chars / total, gzipEstimate: Math.round((chars / total) * gzip) }))
    .sort((a, b) => b.share - a.share);
}

/**
 * Modules found in more than one chunk: `failing` carry code (≥ SHARED_CODE_CHARS
 * in two chunks) and are not in `allowed`; the rest are listed only.
 */
export function sharedModules(sizes: ModuleSizes, allowed: Record<string, string> = {}): { module: string; chunks: string[]; failing: boolean }[] {
  const byModule = new Map<string, [string, number][]>();
  for (const [chunk, modules] of Object.entries(sizes)) for (const [module, chars] of Object.entries(modules)) byModule.set(module, [...(byModule.get(module) ?? []), [chunk, chars]]);
  return [...byModule]
    .filter(([, chunks]) => chunks.length > 1)
    .map(([module, chunks]) => ({
      module,
      chunks: chunks.map(([chunk, chars]) => `${chunk} (${chars})`),
      failing: !(module in allowed) && chunks.filter(([, chars]) => chars >= SHARED_CODE_CHARS).length > 1,
    }));
}

function readModuleSizes(files: string[]): ModuleSizes {
  const sizes: ModuleSizes = {};
  for (const file of files) {
    const path = join(MODULE_STATS, file + '.json');
    if (existsSync(path)) sizes[file] = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
  }
  return sizes;
}

function main(): void {
  if (!existsSync(PUBLIC)) {
    console.error('public/ does not exist: run `npm run build:widget` first');
    process.exit(1);
  }
  const budgets = JSON.parse(readFileSync(join(ROOT, 'size-budgets.json'), 'utf8')) as Budgets;
  const files = readdirSync(PUBLIC).filter((f) => f.endsWith('.js')).sort();
  const failures: string[] = [];
  const gzipOf: Record<string, number> = {};
  console.log(`${'chunk'.padEnd(14)}${'raw'.padStart(9)}${'gzip'.padStart(9)}${'brotli'.padStart(9)}   budget (gzip)`);
  for (const file of files) {
    const sizes = measure(readFileSync(join(PUBLIC, file)));
    gzipOf[file] = sizes.gzip;
    const budget = budgets[file]?.gzip;
    console.log(`${file.padEnd(14)}${String(sizes.raw).padStart(9)}${String(sizes.gzip).padStart(9)}${String(sizes.brotli).padStart(9)}   ${budget ?? '-'}`);
    failures.push(...overBudget(file, sizes, budgets));
  }
  for (const name of Object.keys(budgets)) if (!name.startsWith('$') && !files.includes(name)) failures.push(`${name}: has a budget but was not built`);

  const modules = readModuleSizes(files);
  if (Object.keys(modules).length < files.length) console.warn(`\n(no module list for some chunks in ${MODULE_STATS}: rebuild with npm run build:widget)`);
  for (const [file, sizes] of Object.entries(modules)) {
    console.log(`\n${file}: modules by share (~gzip bytes, estimated)`);
    for (const { module, share, gzipEstimate } of moduleShares(sizes, gzipOf[file] ?? 0))
      console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${String(gzipEstimate).padStart(5)}  ${module}`);
  }
  const shared = sharedModules(modules, budgets.$shared);
  console.log(`\nmodules in more than one chunk (rendered characters): ${shared.length ? '' : 'none'}`);
  for (const { module, chunks, failing } of shared) {
    const note = budgets.$shared?.[module] ? `allowed: ${budgets.$shared[module]}` : failing ? 'CODE BUNDLED TWICE' : 'constant only';
    console.log(`  ${module}: ${chunks.join(', ')} — ${note}`);
    if (failing) failures.push(`${module}: bundled into ${chunks.join(' and ')}; pass it in from w.js instead`);
  }

  if (failures.length) {
    console.error(`\nsize check failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nall chunks within budget');
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) main();
