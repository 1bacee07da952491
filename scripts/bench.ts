/**
 * `npm run bench`: one table with every performance figure and its target.
 * Figures are informative: the process exits non-zero only when a benchmark
 * crashes, never because a target was missed, and a crashed section costs
 * only its own rows (scripts/bench/sections.ts).
 */
import { benchColdStart } from './bench/cold-start.js';
import { benchIngest } from './bench/ingest.js';
import { benchNormalizeHash } from './bench/normalize-hash.js';
import { runSections, type BenchSection } from './bench/sections.js';
import { benchSweep } from './bench/sweep.js';
import { benchWidgetInit } from './bench/widget-init.js';

const sections: BenchSection[] = [
  ['normalize + hash', benchNormalizeHash],
  ['ingest', benchIngest],
  ['sweeper + fault soak', benchSweep],
  ['cold start (vercel build output)', benchColdStart],
  ['widget', benchWidgetInit],
];

const { rows, crashed } = await runSections(sections, (line) => console.error(line));

const format = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
const table = rows.map((r) => [
  r.section,
  r.name,
  `${format(r.value)} ${r.unit}`,
  r.target ?? '',
  r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS',
  r.note ?? '',
]);
// Every figure is of this runtime: scripts/deployed-node.sh runs the bench on the major the functions deploy on.
console.log(`runtime: Node.js ${process.versions.node} (V8 ${process.versions.v8}), the functions deploy on package.json engines.node`);
const header = ['section', 'figure', 'value', 'target', 'result', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of table) console.log(line(row));
// A crashed section may have left a server or child behind that would keep the process alive, so
// exit, but once the table is written out: stdout to a pipe is asynchronous on macOS.
if (crashed) process.stdout.write('', () => process.exit(1));
