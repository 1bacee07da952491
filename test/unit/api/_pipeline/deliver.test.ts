import { describe, expect, it } from 'vitest';
import { deliverRecord, PENDING_RETRY_DELAY_MS } from '../../../../api/_pipeline/deliver.js';
import type { Sender, SendResult } from '../../../../api/_meta/sender.js';
import type { ConversionRecord, SendAttempt } from '../../../../api/_contract/records.js';

const attempt = (status: number | null, outcome: SendAttempt['outcome']): SendAttempt => ({ at: 1, duration_ms: 1, status, outcome });

function record(): ConversionRecord {
  return {
    event_id: 'e1',
    event_name: 'Lead',
    state: 'received',
    received_at: 0,
    updated_at: 0,
    event_time: 1,
    event_source_url: 'https://a.co/',
    consent: { ads: 'granted', gpc: false, verdict: 'allowed', basis: 'granted' },
    payload: { event_name: 'Lead', event_time: 1, event_id: 'e1', action_source: 'website', event_source_url: 'https://a.co/', user_data: { client_user_agent: 'UA' }, data_processing_options: [] },
    attempts: [attempt(503, 'transient')],
    next_attempt_at: 60_000,
  };
}
const senderOf = (result: SendResult | Error): Sender => ({
  kind: 'live',
  send: async () => {
    if (result instanceof Error) throw result;
    return result;
  },
});

describe('deliverRecord', () => {
  it.each<[string, SendResult | Error, Partial<ConversionRecord>]>([
    ['sent: leaves the due index, appends attempts', { state: 'sent', attempts: [attempt(200, 'ok')] }, { state: 'sent', next_attempt_at: undefined, reason: undefined }],
    ['failed: dead-lettered with the reason', { state: 'failed', attempts: [attempt(400, 'permanent')], reason: 'meta_error_190' }, { state: 'failed', reason: 'meta_error_190', next_attempt_at: undefined }],
    ['pending: retried after the default delay', { state: 'pending', attempts: [attempt(503, 'transient')], reason: 'retry_budget_exhausted' }, { state: 'pending', next_attempt_at: 1_000 + PENDING_RETRY_DELAY_MS }],
    ['pending with a longer Retry-After', { state: 'pending', attempts: [], retryAfterMs: 300_000 }, { state: 'pending', next_attempt_at: 301_000 }],
    ['a throwing sender keeps the event for the sweeper', new Error('boom'), { state: 'pending', reason: 'sender_error', next_attempt_at: 1_000 + PENDING_RETRY_DELAY_MS }],
  ])('%s', async (_name, result, expected) => {
    const r = record();
    await deliverRecord(senderOf(result), r, () => 1_000);
    const defined = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(r).toMatchObject({ ...defined, updated_at: 1_000 });
    // cleared, not deleted (deliver.ts): undefined in memory, absent from the JSON a save writes
    const stored = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      if (value !== undefined) continue;
      expect(r[key as keyof ConversionRecord]).toBeUndefined();
      expect(stored).not.toHaveProperty(key);
    }
    const added = result instanceof Error ? 0 : result.attempts.length;
    expect(r.attempts).toHaveLength(1 + added);
  });
});
