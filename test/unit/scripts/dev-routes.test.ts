import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverApiRoutes } from '../../../scripts/dev/routes.js';

describe('discoverApiRoutes', () => {
  it('mounts every function file by path and skips _ and . entries, tests and type files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-'));
    for (const file of ['event.ts', 'ids.ts', 'cron/sweep.ts', 'admin/index.ts', '_http/route.ts', 'cron/_lib/x.ts', '.hidden.ts', '_private.ts', 'types.d.ts', 'x.test.ts', 'notes.md']) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), '');
    }
    expect(discoverApiRoutes(dir).map((r) => r.path)).toEqual(['/api/admin', '/api/cron/sweep', '/api/event', '/api/ids']);
  });
});
