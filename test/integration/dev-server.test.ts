import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError } from '../../api/_config/env.js';
import type { ConversionRecord } from '../../api/_contract/records.js';
import { startDevServer, type DevServer } from '../../scripts/dev-server.js';
import { CANARY } from '../support/canaries.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
let dev: DevServer;

beforeAll(async () => {
  dev = await startDevServer({ env: {}, port: 0 });
});
afterAll(() => dev.close());

function postEvent(body: unknown, origin = dev.url, extra: Record<string, string> = {}) {
  return fetch(`${dev.url}/api/event`, {
    method: 'POST',
    headers: { origin, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA, ...extra },
    body: JSON.stringify(body),
  });
}

async function devEvents(): Promise<ConversionRecord[]> {
  const res = await fetch(`${dev.url}/dev/events`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: ConversionRecord[] }).events;
}

describe('dev server (npm start) with no environment', () => {
  it('defaults to the embedded store, dry-run sender and its own origins', () => {
    expect(dev.runtime.storeKind).toBe('memory');
    expect(dev.runtime.sender.kind).toBe('dry-run');
    expect(dev.runtime.env.allowedOrigins).toEqual([`http://localhost:${dev.port}`, `http://127.0.0.1:${dev.port}`]);
    expect(dev.routes.map((r) => r.path)).toContain('/api/event');
  });

  it('answers a Host that makes no URL with a 400 and keeps serving', async () => {
    const status = await new Promise<number>((ok, fail) => {
      http.get({ host: '127.0.0.1', port: dev.port, path: '/w.js', headers: { host: '[' } }, (res) => ok(res.resume().statusCode ?? 0)).once('error', fail);
    });
    expect(status).toBe(400);
    expect((await fetch(`${dev.url}/api/config`, { headers: { origin: dev.url } })).status).toBe(200);
  });

  it('records one dry-run payload with the hashed normalized email, once, even when posted twice', async () => {
    const body = {
      event_id: crypto.randomUUID(),
      event_source_url: `${dev.url}/contact?email=leak`,
      user: { email: CANARY.email, phone: CANARY.phone, first_name: CANARY.firstName },
      consent: { ads: 'granted', gpc: false },
      source: { form: 'dev-test' },
    };
    // a client-sent X-Forwarded-For must be replaced by the socket address, as Vercel does
    const first = await postEvent(body, dev.url, { 'x-forwarded-for': CANARY.ip });
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(dev.url);
    expect(await first.json()).toEqual({ event_id: body.event_id, status: 'sent', reason: 'dry_run' });

    const again = await postEvent(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, status: 'sent' });

    const mine = (await devEvents()).filter((e) => e.event_id === body.event_id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.payload?.user_data.em).toEqual([sha(CANARY.emailNormalized)]);
    expect(mine[0]?.payload?.user_data.client_ip_address).toBeUndefined();
    expect(JSON.stringify(await devEvents())).not.toContain(CANARY.emailNormalized);
  });

  it('refuses an origin that is not its own', async () => {
    const res = await postEvent({}, 'https://evil.example.net');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the explanatory page with the demo forms and its values filled in', async () => {
    const html = await (await fetch(`${dev.url}/`)).text();
    for (const demo of ['id="demo-plain"', 'id="demo-webflow"', 'id="demo-cf7"', '<script src="/w.js"']) expect(html).toContain(demo);
    expect(html).toContain('<code>dry-run</code>');
    expect(html).toContain('<code>memory</code>');
    expect(html).not.toMatch(/\{\{\w+\}\}/);
  });

  it('answers 405 for a method the function does not export, 404 for unknown paths and path traversal', async () => {
    const get = await fetch(`${dev.url}/api/event`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await fetch(`${dev.url}/nope`)).status).toBe(404);
    expect((await fetch(`${dev.url}/%2e%2e/package.json`)).status).toBe(404);
  });

  it('refuses a malformed variable, naming it', async () => {
    await expect(startDevServer({ env: { PORT: 'abc' }, port: 0 })).rejects.toThrow(EnvError);
    await expect(startDevServer({ env: { ALLOWED_ORIGINS: 'https://a.example.com/contact' }, port: 0 })).rejects.toThrow(/ALLOWED_ORIGINS/);
  });

  it('exits with code 1 and the EnvError message when started with a bad variable', () => {
    const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/dev-server.ts'], {
      env: { PATH: process.env['PATH'] ?? '', META_ACCESS_TOKEN: 'x' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('META_PIXEL_ID is required when META_ACCESS_TOKEN is set');
  });

  it('heals itself: a timer sweeps events left waiting, with no cron and no secret', async () => {
    expect(dev.routes.map((r) => r.path)).toContain('/api/cron/sweep');
    const healing = await startDevServer({ env: {}, port: 0, sweepEveryMs: 50 });
    try {
      const now = Date.now();
      const id = crypto.randomUUID();
      // A claim whose function "died" before sending: received, its lease already over.
      const record: ConversionRecord = {
        event_id: id, event_name: 'Lead', state: 'received', received_at: now - 120_000, updated_at: now - 120_000,
        event_time: Math.floor(now / 1000) - 120, event_source_url: 'http://localhost/contact',
        consent: { ads: 'granted', gpc: false, verdict: 'allowed', basis: 'granted' }, attempts: [], next_attempt_at: now - 60_000,
        payload: { event_name: 'Lead', event_time: Math.floor(now / 1000) - 120, event_id: id, action_source: 'website', event_source_url: 'http://localhost/contact', user_data: { em: [sha('a@example.com')], client_user_agent: UA }, data_processing_options: [] },
      };
      await healing.runtime.store.claim({ record, raw: { event_id: id, received_at: record.received_at }, dedupTtlSec: 600, rawTtlSec: 86_400, recordTtlSec: 86_400 });
      let state = record.state as string;
      for (let i = 0; i < 100 && state !== 'sent'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        state = (await healing.runtime.store.get(id))?.state ?? 'missing';
      }
      expect(state).toBe('sent');
    } finally {
      await healing.close();
    }
  });
});
