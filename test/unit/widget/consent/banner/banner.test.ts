// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BANNER_HOST_ID, showBanner } from '../../../../../widget/consent/banner/index.js';
import { BANNER_LANGUAGES, pickLanguage, textFor } from '../../../../../widget/consent/banner/strings.js';

const shadow = () => document.getElementById(BANNER_HOST_ID)?.shadowRoot ?? null;
const dialog = () => shadow()!.querySelector<HTMLElement>('[role=dialog]')!;
const buttons = () => [...shadow()!.querySelectorAll('button')];
const key = (target: Element, k: string, shiftKey = false) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true, composed: true }));

afterEach(() => {
  document.getElementById(BANNER_HOST_ID)?.remove();
  document.body.innerHTML = '';
});

describe('banner strings', () => {
  it('has the ten required languages, each complete and naming Meta', () => {
    expect(BANNER_LANGUAGES.sort()).toEqual(['da', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'sv']);
    for (const lang of BANNER_LANGUAGES) {
      const t = textFor(lang);
      expect(Object.values(t).every((s) => s.trim().length > 0)).toBe(true);
      expect(t.body).toContain('Meta');
      expect(t.accept).not.toBe(t.reject);
    }
  });

  it.each([
    ['fr', ['de-DE'], 'fr'],
    [undefined, ['de-AT', 'en'], 'de'],
    [undefined, ['ja', 'pt-BR'], 'pt'],
    ['xx', ['ja'], 'en'],
    [undefined, [], 'en'],
  ])('data-lang %s, browser %j → %s', (override, preferred, lang) => {
    expect(pickLanguage(override, preferred)).toBe(lang);
  });
});

describe('showBanner', () => {
  it('renders a labelled dialog in an open shadow root, with equal Reject and Accept and the privacy link', async () => {
    const choice = showBanner({ lang: 'de', theme: 'dark', privacyUrl: 'https://shop.example/datenschutz' });
    const host = document.getElementById(BANNER_HOST_ID)!;
    expect(host.getAttribute('data-theme')).toBe('dark');
    const d = dialog();
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(shadow()!.getElementById(d.getAttribute('aria-labelledby')!)!.textContent).toBe(textFor('de').title);
    expect(shadow()!.getElementById(d.getAttribute('aria-describedby')!)!.textContent).toBe(textFor('de').body);
    expect(d.getAttribute('lang')).toBe('de');
    const [reject, accept] = buttons();
    expect([reject!.textContent, accept!.textContent]).toEqual(['Ablehnen', 'Akzeptieren']);
    expect(reject!.className).toBe(accept!.className);
    expect(shadow()!.querySelector('input')).toBeNull(); // nothing to pre-tick
    expect(shadow()!.querySelector('a')!.getAttribute('href')).toBe('https://shop.example/datenschutz');
    accept!.click();
    expect(await choice).toBe('granted');
    expect(document.getElementById(BANNER_HOST_ID)).toBeNull();
  });

  it('has no privacy link when none is configured', async () => {
    const choice = showBanner({ lang: 'en' });
    expect(shadow()!.querySelector('a')).toBeNull();
    buttons()[0]!.click();
    expect(await choice).toBe('denied');
  });

  it('moves focus in, keeps Tab inside, and gives focus back on close', async () => {
    document.body.innerHTML = '<button id="before">site button</button>';
    const before = document.getElementById('before')!;
    before.focus();
    const choice = showBanner({ lang: 'en', privacyUrl: '/privacy' });
    const root = shadow()!;
    expect(root.activeElement).toBe(dialog());
    const [link] = [...root.querySelectorAll<HTMLElement>('a')];
    const [reject, accept] = buttons();
    accept!.focus();
    key(dialog(), 'Tab');
    expect(root.activeElement).toBe(link);
    key(dialog(), 'Tab', true);
    expect(root.activeElement).toBe(accept);
    reject!.focus();
    key(dialog(), 'Escape');
    expect(await choice).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('a second call while open returns the same answer and one banner', async () => {
    const a = showBanner();
    const b = showBanner();
    expect(document.querySelectorAll(`#${BANNER_HOST_ID}`)).toHaveLength(1);
    buttons()[1]!.click();
    expect(await a).toBe('granted');
    expect(await b).toBe('granted');
  });
});
