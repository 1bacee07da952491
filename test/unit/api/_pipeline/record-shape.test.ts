import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');

/**
 * The record an event's save writes must stay a fast object through the send: a record turned into
 * a dictionary (by deleting a key from the middle of it) cost a ~2 KB hash table per event and a
 * slower JSON walk in each save, ~5% of the ingest path's CPU (scripts/bench/ingest.ts). Only V8's
 * own %HasFastProperties can tell, so a fresh process started with --allow-natives-syntax asks it.
 */
describe('the record through the send', () => {
  it.each([
    [200, 'sent'],
    [503, 'pending'],
    [400, 'failed'],
  ])('after a Graph answer %i the saved record (%s) is a fast object', (status, state) => {
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--conditions=source', resolve(ROOT, 'test/support/record-shape-probe.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, STATUS: String(status) },
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual({ answered: 200, state, deduplicated: true, fast: true });
  });
});
