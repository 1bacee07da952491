import { GRAPH_API_VERSION } from './graph-sender.js';

/** What GET /api/admin/status reports about Meta: whether the token and pixel work, never the token. */
export interface MetaProbe {
  ok: boolean;
  /** `pixel`: a read of the pixel, which sends no event; `test_event`: one event under a test code */
  checked: 'pixel' | 'test_event';
  /** Meta's answer in plain words when not ok (Meta's messages carry no token) */
  problem?: string;
}

export interface MetaProbeConfig {
  graphUrl: string;
  pixelId: string;
  accessToken: string;
  /** send one test event under this Events Manager test code instead of only reading the pixel */
  testEventCode?: string;
  /** page the test event names (the first allowed origin) */
  eventSourceUrl: string;
  now?: () => number;
}

/**
 * The doctor's check that Meta accepts META_ACCESS_TOKEN for META_PIXEL_ID
 * (docs/meta-capi.md §1.1, §9). Without a test code it reads the pixel's id,
 * which sends no event; the token goes in the Authorization header, never the
 * URL. With a test code it sends one event named `CapiRelayDoctor` (not a
 * `Lead`: test events still count, §0.8) that shows under Test Events.
 */
export async function probeMeta(config: MetaProbeConfig, fetchImpl: typeof fetch = fetch): Promise<MetaProbe> {
  const checked = config.testEventCode ? 'test_event' : 'pixel';
  const base = `${config.graphUrl}/${GRAPH_API_VERSION}/${encodeURIComponent(config.pixelId)}`;
  let res: Response;
  try {
    res = config.testEventCode
      ? await fetchImpl(`${base}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ data: [doctorEvent(config)], test_event_code: config.testEventCode, access_token: config.accessToken }),
          signal: AbortSignal.timeout(8000),
        })
      : await fetchImpl(`${base}?fields=id`, { headers: { authorization: `Bearer ${config.accessToken}` }, signal: AbortSignal.timeout(8000) });
  } catch {
    return { ok: false, checked, problem: `Graph API at ${config.graphUrl} did not answer within 8 s` };
  }
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: number; error_subcode?: number; message?: string } } | undefined;
  if (res.ok) return { ok: true, checked };
  return { ok: false, checked, problem: explain(res.status, body?.error) };
}

function explain(status: number, error: { code?: number; error_subcode?: number; message?: string } | undefined): string {
  const said = error?.message ? `: ${error.message}` : '';
  if (error?.code === 190) return `Meta rejected META_ACCESS_TOKEN (code 190${said}); generate a new one in Events Manager → Settings → Conversions API`;
  if (error?.code === 100 && error.error_subcode === 33) {
    return `META_PIXEL_ID does not exist or this token cannot reach it (code 100/33${said}); the token must be generated on the same pixel`;
  }
  if (error?.code === 10 || error?.code === 200) return `the token lacks permission for this pixel (code ${error.code}${said})`;
  return `Meta answered ${status}${error?.code !== undefined ? ` (code ${error.code})` : ''}${said}`;
}

function doctorEvent(config: MetaProbeConfig): Record<string, unknown> {
  return {
    event_name: 'CapiRelayDoctor',
    event_time: Math.floor((config.now ?? Date.now)() / 1000),
    event_id: `doctor-${crypto.randomUUID()}`,
    action_source: 'website',
    event_source_url: config.eventSourceUrl,
    user_data: { client_user_agent: 'capi-relay-doctor' },
  };
}
