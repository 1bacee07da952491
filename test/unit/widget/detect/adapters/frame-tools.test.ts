// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { calCom } from '../../../../../widget/detect/adapters/cal-com.js';
import { calendly } from '../../../../../widget/detect/adapters/calendly.js';
import { fillout } from '../../../../../widget/detect/adapters/fillout.js';
import { jotform } from '../../../../../widget/detect/adapters/jotform.js';
import { tally } from '../../../../../widget/detect/adapters/tally.js';
import { typeform } from '../../../../../widget/detect/adapters/typeform.js';
import type { Adapter } from '../../../../../widget/detect/types.js';
import { runDetection, toolFrame as frame } from './detection.js';

const { confirmed, reset } = runDetection([typeform, tally, jotform, fillout, calendly, calCom]);
beforeEach(reset);

let unique = 0;

interface FrameCase {
  adapter: Adapter;
  src: string;
  /** a success message for submission `id` */
  success(id: string): unknown;
  /** the tool's other messages, which must not count */
  others: unknown[];
  expected(id: string): { submissionId?: string; form?: string };
}

// Message shapes as the tools post them (docs/form-tools.md §13–19).
const CASES: FrameCase[] = [
  {
    adapter: typeform,
    src: 'https://form.typeform.com/to/Abc123?typeform-embed-id=e1',
    success: (id) => ({ type: 'form-submit', embedId: 'e1', formId: 'Abc123', responseId: id }),
    others: [
      { type: 'form-ready', embedId: 'e1', formId: 'Abc123' },
      { type: 'form-started', embedId: 'e1', formId: 'Abc123', responseId: 'r0' },
      { type: 'form-submit', embedId: 'e1', formId: 'Abc123', responseId: '__sandbox' },
    ],
    expected: (id) => ({ submissionId: id, form: 'Abc123' }),
  },
  {
    adapter: tally,
    src: 'https://tally.so/embed/wQ1xYz?alignLeft=1',
    success: (id) => JSON.stringify({ event: 'Tally.FormSubmitted', payload: { id, respondentId: 'p1', formId: 'wQ1xYz', formName: 'Contact' } }),
    others: [JSON.stringify({ event: 'Tally.FormLoaded', payload: { formId: 'wQ1xYz' } }), 'not json at all', { event: 'Tally.FormSubmitted' }],
    expected: (id) => ({ submissionId: id, form: 'wQ1xYz' }),
  },
  {
    adapter: jotform,
    src: 'https://form.jotform.com/241234567890',
    // The thank-you page names the form only: every message is its own conversion.
    success: () => ({ action: 'submission-completed', formID: '241234567890' }),
    others: ['setHeight:512:241234567890', { action: 'scrollIntoView' }],
    expected: () => ({ form: '241234567890' }),
  },
  {
    adapter: fillout,
    src: 'https://embed.fillout.com/t/fo9k2?fillout-embed-id=7',
    success: (id) => ({ type: 'form_submit', embedId: '7', submissionUuid: id }),
    others: [{ type: 'form_init', embedId: '7', submissionUuid: 'u0' }, { type: 'page_change', embedId: '7', submissionUuid: 'u0', stepId: 's2' }],
    expected: (id) => ({ submissionId: id }),
  },
  {
    adapter: calendly,
    src: 'https://calendly.com/acme/intro?embed_domain=shop.test&embed_type=Inline',
    success: (id) => ({
      event: 'calendly.event_scheduled',
      payload: { event: { uri: 'https://api.calendly.com/scheduled_events/E1' }, invitee: { uri: `https://api.calendly.com/scheduled_events/E1/invitees/${id}` } },
    }),
    others: [{ event: 'calendly.profile_page_viewed' }, { event: 'calendly.date_and_time_selected', payload: {} }, { event: 'calendly.page_height', payload: { height: '700px' } }],
    expected: (id) => ({ submissionId: `https://api.calendly.com/scheduled_events/E1/invitees/${id}` }),
  },
  {
    adapter: calCom,
    src: 'https://app.cal.com/acme/intro?embed=&embedType=inline',
    success: (id) => ({ originator: 'CAL', type: 'bookingSuccessfulV2', namespace: '', fullType: 'CAL::bookingSuccessfulV2', data: { uid: id, eventTypeId: 42, status: 'ACCEPTED' } }),
    others: [
      { originator: 'CAL', type: 'dryRunBookingSuccessfulV2', data: { uid: 'dry' } },
      { originator: 'CAL', type: 'rescheduleBookingSuccessfulV2', data: { uid: 'old' } },
      { originator: 'CAL', type: 'bookingSuccessful', data: { confirmed: true } },
      { type: 'bookingSuccessfulV2', data: { uid: 'no-originator' } },
    ],
    expected: (id) => ({ submissionId: id, form: '42' }),
  },
];


const post = (data: unknown, origin: string, source: Window | null): boolean =>
  dispatchEvent(new MessageEvent('message', { data, origin, source: source as MessageEventSource | null }));

