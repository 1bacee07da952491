// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { findOwnScript, formOverrides, isIgnored, readConfig } from '../../../widget/config.js';

function scriptWith(attrs: Record<string, string>, src = 'https://t.example.com/w.js'): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/x-inert'; // attached for querySelector, never loaded
  script.setAttribute('src', src);
  for (const [k, v] of Object.entries(attrs)) script.setAttribute(k, v);
  document.body.append(script);
  return script;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('readConfig', () => {
  test.each([
    ['defaults', {}, { event: 'Lead', endpoint: 'https://t.example.com/', loadPixel: true, debug: false }],
    ['pixel id', { 'data-pixel-id': '1234567890' }, { pixelId: '1234567890' }],
    ['non-numeric pixel id is dropped', { 'data-pixel-id': '12ab' }, { pixelId: undefined }],
    ['event, value, currency', { 'data-event': 'Contact', 'data-value': '25.5', 'data-currency': 'eur' }, { event: 'Contact', value: 25.5, currency: 'EUR' }],
    ['bad value and currency are dropped', { 'data-value': 'abc', 'data-currency': 'euro' }, { value: undefined, currency: undefined }],
    ['negative value is dropped', { 'data-value': '-3' }, { value: undefined }],
    ['odd event name falls back to Lead', { 'data-event': '<script>' }, { event: 'Lead' }],
    ['endpoint override gets one trailing slash', { 'data-endpoint': 'https://relay.example.net//' }, { endpoint: 'https://relay.example.net/' }],
    ['endpoint override with a path', { 'data-endpoint': 'https://www.example.net/t' }, { endpoint: 'https://www.example.net/t/' }],
    ['load-pixel off', { 'data-load-pixel': 'false' }, { loadPixel: false }],
    ['debug on by presence', { 'data-debug': '' }, { debug: true }],
    ['debug off explicitly', { 'data-debug': 'false' }, { debug: false }],
  ])('%s', (_name, attrs, expected) => {
    expect(readConfig(scriptWith(attrs))).toMatchObject(expected);
  });

  test('w.js behind a path proxy on the site: the endpoint is that folder, query and all ignored', () => {
    expect(readConfig(scriptWith({}, 'https://www.example.com/t/w.js?v=2')).endpoint).toBe('https://www.example.com/t/');
  });

  test('no script tag: the page origin is the endpoint', () => {
    expect(readConfig(null).endpoint).toBe(location.origin + '/');
  });

  test('findOwnScript falls back to the first /w.js tag when currentScript is unset', () => {
    scriptWith({}, 'https://cdn.example.com/other.js');
    const own = scriptWith({}, 'https://t.example.com/w.js?v=2');
    expect(findOwnScript()).toBe(own);
  });
});

describe('per-form overrides', () => {
  test('closest ancestor carrying each attribute wins, per attribute', () => {
    document.body.innerHTML = `
      <div data-capi-event="Contact" data-capi-value="10" data-capi-currency="usd">
        <section data-capi-value="99">
          <form id="f"></form>
        </section>
      </div>`;
    expect(formOverrides(document.getElementById('f')!)).toEqual({ event: 'Contact', value: 99, currency: 'USD' });
  });

  test('no attributes → nothing overridden', () => {
    document.body.innerHTML = '<form id="f"></form>';
    expect(formOverrides(document.getElementById('f')!)).toEqual({ event: undefined, value: undefined, currency: undefined });
  });

  test.each([
    ['<div data-capi-ignore><form id="f"></form></div>', true],
    ['<form id="f" data-capi-ignore="true"></form>', true],
    ['<form id="f" data-capi-ignore="false"></form>', false],
    ['<form id="f"></form>', false],
  ])('data-capi-ignore: %s → %s', (html, ignored) => {
    document.body.innerHTML = html;
    expect(isIgnored(document.getElementById('f')!)).toBe(ignored);
  });
});
