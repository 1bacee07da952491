import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../scripts/dev-server.js';
import { readRewrites, rewritePath } from '../../scripts/dev/rewrites.js';

// The widget posts to /api/send, vercel.json's neutral name for /api/event (generic blocker
// rules match /api/event, docs/platform.md §3.5). Vercel serves the rewrite from config.json
// (test/unit/scripts/vercel-output-routes.test.ts, test/browser/vercel-output.test.ts); the
// local server must serve it the same.
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
let dev: DevServer;

beforeAll(async () => {
  dev = await startDevServer({ env: {}, port: 0 });
});
afterAll(() => dev.close());

describe('neutral public paths (vercel.json rewrites) on the local server', () => {
  it('POST /api/send is /api/event: stored, sent once, and a replay is a duplicate', async () => {
    const body = JSON.stringify({ event_id: crypto.randomUUID(), event_source_url: `${dev.url}/contact`, user: { email: 'neutral-path@example.com' }, consent: { ads: 'granted', gpc: false } });
    const post = (path: string) => fetch(`${dev.url}${path}`, { method: 'POST', headers: { origin: dev.url, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA }, body });
    const first = await post('/api/send');
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(dev.url);
    expect(await first.json()).toMatchObject({ status: 'sent' });
    expect(await (await post('/api/event')).json()).toMatchObject({ duplicate: true });
  });

  it('answers the CORS preflight on the neutral path', async () => {
    const res = await fetch(`${dev.url}/api/send`, { method: 'OPTIONS', headers: { origin: dev.url, 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(dev.url);
  });

  it('refuses a rewrite it cannot serve like Vercel instead of serving it differently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rewrites-'));
    writeFileSync(join(dir, 'vercel.json'), JSON.stringify({ rewrites: [{ source: '/r/:path*', destination: '/api/:path*' }] }));
    expect(() => readRewrites(join(dir, 'vercel.json'))).toThrow(/only exact local paths are served locally/);
    expect(rewritePath(new Map([['/api/send', '/api/event']]), '/api/send/')).toBe('/api/event');
    expect(rewritePath(new Map([['/api/send', '/api/event']]), '/api/other')).toBe('/api/other');
  });
});
