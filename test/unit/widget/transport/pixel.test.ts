// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { FBEVENTS_URL, queuePixel, trackPixel } from '../../../../widget/transport/pixel.js';

afterEach(() => {
  delete window.fbq;
  delete window._fbq;
  document.head.innerHTML = '';
});

test('no fbq yet: the stub queues init + PageView, the library is injected only when asked', () => {
  const load = queuePixel('1234567890');
  expect(window.fbq!.queue).toEqual(expect.arrayContaining([['init', '1234567890'], ['track', 'PageView']]));
  expect(document.querySelector(`script[src="${FBEVENTS_URL}"]`)).toBeNull();
  load!();
  load!();
  expect(document.querySelectorAll(`script[src="${FBEVENTS_URL}"]`)).toHaveLength(1);
});

test('the page already has fbq: never init again, but track still carries eventID (4th argument)', () => {
  const calls: unknown[][] = [];
  window.fbq = Object.assign((...args: unknown[]) => void calls.push(args), { queue: [] }) as unknown as FbqStub;
  expect(queuePixel('1234567890')).toBeUndefined();
  trackPixel('Lead', { value: 5 }, 'evt-1');
  expect(calls).toEqual([['track', 'Lead', { value: 5 }, { eventID: 'evt-1' }]]);
});

test('track without custom data sends an empty object, and no fbq at all is a no-op', () => {
  expect(() => trackPixel('Lead', undefined, 'evt-2')).not.toThrow();
  queuePixel('1234567890');
  trackPixel('Lead', undefined, 'evt-2');
  expect(window.fbq!.queue).toContainEqual(['track', 'Lead', {}, { eventID: 'evt-2' }]);
});
