import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');

/**
 * The embedded store keeps ~30 days of events, and every garbage collection copies and marks what
 * it keeps: its heap per stored event is what each later event pays for (scripts/bench/ingest.ts).
 * One entry per event (record, raw receipt, identities filed under, lifetimes), its texts' bytes in
 * shared slabs, and bare ids in the indexes keep ~510 B; an identity map (two keys and slots per
 * event) kept ~800 B, a Buffer per text ~1,000 B, and before that a map entry, wrapper and boxed
 * expiry per record, receipt and dedup key ~1,235 B. The figure is V8's object layout on 64-bit
 * Node, counted after a full GC in a fresh process.
 */
const MAX_HEAP_BYTES_PER_STORED_EVENT = 600;

describe('embedded store footprint', () => {
  it(`keeps at most ${MAX_HEAP_BYTES_PER_STORED_EVENT} B of heap per stored event`, () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--conditions=source', resolve(ROOT, 'test/support/store-heap-probe.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const figures = JSON.parse(run.stdout.trim()) as { heapBytesPerEvent: number; stored: number };
    expect(figures.stored).toBe(5_500);
    expect(figures.heapBytesPerEvent).toBeLessThanOrEqual(MAX_HEAP_BYTES_PER_STORED_EVENT);
  });
});