describe.each(CASES.map((c) => [c.adapter.name, c] as const))('%s', (name, c) => {
  const origin = new URL(c.src).origin;

  test('its success message from its own frame at its origin confirms once, with ids and no fields', () => {
    const id = `sub-${++unique}`;
    const iframe = frame(c.src);
    post(c.success(id), origin, iframe.contentWindow);
    if (name != 'jotform') post(c.success(id), origin, iframe.contentWindow); // repeated: same id, one conversion
    expect(confirmed).toEqual([{ tool: name, key: expect.stringMatching(new RegExp(`^${name}:`)), element: iframe, ...c.expected(id) }]);
  });

  test('its other messages confirm nothing', () => {
    const iframe = frame(c.src);
    for (const data of c.others) post(data, origin, iframe.contentWindow);
    expect(confirmed).toEqual([]);
  });

  test.each([
    ['a wrong origin from its frame', () => [frame(c.src).contentWindow, 'https://evil.example']],
    ['its origin from another frame', () => [frame('https://ads.example/slot').contentWindow, origin]],
    ['its origin from the page itself', () => [window, origin]],
  ] as const)('the look-alike from %s is ignored', (_label, sender) => {
    frame(c.src);
    const [source, from] = sender() as [Window | null, string];
    post(c.success(`fake-${++unique}`), from, source);
    expect(confirmed).toEqual([]);
  });

  test('a custom domain counts only when the site marks the frame with data-capi-frame', () => {
    const custom = 'https://forms.acme.test';
    const unmarked = frame(`${custom}/contact`);
    post(c.success(`c-${++unique}`), custom, unmarked.contentWindow);
    expect(confirmed).toEqual([]);
    const wrapper = document.createElement('div');
    wrapper.setAttribute('data-capi-frame', name);
    document.body.append(wrapper);
    const marked = frame(`${custom}/contact`, wrapper);
    post(c.success(`c-${++unique}`), 'https://evil.example', marked.contentWindow);
    post(c.success(`c-${++unique}`), custom, marked.contentWindow);
    expect(confirmed.map((s) => s.element)).toEqual([marked]);
  });

  test('a spoof frame inside a marked wrapper is ignored: the mark covers a wrapper’s single iframe only', () => {
    const custom = 'https://forms.acme.test';
    const wrapper = document.createElement('div');
    wrapper.setAttribute('data-capi-frame', name);
    document.body.append(wrapper);
    const tool = frame(`${custom}/contact`, wrapper);
    // an ad or chat frame the page puts in the same wrapper, posting the tool's success from its own origin
    const spoof = frame('https://ads.example/slot', wrapper);
    post(c.success(`s-${++unique}`), 'https://ads.example', spoof.contentWindow);
    // with two frames inside, the wrapper vouches for neither
    post(c.success(`s-${++unique}`), custom, tool.contentWindow);
    expect(confirmed).toEqual([]);
    // marking the tool's iframe itself trusts exactly that frame
    tool.setAttribute('data-capi-frame', name);
    post(c.success(`s-${++unique}`), 'https://ads.example', spoof.contentWindow);
    post(c.success(`s-${++unique}`), custom, tool.contentWindow);
    expect(confirmed.map((s) => s.element)).toEqual([tool]);
  });
});

describe('frame hosts are exact', () => {
  const HOSTS: [Adapter, string, boolean][] = [
    [typeform, 'https://form.typeform.com/to/x', true],
    [typeform, 'https://form.typeform.eu/to/x', true],
    [typeform, 'https://acme.typeform.com/to/x', true],
    [typeform, 'http://form.typeform.com/to/x', false],
    [typeform, 'https://form.typeform.com.evil.io/to/x', false],
    [typeform, 'https://evil.io/?u=https://form.typeform.com/to/x', false],
    [typeform, 'https://nottypeform.com/to/x', false],
    [calCom, 'https://cal.com/acme', true],
    [calCom, 'https://acme.cal.com/intro', true],
    [calCom, 'https://evilcal.com/acme', false],
    [calendly, 'https://calendly.com/acme', true],
    [calendly, 'https://assets.calendly.com.evil.io/', false],
    [jotform, 'https://submit.jotform.com/submit/1', true],
    [jotform, 'https://hipaa.jotform.com/1', true],
    [jotform, 'https://jotform.com.evil.io/1', false],
    [tally, 'https://tally.so/embed/x', true],
    [tally, 'https://tally.so.evil.io/embed/x', false],
    [fillout, 'https://embed.fillout.com/t/x', true],
    [fillout, 'https://fillout.com/t/x', false],
  ];
  test.each(HOSTS.map(([adapter, src, ok]) => [adapter.name, src, ok, adapter] as const))('%s frame %s accepted: %s', (_name, src, accepted, adapter) => {
    const c = CASES.find((x) => x.adapter === adapter)!;
    const iframe = frame(src);
    post(c.success(`h-${++unique}`), new URL(src).origin, iframe.contentWindow);
    expect(confirmed.length).toBe(accepted ? 1 : 0);
  });
});

describe('a tool frame that navigated between the tool\'s own hosts', () => {
  // Jotform's frame starts on form.jotform.com and its thank-you page on
  // submit.jotform.com posts the success message (docs/form-tools.md §15).
  test('Jotform success posted from submit.jotform.com inside a form.jotform.com frame counts once', () => {
    const iframe = frame('https://form.jotform.com/241234567890');
    post({ action: 'submission-completed', formID: '241234567890' }, 'https://submit.jotform.com', iframe.contentWindow);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ tool: 'jotform', form: '241234567890' });
  });

  test('a Jotform frame whose message comes from a host outside Jotform is ignored', () => {
    const iframe = frame('https://form.jotform.com/241234567890');
    post({ action: 'submission-completed', formID: '241234567890' }, 'https://jotform.com.evil.io', iframe.contentWindow);
    expect(confirmed).toEqual([]);
  });

  test('a custom-domain frame (data-capi-frame) still accepts only its own src origin', () => {
    const iframe = frame('https://forms.example.org/241234567890');
    iframe.setAttribute('data-capi-frame', 'jotform');
    post({ action: 'submission-completed', formID: '241234567890' }, 'https://submit.jotform.com', iframe.contentWindow);
    expect(confirmed).toEqual([]);
    post({ action: 'submission-completed', formID: '241234567890' }, 'https://forms.example.org', iframe.contentWindow);
    expect(confirmed).toHaveLength(1);
  });
});
