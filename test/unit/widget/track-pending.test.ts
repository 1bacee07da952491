// @vitest-environment happy-dom
import { expect, test, vi } from 'vitest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('capiRelay.track returns the event id, and { pending: true } goes on the wire as `pending`, not as custom data', async () => {
  const script = document.createElement('script');
  script.src = 'https://t.example.test/w.js';
  script.dataset['consent'] = 'external';
  script.type = 'text/plain'; // found by its src, never loaded by happy-dom
  document.body.append(script);
  const fbq = vi.fn();
  window.fbq = fbq as never; // the site's own Pixel: w.js tracks through it
  const fetch = vi.fn(async (_url: unknown, _init?: RequestInit) => new Response('{}'));
  vi.stubGlobal('fetch', fetch);
  await import('../../../widget/index.js');
  const api = window.capiRelay as { track(...args: unknown[]): unknown; consent(a: string): void };

  const pendingId = api.track('Lead', {}, { pending: true, value: 5, currency: 'EUR' });
  const plainId = api.track('Lead', { email: 'a@example.org' }, null);
  expect(pendingId).toMatch(UUID);
  expect(plainId).toMatch(UUID);
  expect(plainId).not.toBe(pendingId);
  api.consent('grant'); // held until consent allows Meta: then sent with the ids already handed out
  await new Promise((done) => setTimeout(done, 0));

  const sent = fetch.mock.calls.filter(([url]) => String(url).endsWith('api/send')).map(([, init]) => JSON.parse((init as RequestInit).body as string));
  expect(sent).toHaveLength(2);
  expect(sent[0]).toMatchObject({ event_id: pendingId, pending: true, custom_data: { value: 5, currency: 'EUR' }, source: { tool: 'api' } });
  expect(sent[0].custom_data).not.toHaveProperty('pending');
  expect(sent[1]).toMatchObject({ event_id: plainId, pending: false, user: { email: 'a@example.org' } });
  expect(sent[1]).not.toHaveProperty('custom_data');
  const pixel = fbq.mock.calls.filter(([method]) => method == 'track');
  expect(pixel).toEqual([
    ['track', 'Lead', { value: 5, currency: 'EUR' }, { eventID: pendingId }],
    ['track', 'Lead', {}, { eventID: plainId }],
  ]);
  vi.unstubAllGlobals();
});
