import type { Env } from '../../_config/env.js';
import { signsWebhooks } from '../../_tools/webhook-signature.js';
import { JOIN_LOOKS_AFTER_MS } from '../join-schedule.js';
import type { JoinState } from '../../_contract/records.js';
import { isJoinTool, joinKeysOf } from './keys.js';

/**
 * How long a browser half waits for its details: the last tool API look
 * (join-schedule.ts); a tool with only a webhook waits as long, since its
 * webhook normally arrives within seconds (docs/form-tools.md §22.4).
 */
export const JOIN_DEADLINE_MS = JOIN_LOOKS_AFTER_MS[JOIN_LOOKS_AFTER_MS.length - 1]!;

/** Parked details outlive their deadline by this much, so the sweep that records them still finds them. */
export const PARK_MARGIN_MS = 5 * 60_000;

/** The part of the configuration that says where details can come from. */
export type JoinEnv = Pick<Env, 'identifySecret' | 'toolSecrets' | 'toolTokens'>;

/** What the browser half says about itself. */
export interface BrowserHalf {
  event_id: string;
  pending?: boolean;
  source?: { tool?: string; form?: string; submission_id?: string };
}

/**
 * Whose details a browser half waits for, or undefined when it is sent at
 * once: `identify` for `pending: true` while POST /api/identify is open
 * (IDENTIFY_SECRET set), a JoinTool whose webhook secret or API token is
 * configured (docs/form-tools.md §22.4). Without a details source waiting
 * would only delay the event.
 */
export function detailsSourceOf(half: BrowserHalf, env: JoinEnv): string | undefined {
  if (half.pending) return env.identifySecret ? 'identify' : undefined;
  const tool = half.source?.tool;
  if (!isJoinTool(tool)) return undefined;
  const webhook = signsWebhooks(tool) && !!env.toolSecrets[tool];
  return webhook || env.toolTokens[tool] ? tool : undefined;
}

/** True when the sweeper can look the browser half's record up in the tool's API. */
export function hasToolApi(via: string, env: JoinEnv): boolean {
  return isJoinTool(via) && !!env.toolTokens[via];
}

/**
 * The join state of a browser half that starts waiting, and when the sweeper
 * first looks at it: the first API look (30 s) when the tool has an API token,
 * else the deadline.
 */
export function startWaiting(half: BrowserHalf, via: string, receivedAt: number, env: JoinEnv): { join: JoinState; nextAttemptAt: number } {
  const tool = via === 'identify' ? undefined : via;
  const join: JoinState = {
    via,
    keys: joinKeysOf(half.event_id, tool, half.source?.submission_id),
    browser: { at: receivedAt, from: 'widget' },
    looks: 0,
    deadline_at: receivedAt + JOIN_DEADLINE_MS,
  };
  return { join, nextAttemptAt: hasToolApi(via, env) ? receivedAt + JOIN_LOOKS_AFTER_MS[0] : join.deadline_at };
}
