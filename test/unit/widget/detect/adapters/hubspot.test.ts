// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CANARY } from '../../../../support/canaries.js';
import { hubspot } from '../../../../../widget/detect/adapters/hubspot.js';
import { runDetection, settle } from './detection.js';

const { confirmed, reset } = runDetection([hubspot]);
beforeEach(reset);
afterEach(() => delete (window as { HubSpotFormsV4?: unknown }).HubSpotFormsV4);

let unique = 0;
const formId = (): string => `2f1c3a9e-0000-4000-8000-${String(++unique).padStart(12, '0')}`;

// HubSpot's v2 "global form events" (docs/form-tools.md §9a).
const callback = (eventName: string, id: string, data?: unknown) => ({ type: 'hsFormCallback', eventName, id, data });
const VALUES = [
  { name: 'email', value: CANARY.email },
  { name: 'firstname', value: CANARY.firstName },
  { name: 'message', value: 'Hi' },
];

const post = (data: unknown, source: Window | null, origin = location.origin): boolean =>
  dispatchEvent(new MessageEvent('message', { data, origin, source: source as MessageEventSource | null }));

/** The same-origin, src-less frame HubSpot renders legacy forms into. */
function hsFrame(className = 'hs-form-iframe'): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.className = className;
  iframe.setAttribute('srcdoc', '');
  document.body.append(iframe);
  return iframe;
}

describe('HubSpot legacy (v2) messages', () => {
  test.each([
    ['posted by the page itself (inline form)', () => window],
    ['posted from iframe.hs-form-iframe', () => hsFrame().contentWindow],
  ])('onFormSubmit then onFormSubmitted %s: one conversion with the submitted values', (_label, sender) => {
    const id = formId();
    const source = sender();
    post(callback('onFormReady', id), source);
    post(callback('onFormSubmit', id, VALUES), source);
    post(callback('onFormSubmitted', id, {}), source);
    post(callback('onFormSubmitted', id, {}), source);
    expect(confirmed).toEqual([
      { tool: 'hubspot', key: expect.stringMatching(/^hubspot:\d+/), form: id, fields: { email: CANARY.email, first_name: CANARY.firstName } },
    ]);
  });

  test('a second submission of the same form is a second conversion', () => {
    const id = formId();
    for (let i = 0; i < 2; i++) {
      post(callback('onFormSubmit', id, VALUES), window);
      post(callback('onFormSubmitted', id, {}), window);
    }
    expect(confirmed).toHaveLength(2);
  });

  test('onFormSubmit alone (the request then failed) confirms nothing', () => {
    post(callback('onFormSubmit', formId(), VALUES), window);
    expect(confirmed).toEqual([]);
  });

  test.each([
    ['from another origin, even from the HubSpot frame', () => [hsFrame().contentWindow, 'https://evil.example']],
    ['from another origin posing as the page', () => [window, 'https://evil.example']],
    ['from a same-origin frame that is not HubSpot’s', () => [hsFrame('chat-widget').contentWindow, location.origin]],
  ] as const)('a look-alike %s is ignored', (_label, sender) => {
    const [source, origin] = sender() as [Window | null, string];
    const id = formId();
    post(callback('onFormSubmit', id, VALUES), source, origin);
    post(callback('onFormSubmitted', id, {}), source, origin);
    expect(confirmed).toEqual([]);
  });
});

describe('HubSpot new editor (v4) events', () => {
  const success = (detail: object): boolean => dispatchEvent(new CustomEvent('hs-form-event:on-submission:success', { detail }));

  test('on-submission:success confirms with the values from HubSpotFormsV4', async () => {
    const id = formId();
    (window as { HubSpotFormsV4?: unknown }).HubSpotFormsV4 = {
      getFormFromEvent: () => ({ getFormFieldValues: async () => [{ name: '0-1/email', value: CANARY.email }, { name: '0-1/lastname', value: CANARY.lastName }] }),
    };
    success({ formId: id, instanceId: 'i1' });
    await settle();
    expect(confirmed).toEqual([{ tool: 'hubspot', key: expect.stringMatching(/^hubspot:v4:/), form: id, fields: { email: CANARY.email, last_name: CANARY.lastName } }]);
  });

  test('without the forms API it still confirms, without fields', async () => {
    success({ formId: formId() });
    await settle();
    expect(confirmed).toEqual([expect.objectContaining({ tool: 'hubspot', fields: {} })]);
  });

  test('on-submission:failed and navigation events confirm nothing', async () => {
    for (const name of ['hs-form-event:on-submission:failed', 'hs-form-event:on-interaction:navigate', 'hs-form-event:on-ready'])
      dispatchEvent(new CustomEvent(name, { detail: { formId: formId() } }));
    await settle();
    expect(confirmed).toEqual([]);
  });
});
