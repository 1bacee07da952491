import { describe, expect, it } from 'vitest';
import { axeptio } from '../../../../../widget/consent/cmp/axeptio.js';
import { complianz } from '../../../../../widget/consent/cmp/complianz.js';
import { cookiebot } from '../../../../../widget/consent/cmp/cookiebot.js';
import { cookieyes } from '../../../../../widget/consent/cmp/cookieyes.js';
import { finsweet } from '../../../../../widget/consent/cmp/finsweet.js';
import { googleConsentMode } from '../../../../../widget/consent/cmp/google-consent-mode.js';
import { DEFAULT_CMP_OPTIONS } from '../../../../../widget/consent/cmp/index.js';
import { iubenda } from '../../../../../widget/consent/cmp/iubenda.js';
import { onetrust } from '../../../../../widget/consent/cmp/onetrust.js';
import { osano } from '../../../../../widget/consent/cmp/osano.js';
import { tcf } from '../../../../../widget/consent/cmp/tcf.js';
import { termly } from '../../../../../widget/consent/cmp/termly.js';
import { usercentrics } from '../../../../../widget/consent/cmp/usercentrics.js';
import { wpConsent } from '../../../../../widget/consent/cmp/wp-consent.js';
import type { CmpAdapter, CmpOptions, CmpReading, CmpWindow } from '../../../../../widget/consent/types.js';
import * as fx from '../../../../fixtures/consent/platforms.js';
import { freshWindow } from '../../../../fixtures/consent/window.js';

const G = (explicit: boolean): CmpReading => ({ ads: 'granted', explicit });
const D: CmpReading = { ads: 'denied', explicit: true };
const U = (explicit = false): CmpReading => ({ ads: 'unknown', explicit });

interface Case {
  name: string;
  adapter: CmpAdapter;
  /** install the platform before the adapter starts; returns what runs after */
  before: (w: CmpWindow) => ((w: CmpWindow) => void) | void;
  options?: Partial<CmpOptions>;
  /** every reading reported, in order */
  expected: CmpReading[];
}

const TCF_ALL = { gdprApplies: true, eventStatus: 'useractioncomplete', purpose: { consents: { 1: true, 3: true, 4: true, 7: true } } };

