import { describe, expect, it } from 'vitest';
import { CMP_MARKERS, detectCmps } from '../../../../../widget/consent/cmp/detect.js';
import { freshWindow } from '../../../../fixtures/consent/window.js';

describe('detectCmps', () => {
  it.each([
    ['__tcfapi', 'tcf'],
    ['Cookiebot', 'cookiebot'],
    ['OnetrustActiveGroups', 'onetrust'],
    ['getCkyConsent', 'cookieyes'],
    ['complianz', 'complianz'],
    ['FsCC', 'finsweet'],
    ['UC_UI', 'usercentrics'],
    ['_iub', 'iubenda'],
    ['Osano', 'osano'],
    ['Termly', 'termly'],
    ['_axcb', 'axeptio'],
    ['wp_consent_type', 'wp-consent'],
  ])('global %s → %s', (global, name) => {
    const w = freshWindow();
    w[global] = {};
    expect(detectCmps(w, w.document)).toEqual([name]);
  });

  it.each([
    ['<div fs-cc="banner"></div>', 'finsweet'],
    ['<script id="usercentrics-cmp" data-settings-id="x"></script>', 'usercentrics'],
  ])('markup %s → %s', (html, name) => {
    const w = freshWindow();
    w.document.body.innerHTML = html;
    expect(detectCmps(w, w.document)).toEqual([name]);
  });

  it('finds nothing on a plain page, even with the WP Consent API but no consent type (no CMP behind it)', () => {
    const w = freshWindow();
    w.wp_has_consent = () => true;
    w.dataLayer = [];
    expect(detectCmps(w, w.document)).toEqual([]);
  });

  it('lists several in precedence order', () => {
    const w = freshWindow();
    w.wp_consent_type = 'optin';
    w.cmplz_has_consent = () => false;
    w.__tcfapi = () => undefined;
    expect(detectCmps(w, w.document)).toEqual(['tcf', 'complianz', 'wp-consent']);
    expect(CMP_MARKERS.map(([n]) => n).indexOf('tcf')).toBe(0);
  });
});
