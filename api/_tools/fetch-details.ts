import { calComApi } from './apis/cal-com.js';
import { calendlyApi } from './apis/calendly.js';
import { filloutApi } from './apis/fillout.js';
import { jotformApi } from './apis/jotform.js';
import { tallyApi } from './apis/tally.js';
import type { ToolApi } from './apis/tool-api.js';
import { typeformApi } from './apis/typeform.js';
import type { ToolDetails, ToolRef } from './details.js';
import type { JoinTool } from './webhook-signature.js';

const APIS: Record<JoinTool, ToolApi> = {
  typeform: typeformApi,
  tally: tallyApi,
  jotform: jotformApi,
  fillout: filloutApi,
  calendly: calendlyApi,
  'cal-com': calComApi,
};

/** A tool API that has not answered by then is asked again on the next try. */
export const TOOL_API_TIMEOUT_MS = 5_000;

/** The site's access to one tool's API: its token from env, and where the API lives. */
export interface ToolAccess {
  token: string;
  /** @default the tool's public API */
  base?: string;
}

export type DetailsLookup =
  | { kind: 'found'; details: ToolDetails }
  /** the tool has no such record yet (indexing lag), or the ref does not point at one: ask again later */
  | { kind: 'not_ready' }
  /** the tool refused the site's token (401/403): asking again will not help until env changes */
  | { kind: 'refused'; status: number }
  /** network error, timeout, 429 or 5xx */
  | { kind: 'transient'; status: number | null }
  /** no token for this tool, or the ref cannot name a record */
  | { kind: 'unavailable' };

/**
 * Ask the tool's API for the record the browser half points at
 * (docs/form-tools.md §22.3). Never throws. The token goes in a header only.
 */
export async function fetchToolDetails(ref: ToolRef, access: ToolAccess | undefined, fetchImpl: typeof fetch = fetch): Promise<DetailsLookup> {
  if (!access?.token) return { kind: 'unavailable' };
  const api = APIS[ref.tool];
  const request = api.request(ref, (access.base ?? api.defaultBase).replace(/\/+$/, ''), access.token);
  if (!request) return { kind: 'unavailable' };
  let response: Response;
  try {
    response = await fetchImpl(request.url, { headers: request.headers, redirect: 'error', signal: AbortSignal.timeout(TOOL_API_TIMEOUT_MS) });
  } catch {
    return { kind: 'transient', status: null };
  }
  if (response.status === 404) return { kind: 'not_ready' };
  if (response.status === 401 || response.status === 403) return { kind: 'refused', status: response.status };
  if (!response.ok) return { kind: 'transient', status: response.status };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'transient', status: response.status };
  }
  const details = api.parse(body, ref);
  return details ? { kind: 'found', details } : { kind: 'not_ready' };
}
