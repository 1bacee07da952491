import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRY_RUN_LOG_MARKER } from '../../api/_meta/dry-run-sender.js';
import { EVENT_LOG_MARKER } from '../../api/_pipeline/log.js';
import { FORBIDDEN_IN_LOGS } from '../support/canaries.js';

/**
 * Runs after the main suite (scripts/test.sh tees its output to this file): the
 * ingest, dev-server and widget tests push the canary PII and secrets through
 * the real pipeline with real console logging, so none of them may show up here.
 */
const LOG = 'test-output/suite.log';

describe('PII log scan of the whole suite output', () => {
  it('has a captured suite log that proves the pipeline logged during the run', () => {
    expect(existsSync(LOG), `${LOG} is missing: run the suite through npm test (scripts/test.sh)`).toBe(true);
    const log = readFileSync(LOG, 'utf8');
    expect(log.length).toBeGreaterThan(1000);
    expect(log).toContain(DRY_RUN_LOG_MARKER);
    expect(log).toContain(EVENT_LOG_MARKER);
  });

  it('contains no canary value in any letter case, and no access_token= pair', () => {
    if (!existsSync(LOG)) return; // reported by the test above
    const log = readFileSync(LOG, 'utf8').toLowerCase();
    const found = FORBIDDEN_IN_LOGS.filter((value) => log.includes(value.toLowerCase()));
    // report how many and which index, never the value itself (this output is logged too)
    expect(found.map((value) => `canary #${FORBIDDEN_IN_LOGS.indexOf(value)}`)).toEqual([]);
    expect(log.includes('access_token=')).toBe(false);
  });
});
