import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSections } from '../../../scripts/bench/sections.js';

const ROOT = join(import.meta.dirname, '../../..');

describe('npm run bench: sections', () => {
  it('keeps every other section’s rows when one crashes, and says which and why', async () => {
    const progress: string[] = [];
    const ran: string[] = [];
    const result = await runSections(
      [
        ['first', async () => (ran.push('first'), [{ name: 'a', value: 1, unit: 'ms' }])],
        ['broken', async () => {
          ran.push('broken');
          throw new Error('browserType.launch: no chromium\nstack line');
        }],
        ['last', async () => (ran.push('last'), [{ name: 'b', value: 2, unit: 'ms', target: '≤ 3 ms', pass: true }])],
      ],
      (line) => progress.push(line),
    );
    expect(ran).toEqual(['first', 'broken', 'last']);
    expect(result.crashed).toBe(true);
    expect(result.rows.map((r) => [r.section, r.name])).toEqual([
      ['first', 'a'],
      ['broken', 'crashed: no figures'],
      ['last', 'b'],
    ]);
    expect(result.rows[1]).toMatchObject({ pass: false, note: 'browserType.launch: no chromium' });
    expect(progress[1]).toMatch(/^\[bench\] broken crashed after [\d.]+ s: Error: browserType.launch: no chromium/);
  });

  it('is not crashed when every section answers', async () => {
    const result = await runSections([['only', async () => []]], () => {});
    expect(result).toEqual({ rows: [], crashed: false });
  });
});

describe('npm run bench: tools on a fresh machine', () => {
  it('prepares Chromium, Redis and openssl the way npm test does, before the figures', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['bench']).toBe('bash scripts/deployed-node.sh bash scripts/bench.sh');
    const bench = readFileSync(join(ROOT, 'scripts/bench.sh'), 'utf8');
    const test = readFileSync(join(ROOT, 'scripts/test.sh'), 'utf8');
    for (const script of [bench, test]) {
      expect(script).toContain('source scripts/ensure-tools.sh');
      for (const tool of ['ensure_chromium', 'ensure_redis', 'ensure_openssl']) expect(script).toMatch(new RegExp(`^${tool} `, 'm'));
    }
    expect(bench.search(/^ensure_chromium /m)).toBeLessThan(bench.search(/^exec .*scripts\/bench\.ts/m));
  });

  /** ensure_chromium under `set -e` (as both scripts source it) on a machine whose PATH holds only `stubs`. */
  function ensureChromiumWith(stubs: Record<string, string>): string {
    const bin = mkdtempSync(join(tmpdir(), 'ensure-tools-'));
    for (const [name, script] of Object.entries(stubs)) {
      writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
      chmodSync(join(bin, name), 0o755);
    }
    const script = `set -euo pipefail; PATH=${bin}; unset CHROMIUM_PATH; source scripts/ensure-tools.sh; ensure_chromium '[bench]' 'the widget rows will be missing'; echo carried on`;
    return execFileSync('/bin/bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
  }

  it('says loudly what goes missing when Chromium is absent and this user may not install it', () => {
    expect(ensureChromiumWith({ id: 'echo 1000' })).toBe('[bench] NOTICE: no chromium and no way to install it: the widget rows will be missing\ncarried on\n');
  });

  it('carries on with the same notice when the install itself fails (Debian unreachable)', () => {
    expect(ensureChromiumWith({ id: 'echo 0', 'apt-get': 'exit 100' })).toBe(
      '[bench] installing Debian chromium\n[bench] NOTICE: no chromium and no way to install it: the widget rows will be missing\ncarried on\n',
    );
  });
});
