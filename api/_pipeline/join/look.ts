import { fetchToolDetails, type ToolAccess } from '../../_tools/fetch-details.js';
import type { ToolRef } from '../../_tools/details.js';
import { JOIN_LOOKS_AFTER_MS, nextJoinLook } from '../join-schedule.js';
import type { PipelineDeps } from '../deps.js';
import type { ConversionRecord } from '../../_contract/records.js';
import { scheduleRetry } from '../send-inline.js';
import { finishJoin } from './finish.js';
import { isJoinTool } from './keys.js';
import type { JoinEnv } from './plan.js';

/** What the sweeper did with one due waiting record. */
export type LookOutcome =
  /** the tool's API had the details: joined and delivered */
  | 'joined'
  /** nothing yet: looked at again later (next API look, or the deadline) */
  | 'waiting'
  /** the deadline passed: sent with what it has, or dropped (JOIN_FALLBACK) */
  | 'fallback'
  /** it stopped waiting meanwhile (another half, a withdrawal): nothing written */
  | 'gone';

/** The site's access to the tool's API (env), or undefined without a token. */
export function toolAccessOf(via: string, env: JoinEnv & { toolApiBase?: string }): ToolAccess | undefined {
  if (!isJoinTool(via)) return undefined;
  const token = env.toolTokens[via];
  if (!token) return undefined;
  return env.toolApiBase ? { token, base: `${env.toolApiBase}/${via}` } : { token };
}

/**
 * A waiting browser half the sweeper picked (docs/form-tools.md §22.4): look
 * its record up in the tool's API while looks remain (30 s, 2 min, 10 min:
 * join-schedule.ts), join on a find, and otherwise wait for the next look or a
 * webhook until the deadline, when JOIN_FALLBACK decides. A token the tool
 * refuses is logged once (without the token) and not used again for this
 * event: it waits for a webhook until the deadline. Every write is conditional
 * on the record still waiting as picked, so a webhook joining meanwhile wins.
 */
export async function lookForDetails(record: ConversionRecord, deps: PipelineDeps, fetchImpl: typeof fetch = fetch): Promise<LookOutcome> {
  const join = record.join!;
  const access = toolAccessOf(join.via, deps.env);
  let looks = join.looks;
  if (access && looks < JOIN_LOOKS_AFTER_MS.length && isJoinTool(join.via)) {
    const ref: ToolRef = { tool: join.via, eventId: record.event_id };
    if (record.source?.form) ref.form = record.source.form;
    if (record.source?.submission_id) ref.submissionId = record.source.submission_id;
    const lookup = await fetchToolDetails(ref, access, fetchImpl);
    if (lookup.kind === 'found') {
      const done = await finishJoin(record, { kind: 'details', half: { at: deps.now(), from: 'api' }, user: lookup.details.user }, deps);
      return done.kind === 'finished' ? 'joined' : 'gone';
    }
    if (lookup.kind === 'refused') {
      deps.log({ event_id: record.event_id, state: 'waiting', reason: `tool_api_refused_${lookup.status}`, attempts: 0, duration_ms: 0 });
      looks = JOIN_LOOKS_AFTER_MS.length;
    } else if (lookup.kind === 'unavailable') looks = JOIN_LOOKS_AFTER_MS.length;
    else looks += 1;
  }
  const now = deps.now();
  if (now >= join.deadline_at) {
    const done = await finishJoin(record, { kind: 'deadline' }, deps);
    return done.kind === 'finished' ? 'fallback' : 'gone';
  }
  const next = looks < JOIN_LOOKS_AFTER_MS.length ? nextJoinLook(join.browser?.at ?? record.received_at, looks, now) : { kind: 'deadline' as const };
  const again: ConversionRecord = { ...record, updated_at: now, join: { ...join, looks }, next_attempt_at: next.kind === 'look_again' ? Math.min(next.at, join.deadline_at) : join.deadline_at };
  const saved = await deps.store.saveIfUnchanged(again, { state: 'waiting', updated_at: record.updated_at });
  if (saved !== 'saved') return 'gone';
  // Each look and the deadline get their own delayed sweep where QStash is configured: the daily
  // cron alone would keep a lead from Meta for up to a day (docs/platform.md §1.8).
  if (deps.retryScheduler) await scheduleRetry(deps.retryScheduler, again, deps);
  return 'waiting';
}
