// @vitest-environment happy-dom
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BANNER_HOST_ID } from '../../../../widget/consent/banner/index.js';
import { readConsentConfig, type ConsentConfig } from '../../../../widget/consent/config.js';
import { startConsent } from '../../../../widget/consent/controller.js';
import { CONSENT_COOKIE } from '../../../../widget/consent/store.js';

// vitest resolves an absolute source path in import(), standing in for the built banner.js.
const BANNER_MODULE = resolve(process.cwd(), 'widget/consent/banner/index.tsx');
const ADAPTERS_MODULE = resolve(process.cwd(), 'widget/consent/cmp/index.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const config = (patch: Partial<ConsentConfig> = {}): ConsentConfig => ({ ...readConsentConfig(null), ...patch });

let posts: { url: string; body: unknown }[];

function serve(optIn: boolean) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (url.endsWith('/api/config')) return new Response(JSON.stringify({ optIn, country: optIn ? 'FR' : 'US' }));
    posts.push({ url, body: JSON.parse(String(init?.body)) });
    return new Response('{"recorded":true}');
  });
}

const start = (patch: Partial<ConsentConfig> = {}, bannerUrl = BANNER_MODULE) =>
  startConsent(config(patch), { api: 'https://t.shop.example/', chunkUrl: (file) => (file === 'banner.js' ? bannerUrl : ADAPTERS_MODULE) }, { cmpGraceMs: 5, cmpTimeoutMs: 50 });
const banner = () => document.getElementById(BANNER_HOST_ID)?.shadowRoot;

async function waitFor<T>(get: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = get();
    if (value) return value;
    await sleep(10);
  }
  throw new Error('timed out');
}

beforeEach(() => {
  posts = [];
  document.cookie = `${CONSENT_COOKIE}=; Max-Age=0; Path=/`;
  sessionStorage.clear();
});
afterEach(() => {
  document.getElementById(BANNER_HOST_ID)?.remove();
  vi.unstubAllGlobals();
});

describe('readConsentConfig', () => {
  it('reads the script tag and falls back to defaults on bad values', () => {
    const script = document.createElement('script');
    Object.assign(script.dataset, { consent: 'required', consentRevision: '2025-10', privacyUrl: '/privacy', theme: 'dark', lang: 'sv', ldu: 'true', onetrustGroup: 'C0009', tcfPurposes: '1' });
    expect(readConsentConfig(script)).toEqual({
      mode: 'required', revision: '2025-10', privacyUrl: '/privacy', theme: 'dark', lang: 'sv', limitedDataUse: true, cmpOptions: { tcfPurposes: true, oneTrustGroup: 'C0009' },
    });
    const bad = document.createElement('script');
    Object.assign(bad.dataset, { consent: 'maybe', consentRevision: 'a b', privacyUrl: 'javascript:alert(1)', theme: 'pink' });
    expect(readConsentConfig(bad)).toEqual({ mode: 'auto', revision: '1', privacyUrl: undefined, theme: 'auto', lang: undefined, limitedDataUse: false, cmpOptions: { tcfPurposes: false } });
  });
});

describe('startConsent', () => {
  it('opt-in region: a lead made before the answer is held, sent after Accept, and the answer is posted as proof', async () => {
    serve(true);
    const consent = start({ privacyUrl: '/privacy' });
    const sent: string[] = [];
    consent.whenAllowed(() => sent.push('lead'));
    const root = await waitFor(banner);
    expect(sent).toEqual([]);
    root.querySelectorAll('button')[1]!.click(); // Accept
    await waitFor(() => sent.length > 0);
    expect(sent).toEqual(['lead']);
    expect(consent.snapshot()).toEqual({ ads: 'granted', gpc: false, source: 'banner', id: expect.any(String) });
    await waitFor(() => posts.length > 0);
    expect(posts).toEqual([
      { url: 'https://t.shop.example/api/consent', body: { id: consent.snapshot().id, ads: 'granted', source: 'banner', revision: '1', ts: expect.any(Number), lang: 'en', page: expect.stringMatching(/^http/) } },
    ]);
    consent.whenAllowed(() => sent.push('later'));
    expect(sent).toEqual(['lead', 'later']);
  });

  it('Reject drops the held lead and anything made while refused', async () => {
    serve(true);
    const consent = start();
    const sent: string[] = [];
    consent.whenAllowed(() => sent.push('lead'));
    (await waitFor(banner)).querySelectorAll('button')[0]!.click(); // Reject
    await waitFor(() => posts.length > 0);
    consent.whenAllowed(() => sent.push('while refused'));
    consent.consent('grant'); // a later explicit grant…
    expect(sent).toEqual([]); // …never resurrects what happened before it
    consent.whenAllowed(() => sent.push('after grant'));
    expect(sent).toEqual(['after grant']);
    expect(posts.map((p) => (p.body as { ads: string }).ads)).toEqual(['denied', 'granted']);
  });

  it('opt-out region: runs without a banner', async () => {
    serve(false);
    const consent = start();
    const sent: string[] = [];
    consent.whenAllowed(() => sent.push('lead'));
    await waitFor(() => sent.length > 0);
    expect(banner()).toBeFalsy();
    expect(consent.snapshot()).toEqual({ ads: 'unknown', gpc: false, source: 'region' });
  });

  it('data-consent=external: waits for capiRelay.consent(), ignores junk arguments, never shows a banner', async () => {
    serve(false);
    const consent = start({ mode: 'external' });
    const sent: string[] = [];
    consent.whenAllowed(() => sent.push('lead'));
    consent.consent('yes please');
    consent.showConsent();
    await sleep(30);
    expect(sent).toEqual([]);
    expect(banner()).toBeFalsy();
    consent.consent('grant');
    expect(sent).toEqual(['lead']);
    consent.consent('revoke');
    expect(consent.snapshot().ads).toBe('denied');
  });

  it('a blocked banner.js leaves everything off', async () => {
    serve(true);
    const consent = start({}, '/nonexistent/banner.js');
    const sent: string[] = [];
    consent.whenAllowed(() => sent.push('lead'));
    await sleep(60);
    expect(sent).toEqual([]);
    expect(consent.snapshot().ads).toBe('unknown');
  });

  it('showConsent() reopens the banner to withdraw', async () => {
    serve(true);
    const consent = start();
    (await waitFor(banner)).querySelectorAll('button')[1]!.click();
    await waitFor(() => consent.snapshot().ads === 'granted');
    const changes: boolean[] = [];
    consent.subscribe((d) => changes.push(d.allowed));
    consent.showConsent();
    (await waitFor(banner)).querySelectorAll('button')[0]!.click();
    await waitFor(() => changes.length > 0);
    expect(changes).toEqual([false]);
  });
});
