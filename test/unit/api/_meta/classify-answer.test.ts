import { describe, expect, it } from 'vitest';
import { MAX_ERROR_MESSAGE_CHARS, classifyGraphAnswer } from '../../../../api/_meta/classify-answer.js';

const metaError = (code: number, extra: Record<string, unknown> = {}) => ({
  error: { message: `(#${code}) something`, type: 'OAuthException', code, fbtrace_id: 'Atrace', ...extra },
});

describe('classifyGraphAnswer', () => {
  it.each<[string, number | null, unknown, 'ok' | 'transient' | 'permanent']>([
    ['200 with events_received', 200, { events_received: 1, messages: [], fbtrace_id: 'A' }, 'ok'],
    ['network error / timeout', null, undefined, 'transient'],
    ['500 without a body', 500, undefined, 'transient'],
    ['503 HTML page', 503, undefined, 'transient'],
    ['429 without a code', 429, undefined, 'transient'],
    ['404 without a code', 404, undefined, 'permanent'],
    ['code 1 (unknown/downtime)', 500, metaError(1), 'transient'],
    ['code 2 (temporarily unavailable)', 503, metaError(2), 'transient'],
    ['code 4 (app throttling) on HTTP 400', 400, metaError(4), 'transient'],
    ['code 17 (user request limit)', 400, metaError(17, { error_subcode: 2446079 }), 'transient'],
    ['code 32', 400, metaError(32), 'transient'],
    ['code 341', 400, metaError(341), 'transient'],
    ['code 368 (temporary block)', 400, metaError(368), 'transient'],
    ['code 613 (ad account calls)', 400, metaError(613, { error_subcode: 1487742 }), 'transient'],
    ['code 80003 (BUC throttling)', 400, metaError(80003), 'transient'],
    ['unknown code with is_transient true', 400, metaError(12345, { is_transient: true }), 'transient'],
    ['code 100 (invalid parameter)', 400, metaError(100), 'permanent'],
    ['code 100 even on a 5xx (code wins over status)', 500, metaError(100), 'permanent'],
    ['code 190 (token) typed OAuthException', 400, metaError(190, { error_subcode: 463 }), 'permanent'],
    ['code 10 (permission)', 403, metaError(10), 'permanent'],
    ['code 200 (permission family)', 403, metaError(200), 'permanent'],
    ['code 299 (permission family)', 403, metaError(299), 'permanent'],
    ['code 3 (capability)', 400, metaError(3), 'permanent'],
    ['code 102 (session)', 400, metaError(102), 'permanent'],
    ['code 2635 (deprecated version)', 400, metaError(2635), 'permanent'],
    ['error body on a 200', 200, metaError(100), 'permanent'],
  ])('%s → %s', (_name, status, body, outcome) => {
    expect(classifyGraphAnswer(status, body).outcome).toBe(outcome);
  });

  it('keeps Meta’s error fields and the trace id', () => {
    expect(classifyGraphAnswer(400, metaError(100, { error_subcode: 2804003, is_transient: false }))).toEqual({
      outcome: 'permanent',
      fbtrace_id: 'Atrace',
      error: { message: '(#100) something', code: 100, subcode: 2804003, type: 'OAuthException', is_transient: false },
    });
  });

  it('truncates a long message', () => {
    const verdict = classifyGraphAnswer(400, { error: { message: 'x'.repeat(5000), code: 100 } });
    expect(verdict.error?.message.length).toBe(MAX_ERROR_MESSAGE_CHARS);
  });
});
