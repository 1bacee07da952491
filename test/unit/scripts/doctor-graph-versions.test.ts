import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION } from '../../../api/_meta/graph-sender.js';
import { readVersionTable, versionVerdict } from '../../../scripts/doctor/graph-versions.js';

const DOC = readFileSync(join(resolve(import.meta.dirname, '../../..'), 'docs/meta-capi.md'), 'utf8');
const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('the Graph API calendar of docs/meta-capi.md §6', () => {
  const rows = readVersionTable(DOC);

  it('reads every row, with the end date where the docs give one', () => {
    expect(rows.find((r) => r.version === GRAPH_API_VERSION)).toEqual({ version: GRAPH_API_VERSION });
    expect(rows.find((r) => r.version === 'v25.0')).toEqual({ version: 'v25.0', stopsWorking: '2028-07-29' });
    expect(rows.find((r) => r.version === 'v20.0')).toEqual({ version: 'v20.0', stopsWorking: '2026-09-24' });
  });

  it('passes a version far from its end, fails one within 180 days, expired, or unknown', () => {
    expect(versionVerdict('v25.0', rows, at('2026-12-06'))).toEqual({ ok: true, message: 'Graph API v25.0 works until 2028-07-29 (601 days)' });
    expect(versionVerdict('v25.0', rows, at('2028-03-01')).ok).toBe(false);
    expect(versionVerdict('v20.0', rows, at('2026-12-06'))).toEqual({
      ok: false,
      message: 'Graph API v20.0 stopped working on 2026-09-24: update capi-relay (api/_meta/graph-sender.ts) and redeploy',
    });
    expect(versionVerdict('v99.0', rows, at('2026-12-06')).message).toMatch(/is not in docs\/meta-capi\.md §6/);
  });
});
