/**
 * `npm run size` (after the widget build): raw / gzip / brotli bytes of every
 * built chunk in public/, checked against size-budgets.json. Exits 1 when a
 * chunk is over its budget, so CI catches growth (STYLE.md "Size discipline").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PUBLIC = join(ROOT, 'public');

type Metric = 'raw' | 'gzip' | 'brotli';
type Budgets = Record<string, Partial<Record<Metric, number>>>;

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

function main(): void {
  if (!existsSync(PUBLIC)) {
    console.error('public/ does not exist: run `npm run build:widget` first');
    process.exit(1);
  }
  const budgets = JSON.parse(readFileSync(join(ROOT, 'size-budgets.json'), 'utf8')) as Budgets;
  const files = readdirSync(PUBLIC).filter((f) => f.endsWith('.js')).sort();
  const failures: string[] = [];
  console.log(`${'chunk'.padEnd(14)}${'raw'.padStart(9)}${'gzip'.padStart(9)}${'brotli'.padStart(9)}   budget (gzip)`);
  for (const file of files) {
    const sizes = measure(readFileSync(join(PUBLIC, file)));
    const budget = budgets[file]?.gzip;
    console.log(`${file.padEnd(14)}${String(sizes.raw).padStart(9)}${String(sizes.gzip).padStart(9)}${String(sizes.brotli).padStart(9)}   ${budget ?? '-'}`);
    failures.push(...overBudget(file, sizes, budgets));
  }
  for (const name of Object.keys(budgets)) if (!name.startsWith('$') && !files.includes(name)) failures.push(`${name}: has a budget but was not built`);
  if (failures.length) {
    console.error(`\nover budget:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nall chunks within budget');
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) main();
