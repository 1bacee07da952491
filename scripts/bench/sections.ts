import type { BenchRow } from './row.js';

/** One part of the bench table: its name and what measures it. */
export type BenchSection = [name: string, run: () => Promise<BenchRow[]>];

/** What the sections measured, each row with its section; `crashed` when one threw. */
export interface SectionsResult {
  rows: (BenchRow & { section: string })[];
  crashed: boolean;
}

/**
 * Runs every section in turn. A section that throws becomes a row saying why (a MISS), and the
 * sections after it still run: the bench takes minutes, and one missing tool or broken harness
 * must not cost every figure measured before and after it.
 */
export async function runSections(sections: readonly BenchSection[], progress: (line: string) => void): Promise<SectionsResult> {
  const rows: SectionsResult['rows'] = [];
  let crashed = false;
  for (const [section, run] of sections) {
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    try {
      for (const row of await run()) rows.push({ ...row, section });
      progress(`[bench] ${section} done in ${seconds()} s`);
    } catch (error) {
      crashed = true;
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      rows.push({ section, name: 'crashed: no figures', value: Number.NaN, unit: '', pass: false, note: reason });
      progress(`[bench] ${section} crashed after ${seconds()} s: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return { rows, crashed };
}