const cases: Case[] = [
  // §3.1 TCF
  { name: 'tcf: GDPR not applicable is an implied grant', adapter: tcf, before: (w) => void fx.installTcf(w, { gdprApplies: false }), expected: [G(false)] },
  { name: 'tcf: waits while the UI is shown, then purposes 1/3/4/7 grant (opted in)', adapter: tcf, options: { tcfPurposes: true },
    before: (w) => { const t = fx.installTcf(w, { gdprApplies: true, eventStatus: 'cmpuishown', purpose: { consents: {} } }); return () => t.change(TCF_ALL); },
    expected: [G(true)] },
  { name: 'tcf: purpose consents alone are no basis unless the site opts in', adapter: tcf, before: (w) => void fx.installTcf(w, TCF_ALL), expected: [D] },
  { name: 'tcf: a missing purpose 7 is a refusal', adapter: tcf, options: { tcfPurposes: true },
    before: (w) => void fx.installTcf(w, { ...TCF_ALL, eventStatus: 'tcloaded', purpose: { consents: { 1: true, 3: true, 4: true } } }), expected: [D] },
  // §3.4 Cookiebot
  { name: 'cookiebot: no response yet says nothing', adapter: cookiebot, before: (w) => void fx.installCookiebot(w, { hasResponse: false, marketing: false, method: null }), expected: [] },
  { name: 'cookiebot: explicit marketing consent, then a decline click', adapter: cookiebot,
    before: (w) => { const c = fx.installCookiebot(w, { hasResponse: true, marketing: true, method: 'explicit' }); return () => c.decline(); },
    expected: [G(true), D] },
  { name: 'cookiebot: implied consent is not explicit', adapter: cookiebot, before: (w) => void fx.installCookiebot(w, { hasResponse: true, marketing: true, method: 'implied' }), expected: [G(false)] },
  { name: 'cookiebot: an accept click fires CookiebotOnAccept', adapter: cookiebot,
    before: (w) => { const c = fx.installCookiebot(w, { hasResponse: false, marketing: false, method: null }); return () => c.accept(); }, expected: [G(true)] },
  // §3.5 OneTrust
  { name: 'onetrust: C0004 active in an opt-in model before any click is implied', adapter: onetrust, before: (w) => void fx.installOneTrust(w, ',C0001,C0004,', false), expected: [G(false)] },
  { name: 'onetrust: saving without C0004 is a refusal', adapter: onetrust,
    before: (w) => { const o = fx.installOneTrust(w, ',C0001,', false); return () => o.save(',C0001,C0002,'); }, expected: [U(false), D] },
  { name: 'onetrust: C0004 after the banner closed is explicit', adapter: onetrust,
    before: (w) => { const o = fx.installOneTrust(w, ',C0001,', false); return () => o.save(',C0001,C0004,'); }, expected: [U(false), G(true)] },
  { name: 'onetrust: implied-consent model never counts as explicit', adapter: onetrust, before: (w) => void fx.installOneTrust(w, ',C0001,C0004,', true, 'implied consent'), expected: [G(false)] },
  { name: 'onetrust: a custom group id', adapter: onetrust, options: { oneTrustGroup: 'C0007' }, before: (w) => void fx.installOneTrust(w, ',C0001,C0007,', true), expected: [G(true)] },
  // §3.6 CookieYes
  { name: 'cookieyes: nothing chosen yet', adapter: cookieyes,
    before: (w) => { const c = fx.installCookieYes(w, false, false); return () => c.choose(true); }, expected: [U(false), G(true)] },
  { name: 'cookieyes: CCPA-style default grant is implied', adapter: cookieyes, before: (w) => void fx.installCookieYes(w, true, false), expected: [G(false)] },
  { name: 'cookieyes: rejecting advertisement', adapter: cookieyes,
    before: (w) => { const c = fx.installCookieYes(w, true, true); return () => c.choose(false); }, expected: [G(true), D] },
  // §3.7 Complianz
  { name: 'complianz: has_consent without a cookie is implied (bots, opt-out regions)', adapter: complianz, before: (w) => void fx.installComplianz(w, { hasConsent: true }), expected: [G(false)] },
  { name: 'complianz: the allow cookie is explicit, a later deny is a refusal', adapter: complianz,
    before: (w) => { const c = fx.installComplianz(w, { hasConsent: true, cookie: 'allow' }); return () => c.set('deny'); }, expected: [G(true), D] },
  { name: 'complianz: custom cookie prefix', adapter: complianz, before: (w) => void fx.installComplianz(w, { hasConsent: false, cookie: 'allow', prefix: 'site_' }), expected: [G(true)] },
  // §3.8 WP Consent API
  { name: 'wp-consent: opt-in type without a cookie is no answer', adapter: wpConsent,
    before: (w) => { const c = fx.installWpConsent(w, 'optin'); return () => c.change('allow'); }, expected: [U(false), G(true)] },
  { name: 'wp-consent: opt-out type is an implied grant', adapter: wpConsent, before: (w) => void fx.installWpConsent(w, 'optout'), expected: [G(false)] },
  { name: 'wp-consent: the deny cookie is a refusal', adapter: wpConsent, before: (w) => void fx.installWpConsent(w, 'optin', 'deny'), expected: [D] },
  { name: 'wp-consent: a consent type defined late', adapter: wpConsent,
    before: (w) => { const c = fx.installWpConsent(w, undefined); return () => c.defineType('optout'); }, expected: [G(false)] },
  // §3.13 Finsweet
  { name: 'finsweet: queued before the library loads; returning visitor who accepted', adapter: finsweet,
    before: (w) => { const f = fx.installFinsweet(w); return () => f.load({ marketing: true, confirmed: true }); }, expected: [G(true)] },
  { name: 'finsweet: unconfirmed, then the visitor denies', adapter: finsweet,
    before: (w) => { const f = fx.installFinsweet(w); return () => (f.load(), f.choose(false)); }, expected: [U(false), D] },
  // §3.10 Usercentrics
  { name: 'usercentrics: stored explicit consent for the Meta service', adapter: usercentrics, before: (w) => void fx.installUsercentrics(w, { status: true, type: 'explicit' }), expected: [G(true)] },
  { name: 'usercentrics: v2 event, implicit, then explicit deny-all', adapter: usercentrics,
    before: (w) => { const u = fx.installUsercentrics(w); return () => (u.v2({ type: 'implicit', 'Facebook Pixel': true }), u.v2({ type: 'explicit', action: 'onDenyAllServices', 'Facebook Pixel': false })); },
    expected: [G(false), D] },
  { name: 'usercentrics: v2 falls back to ucCategory.marketing', adapter: usercentrics,
    before: (w) => { const u = fx.installUsercentrics(w); return () => u.v2({ type: 'explicit', ucCategory: { marketing: true } }); }, expected: [G(true)] },
  { name: 'usercentrics: v3 services list', adapter: usercentrics,
    before: (w) => { const u = fx.installUsercentrics(w); return () => u.v3(true, 'EXPLICIT'); }, expected: [G(true)] },
  // §3.12 iubenda
  { name: 'iubenda: preference callback, site callback still runs', adapter: iubenda,
    before: (w) => { const seen: unknown[] = []; const i = fx.installIubenda(w, (p) => seen.push(p)); return () => { i.express({ consent: true }); expect(seen).toEqual([{ consent: true }]); }; },
    expected: [G(true)] },
  { name: 'iubenda: per-purpose preference without purpose 5', adapter: iubenda,
    before: (w) => { const i = fx.installIubenda(w); return () => i.express({ consent: true, purposes: { 1: true, 4: true, 5: false } }); }, expected: [D] },
  { name: 'iubenda: runtime API on a returning visit', adapter: iubenda, before: (w) => void fx.installIubenda(w).loadApi(true, true), expected: [G(true)] },
  // §3.9 Osano
  { name: 'osano: initialized before a choice, then saved', adapter: osano,
    before: (w) => { const o = fx.installOsano(w); return () => (o.fire('osano-cm-initialized', undefined), o.fire('osano-cm-consent-saved', { ESSENTIAL: 'ACCEPT', MARKETING: 'ACCEPT' })); },
    expected: [U(false), G(true)] },
  { name: 'osano: a saved refusal', adapter: osano,
    before: (w) => { const o = fx.installOsano(w); return () => o.fire('osano-cm-consent-saved', { MARKETING: 'DENY' }); }, expected: [D] },
  // §3.11 Termly
  { name: 'termly: advertising allowed, then withdrawn', adapter: termly,
    before: (w) => { const t = fx.installTermly(w, true); return () => t.choose(false); }, expected: [G(true), D] },
  // §3.15 Axeptio
  { name: 'axeptio: queued, then choices for the Meta vendor', adapter: axeptio,
    before: (w) => { const a = fx.installAxeptio(w); return () => (a.load(), a.complete({ facebook_pixel: true }), a.complete({ facebook_pixel: false })); }, expected: [G(true), D] },
  { name: 'axeptio: custom vendor key', adapter: axeptio, options: { axeptioVendor: 'meta' },
    before: (w) => { const a = fx.installAxeptio(w); return () => (a.load(), a.complete({ facebook_pixel: true })); }, expected: [D] },
  // §3.3 Google Consent Mode
  { name: 'gcm: a denied default is not explicit', adapter: googleConsentMode,
    before: (w) => void fx.gtag(w, 'consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }), expected: [{ ads: 'denied', explicit: false }] },
  { name: 'gcm: an update granting all ad types is explicit', adapter: googleConsentMode,
    before: (w) => { fx.gtag(w, 'consent', 'default', { ad_storage: 'denied' }); return () => fx.gtag(w, 'consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }); },
    expected: [{ ads: 'denied', explicit: false }, G(true)] },
  { name: 'gcm: region-scoped defaults are ignored; partial grants are no answer', adapter: googleConsentMode,
    before: (w) => void fx.gtag(w, 'consent', 'default', { ad_storage: 'denied', region: ['FR'] }), expected: [U(false)] },
];

describe('consent platform adapters (docs/consent.md §3)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const w = freshWindow();
    const after = c.before(w);
    const seen: CmpReading[] = [];
    c.adapter.watch(w, (r) => seen.push(r), { ...DEFAULT_CMP_OPTIONS, ...c.options });
    if (after) after(w);
    expect(seen).toEqual(c.expected);
  });

  it('a platform whose API throws never throws into the page', () => {
    const w = freshWindow();
    w.Cookiebot = {
      get hasResponse(): boolean {
        throw new Error('changed API');
      },
    };
    const seen: CmpReading[] = [];
    expect(() => cookiebot.watch(w, (r) => seen.push(r), DEFAULT_CMP_OPTIONS)).not.toThrow();
    expect(seen).toEqual([]);
  });
});
