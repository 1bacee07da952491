import { describe, expect, it } from 'vitest';
import { resolveConsent, type ConsentInputs } from '../../../../widget/consent/resolve.js';
import type { StoredDecision } from '../../../../widget/consent/types.js';

const base: ConsentInputs = { mode: 'auto', gpc: false, regionOptIn: true, settled: true, cmps: [], readings: {}, stored: null };
const banner = (ads: 'granted' | 'denied', src = 'banner'): StoredDecision => ({ v: '1', id: 'c-1', ts: 1, ads, src });
type Expect = { ads: string; source: string; allowed: boolean; askBanner: boolean };

describe('resolveConsent (docs/consent.md §0 policy table)', () => {
  it.each<[string, Partial<ConsentInputs>, Expect]>([
    ['opt-in region, no answer: nothing fires, our banner asks', {}, { ads: 'unknown', source: 'region', allowed: false, askBanner: true }],
    ['opt-in region, not settled yet: no banner yet', { settled: false }, { ads: 'unknown', source: 'region', allowed: false, askBanner: false }],
    ['opt-out region, no answer: allowed once settled', { regionOptIn: false }, { ads: 'unknown', source: 'region', allowed: true, askBanner: false }],
    ['opt-out region before settling: not yet', { regionOptIn: false, settled: false }, { ads: 'unknown', source: 'region', allowed: false, askBanner: false }],
    ['data-consent=required forces opt-in in an opt-out region', { mode: 'required', regionOptIn: false }, { ads: 'unknown', source: 'region', allowed: false, askBanner: true }],
    ['GPC beats a stored grant, never asks', { gpc: true, stored: banner('granted') }, { ads: 'denied', source: 'gpc', allowed: false, askBanner: false }],
    ['GPC in an opt-out region', { gpc: true, regionOptIn: false }, { ads: 'denied', source: 'gpc', allowed: false, askBanner: false }],
    ['stored banner grant', { stored: banner('granted') }, { ads: 'granted', source: 'banner', allowed: true, askBanner: false }],
    ['stored banner refusal also in an opt-out region', { stored: banner('denied'), regionOptIn: false }, { ads: 'denied', source: 'banner', allowed: false, askBanner: false }],
    ['a platform is present but silent: wait, never our banner', { cmps: ['cookiebot'] }, { ads: 'unknown', source: 'cmp:cookiebot', allowed: false, askBanner: false }],
    ['a platform outranks our stored answer', { cmps: ['cookiebot'], readings: { cookiebot: { ads: 'denied', explicit: true } }, stored: banner('granted') },
      { ads: 'denied', source: 'cmp:cookiebot', allowed: false, askBanner: false }],
    ['implied platform grant is no consent in an opt-in region', { cmps: ['onetrust'], readings: { onetrust: { ads: 'granted', explicit: false } } },
      { ads: 'unknown', source: 'cmp:onetrust', allowed: false, askBanner: false }],
    ['implied platform grant counts in an opt-out region', { regionOptIn: false, cmps: ['onetrust'], readings: { onetrust: { ads: 'granted', explicit: false } } },
      { ads: 'granted', source: 'cmp:onetrust', allowed: true, askBanner: false }],
    ['explicit platform grant', { cmps: ['cookiebot'], readings: { cookiebot: { ads: 'granted', explicit: true } } }, { ads: 'granted', source: 'cmp:cookiebot', allowed: true, askBanner: false }],
    ['an explicit refusal from any source wins over the primary grant',
      { cmps: ['tcf', 'wp-consent'], readings: { tcf: { ads: 'granted', explicit: true }, 'wp-consent': { ads: 'denied', explicit: true } } },
      { ads: 'denied', source: 'cmp:wp-consent', allowed: false, askBanner: false }],
    ['precedence: the first detected platform decides', { cmps: ['cookiebot', 'wp-consent'], readings: { cookiebot: { ads: 'granted', explicit: true }, 'wp-consent': { ads: 'unknown', explicit: false } } },
      { ads: 'granted', source: 'cmp:cookiebot', allowed: true, askBanner: false }],
    ['Consent Mode update grant with no platform: no banner needed', { readings: { gcm: { ads: 'granted', explicit: true } } }, { ads: 'granted', source: 'cmp:gcm', allowed: true, askBanner: false }],
    ['Consent Mode default grant is ignored', { readings: { gcm: { ads: 'granted', explicit: false } } }, { ads: 'unknown', source: 'region', allowed: false, askBanner: true }],
    ['Consent Mode default denial does not block our banner', { readings: { gcm: { ads: 'denied', explicit: false } } }, { ads: 'unknown', source: 'region', allowed: false, askBanner: true }],
    ['Consent Mode update denial wins over our stored grant', { readings: { gcm: { ads: 'denied', explicit: true } }, stored: banner('granted') },
      { ads: 'denied', source: 'cmp:gcm', allowed: false, askBanner: false }],
    ['external: nothing until the site calls consent(), never our banner, in any region', { mode: 'external', regionOptIn: false },
      { ads: 'unknown', source: 'external', allowed: false, askBanner: false }],
    ['external: the site granted', { mode: 'external', stored: banner('granted', 'external') }, { ads: 'granted', source: 'external', allowed: true, askBanner: false }],
    ['external: a banner answer from before does not count', { mode: 'external', stored: banner('granted') }, { ads: 'unknown', source: 'external', allowed: false, askBanner: false }],
    ['external: platforms are ignored', { mode: 'external', cmps: ['cookiebot'], readings: { cookiebot: { ads: 'granted', explicit: true } } },
      { ads: 'unknown', source: 'external', allowed: false, askBanner: false }],
  ])('%s', (_name, patch, expected) => {
    const d = resolveConsent({ ...base, ...patch });
    expect({ ads: d.ads, source: d.source, allowed: d.allowed, askBanner: d.askBanner }).toEqual(expected);
  });

  it('reports GPC alongside the decision', () => {
    expect(resolveConsent({ ...base, gpc: true, regionOptIn: false })).toEqual({
      ads: 'denied', gpc: true, source: 'gpc', explicit: false, allowed: false, askBanner: false,
    });
  });
});
