// @vitest-environment happy-dom
import { afterEach, expect, test, vi } from 'vitest';
import { installPublicApi } from '../../../widget/public-api.js';

afterEach(() => {
  delete window.capiRelay;
});

test('calls queued before load run in order, then push and direct calls work', () => {
  // the documented stub: window.capiRelay = window.capiRelay || []; capiRelay.push([...])
  window.capiRelay = [
    ['identify', { email: 'a@example.org' }],
    ['track', 'Lead', { phone: '1' }, { value: 3 }],
  ];
  const calls: unknown[][] = [];
  const ok = installPublicApi({
    track: (...args: never[]) => void calls.push(['track', ...args]),
    identify: (...args: never[]) => void calls.push(['identify', ...args]),
  });
  expect(ok).toBe(true);
  expect(calls).toEqual([
    ['identify', { email: 'a@example.org' }],
    ['track', 'Lead', { phone: '1' }, { value: 3 }],
  ]);
  const api = window.capiRelay as { push(call: unknown[]): void; track(...args: unknown[]): void };
  api.push(['track', 'Contact']);
  api.track('Schedule');
  expect(calls.slice(2)).toEqual([['track', 'Contact'], ['track', 'Schedule']]);
});

test('unknown methods and throwing methods never reach the page', () => {
  window.capiRelay = [['nope'], 'garbage', ['boom']];
  expect(() =>
    installPublicApi({
      boom: () => {
        throw new Error('x');
      },
    }),
  ).not.toThrow();
  expect(() => (window.capiRelay as { push(c: unknown): void }).push(null)).not.toThrow();
});

test('a second copy of w.js changes nothing', () => {
  const first = vi.fn();
  installPublicApi({ track: first });
  const api = window.capiRelay;
  expect(installPublicApi({ track: vi.fn() })).toBe(false);
  expect(window.capiRelay).toBe(api);
});
