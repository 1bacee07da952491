import type { PipelineDeps } from '../deps.js';
import type { ParkedDetails } from '../../_store/store.js';
import type { ConversionRecord } from '../../_contract/records.js';
import { auditIdOf } from './keys.js';
import { JOIN_DEADLINE_MS } from './plan.js';

/**
 * Details halves whose browser half never came, past their deadline
 * (docs/form-tools.md §22.4). Without the browser's user agent they cannot be
 * a website event (docs/meta-capi.md §0.5), so nothing is sent: each leaves a
 * PII-free audit record, `filtered` / `no_browser_half`, under the event id it
 * carried or one derived from tool and submission id, and its parked contact
 * fields are deleted. A half a browser half claims in the meantime is not
 * recorded (dropParked answers false). Returns how many were recorded.
 */
export async function recordUnmatchedDetails(deps: PipelineDeps, limit: number, leaseMs: number): Promise<number> {
  const due = await deps.store.claimParkedDue(deps.now(), limit, leaseMs);
  let recorded = 0;
  for (const parked of due) {
    if (!(await deps.store.dropParked(parked.id))) continue;
    const record = auditRecordOf(parked, deps.now());
    const day = 86_400;
    const claim = await deps.store.claim({ record, dedupTtlSec: 1, rawTtlSec: deps.env.dataRetentionDays * day, recordTtlSec: deps.env.auditRetentionDays * day });
    if (claim.kind !== 'claimed') continue;
    recorded += 1;
    deps.log({ event_id: record.event_id, state: 'filtered', reason: 'no_browser_half', attempts: 0, duration_ms: 0 });
  }
  return recorded;
}

/** The audit record of an unmatched details half: ids, times and where it came from; no contact data. */
function auditRecordOf(parked: ParkedDetails, now: number): ConversionRecord {
  const record: ConversionRecord = {
    event_id: auditIdOf(parked.via, parked.event_id, parked.submission_id),
    event_name: 'Lead',
    state: 'filtered',
    reason: 'no_browser_half',
    received_at: parked.at,
    updated_at: now,
    event_time: Math.floor((parked.submitted_at ?? parked.at) / 1000),
    event_source_url: '',
    consent: { ads: 'unknown', gpc: false, verdict: 'suppressed', basis: 'no_browser_half' },
    attempts: [],
    join: { via: parked.via, keys: parked.keys, details: { at: parked.at, from: parked.from }, looks: 0, deadline_at: parked.at + JOIN_DEADLINE_MS, outcome: 'fallback_dropped' },
  };
  if (parked.via !== 'identify') record.source = { tool: parked.via, ...(parked.submission_id ? { submission_id: parked.submission_id } : {}) };
  return record;
}
