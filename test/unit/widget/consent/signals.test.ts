import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsentDecision } from '../../../../widget/consent/resolve.js';
import { startConsentSignals, type ConsentSignalsConfig } from '../../../../widget/consent/signals.js';
import { readStoredDecision, writeStoredDecision } from '../../../../widget/consent/store.js';
import type { CmpWindow, StoredDecision } from '../../../../widget/consent/types.js';
import * as fx from '../../../fixtures/consent/platforms.js';
import { freshWindow } from '../../../fixtures/consent/window.js';

// Settled states are awaited with vi.waitFor, not a fixed sleep: a loaded machine only makes them later.
// The sleeps left are part of a scenario (a platform that appears late) or hold a negative check open.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function region(optIn: boolean) {
  return vi.fn(async () => new Response(JSON.stringify({ optIn, country: optIn ? 'DE' : 'US' })));
}

function start(w: CmpWindow, patch: Partial<ConsentSignalsConfig> = {}) {
  const records: StoredDecision[] = [];
  const changes: ConsentDecision[] = [];
  const fetchImpl = patch.fetchImpl ?? region(true);
  const { adapters: _ignored, ...rest } = patch;
  const signals = startConsentSignals(
    { mode: 'auto', revision: '1', configUrl: 'https://t.example/api/config', adapters: () => import('../../../../widget/consent/cmp/index.js'), cmpGraceMs: 5, cmpTimeoutMs: 40, fetchImpl, onRecord: (r) => records.push(r), ...rest },
    w,
  );
  signals.subscribe((d) => changes.push(d));
  return { signals, records, changes, fetchImpl };
}

const pick = (d: ConsentDecision) => ({ ads: d.ads, source: d.source, allowed: d.allowed, askBanner: d.askBanner });

describe('startConsentSignals', () => {
  // The readers arrive by import() (a lazy chunk in the widget); load them once so timings below hold.
  beforeAll(() => import('../../../../widget/consent/cmp/index.js'));

  it('GPC: denied at once; no region lookup, no platform reads, never a banner', async () => {
    const w = freshWindow();
    Object.defineProperty(w.navigator, 'globalPrivacyControl', { value: true });
    fx.installCookiebot(w, { hasResponse: true, marketing: true, method: 'explicit' });
    const { signals, fetchImpl, records } = start(w);
    await vi.waitFor(() => expect(pick(signals.current())).toEqual({ ads: 'denied', source: 'gpc', allowed: false, askBanner: false }), { timeout: 2_000 });
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(records).toEqual([]);
  });

  it('opt-in region, no platform: asks once settled; Accept is stored, recorded and allows', async () => {
    const w = freshWindow();
    const { signals, records, changes } = start(w);
    expect(signals.current().askBanner).toBe(false); // region and late platforms not known yet
    await vi.waitFor(() => expect(pick(signals.current())).toEqual({ ads: 'unknown', source: 'region', allowed: false, askBanner: true }), { timeout: 2_000 });
    signals.record('granted', 'banner');
    expect(pick(signals.current())).toEqual({ ads: 'granted', source: 'banner', allowed: true, askBanner: false });
    expect(records).toEqual([{ v: '1', id: expect.any(String), ts: expect.any(Number), ads: 'granted', src: 'banner' }]);
    expect(readStoredDecision(w.document)).toEqual(records[0]);
    expect(signals.consentId()).toBe(records[0]!.id);
    expect(changes.at(-1)?.allowed).toBe(true);
  });

  it('opt-out region: allowed once the region is known and no platform appeared', async () => {
    const w = freshWindow();
    const { signals } = start(w, { fetchImpl: region(false) });
    expect(signals.current().allowed).toBe(false);
    await vi.waitFor(() => expect(pick(signals.current())).toEqual({ ads: 'unknown', source: 'region', allowed: true, askBanner: false }), { timeout: 2_000 });
  });

  it('data-consent=required skips the region lookup and asks everywhere', async () => {
    const w = freshWindow();
    const { signals, fetchImpl } = start(w, { mode: 'required', fetchImpl: region(false) });
    await vi.waitFor(() => expect(signals.current().askBanner).toBe(true), { timeout: 2_000 });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('a platform grant is followed, proof recorded once, and a later withdrawal recorded with the same id', async () => {
    const w = freshWindow();
    const bot = fx.installCookiebot(w, { hasResponse: true, marketing: true, method: 'explicit' });
    const { signals, records } = start(w);
    await vi.waitFor(() => expect(signals.current().source).toBe('cmp:cookiebot'), { timeout: 2_000 });
    bot.ready(); // the same answer again must not make a second proof
    expect(pick(signals.current())).toEqual({ ads: 'granted', source: 'cmp:cookiebot', allowed: true, askBanner: false });
    bot.decline();
    expect(pick(signals.current())).toEqual({ ads: 'denied', source: 'cmp:cookiebot', allowed: false, askBanner: false });
    expect(records.map((r) => [r.ads, r.src])).toEqual([
      ['granted', 'cmp:cookiebot'],
      ['denied', 'cmp:cookiebot'],
    ]);
    expect(records[1]!.id).toBe(records[0]!.id);
  });

  it('a platform that appears late (before the grace period ends) prevents our banner', async () => {
    const w = freshWindow();
    const { signals } = start(w, { cmpGraceMs: 30 });
    await sleep(10);
    fx.installOneTrust(w, ',C0001,', false);
    await vi.waitFor(() => expect(pick(signals.current())).toEqual({ ads: 'unknown', source: 'cmp:onetrust', allowed: false, askBanner: false }), { timeout: 2_000 });
  });

  it('a higher-precedence platform that appears late becomes the primary one (docs/consent.md §3.0 order)', async () => {
    const w = freshWindow();
    fx.installOneTrust(w, ',C0001,C0004,', true); // OneTrust, closed with advertising allowed
    const { signals } = start(w, { cmpGraceMs: 30 });
    await sleep(10); // part of the scenario: Cookiebot appears later, still within the grace period
    expect(signals.current().source).toBe('cmp:onetrust');
    // Cookiebot ranks above OneTrust: its implied (not explicit) refusal now decides, not OneTrust's grant
    fx.installCookiebot(w, { hasResponse: true, marketing: false, method: 'implied' });
    await vi.waitFor(() => expect(pick(signals.current())).toMatchObject({ source: 'cmp:cookiebot', allowed: false }), { timeout: 2_000 });
  });

  it('a platform that never answers: opt-in stays blocked, opt-out falls back to the region default', async () => {
    for (const [optIn, allowed] of [[true, false], [false, true]] as const) {
      const w = freshWindow();
      // Finsweet's markup is on the page but its library is blocked: the queue never runs.
      w.document.body.innerHTML = '<div fs-cc="banner"></div>';
      fx.installFinsweet(w);
      const { signals } = start(w, { fetchImpl: region(optIn) });
      await sleep(15);
      expect(signals.current().allowed).toBe(false);
        await vi.waitFor(() => expect(pick(signals.current())).toEqual({ ads: 'unknown', source: 'cmp:finsweet', allowed, askBanner: false }), { timeout: 2_000 });
    }
  });

  it('re-asks when the revision changed, keeping the consent id', async () => {
    const w = freshWindow();
    writeStoredDecision({ v: '1', id: 'old-id', ts: Date.now() - 1000, ads: 'granted', src: 'banner' }, w.document);
    const { signals, records } = start(w, { revision: '2' });
    await vi.waitFor(() => expect(signals.current().askBanner).toBe(true), { timeout: 2_000 });
    signals.record('denied', 'banner');
    expect(records).toEqual([{ v: '2', id: 'old-id', ts: expect.any(Number), ads: 'denied', src: 'banner' }]);
  });

  it('a current stored answer is used without asking', async () => {
    const w = freshWindow();
    writeStoredDecision({ v: '1', id: 'k', ts: Date.now() - 1000, ads: 'denied', src: 'banner' }, w.document);
    const { signals, records } = start(w);
    await vi.waitFor(() => expect(pick(signals.current())).toEqual({ ads: 'denied', source: 'banner', allowed: false, askBanner: false }), { timeout: 2_000 });
    expect(records).toEqual([]);
  });

  it('Consent Mode is read as a secondary signal', async () => {
    const w = freshWindow();
    fx.gtag(w, 'consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied' });
    const { signals } = start(w);
    await vi.waitFor(() => expect(signals.current().askBanner).toBe(true), { timeout: 2_000 });
    fx.gtag(w, 'consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' });
    expect(pick(signals.current())).toEqual({ ads: 'granted', source: 'cmp:gcm', allowed: true, askBanner: false });
  });
});
