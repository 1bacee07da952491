// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { calCom } from '../../../../../widget/detect/adapters/cal-com.js';
import { calendly } from '../../../../../widget/detect/adapters/calendly.js';
import { fillout } from '../../../../../widget/detect/adapters/fillout.js';
import { tally } from '../../../../../widget/detect/adapters/tally.js';
import { typeform } from '../../../../../widget/detect/adapters/typeform.js';
import { withParam } from '../../../../../widget/detect/carry-id.js';
import { runDetection, settle, toolFrame as frame } from '../adapters/detection.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;


const post = (iframe: HTMLIFrameElement, data: unknown): void =>
  void dispatchEvent(new MessageEvent('message', { data, origin: new URL(iframe.src).origin, source: iframe.contentWindow }));
const query = (iframe: HTMLIFrameElement, key: string): string | null => new URL(iframe.src).searchParams.get(key);
const hashParam = (iframe: HTMLIFrameElement, key: string): string | null => new URLSearchParams(new URL(iframe.src).hash.slice(1)).get(key);

// Frames on the page before detection starts (the usual static embeds), consent already allowing Meta.
const tf = frame('https://form.typeform.com/to/Abc123?typeform-embed-id=e1#name=Jane%20Doe');
const tfBefore = tf.src;
const ta = frame('https://tally.so/embed/w4Xyz?alignLeft=1&transparentBackground=1');
const fo = frame('https://embed.fillout.com/t/fo123?fillout-embed-id=9');
const cal = frame('https://calendly.com/acme/intro?embed_domain=example.com&embed_type=Inline');
const calUtm = frame('https://calendly.com/acme/intro?utm_content=spring-ad');
const calCom1 = frame('https://app.cal.com/acme/30min?embed=&layout=month_view');
const calComOptIn = frame('https://app.cal.com/acme/30min?embed=&metadata%5Bevent_id%5D=');
const focused = frame('https://tally.so/embed/focus1');
focused.focus();
const focusedBefore = focused.src;
const ignoredWrap = document.createElement('div');
ignoredWrap.setAttribute('data-capi-ignore', '');
document.body.append(ignoredWrap);
const ignored = frame('https://tally.so/embed/ign1', ignoredWrap);
const foreign = frame('https://ads.example/slot?x=1#y=2');
const { confirmed } = runDetection([typeform, tally, fillout, calendly, calCom]);

describe('carrying our event id into each embed (docs/form-tools.md §22.1)', () => {
  test('Typeform: a hidden field `event_id` in the URL hash, the other hidden fields as they were; the frame is reloaded in place', () => {
    const id = hashParam(tf, 'event_id');
    expect(id).toMatch(UUID);
    expect(tf.src).toBe(`${tfBefore}&event_id=${id}`);
    expect(tf.isConnected).toBe(true);
  });

  test('Typeform: the submission converts with that id; a second submission in the same embed does not reuse it', () => {
    const id = hashParam(tf, 'event_id');
    post(tf, { type: 'form-submit', formId: 'Abc123', responseId: 'r1' });
    expect(confirmed.at(-1)).toMatchObject({ tool: 'typeform', submissionId: 'r1', carriedId: id });
    post(tf, { type: 'form-submit', formId: 'Abc123', responseId: 'r1' }); // the same one announced again: no second conversion
    expect(confirmed.filter((s) => s.submissionId == 'r1')).toHaveLength(1);
    post(tf, { type: 'form-submit', formId: 'Abc123', responseId: 'r2' });
    expect(confirmed.at(-1)).toMatchObject({ submissionId: 'r2' });
    expect(confirmed.at(-1)!.carriedId).toBeUndefined(); // w.js gives it a fresh id
    expect(hashParam(tf, 'event_id')).toBe(id); // and the frame is not reloaded again
  });

  test('Tally and Fillout: a URL parameter `event_id`, the others unchanged, and the conversion carries it', () => {
    for (const [iframe, message, tool] of [
      [ta, JSON.stringify({ event: 'Tally.FormSubmitted', payload: { id: 'ta-1', formId: 'w4Xyz' } }), 'tally'],
      [fo, { type: 'form_submit', submissionUuid: 'fo-1' }, 'fillout'],
    ] as const) {
      const id = query(iframe, 'event_id');
      expect(id).toMatch(UUID);
      post(iframe, message);
      expect(confirmed.at(-1)).toMatchObject({ tool, carriedId: id });
    }
    expect(ta.src).toBe(`https://tally.so/embed/w4Xyz?alignLeft=1&transparentBackground=1&event_id=${query(ta, 'event_id')}`);
  });

  test('Calendly: `utm_content`, but never over a utm_content the site or the ad link already set', () => {
    const id = query(cal, 'utm_content');
    expect(id).toMatch(UUID);
    post(cal, { event: 'calendly.event_scheduled', payload: { invitee: { uri: 'https://api.calendly.com/scheduled_events/E/invitees/I' } } });
    expect(confirmed.at(-1)).toMatchObject({ tool: 'calendly', carriedId: id });
    expect(calUtm.src).toBe('https://calendly.com/acme/intro?utm_content=spring-ad');
    post(calUtm, { event: 'calendly.event_scheduled', payload: { invitee: { uri: 'https://api.calendly.com/scheduled_events/E/invitees/J' } } });
    expect(confirmed.at(-1)!.carriedId).toBeUndefined();
  });

  test('Cal.com: only into an embed that opted in with an empty metadata[event_id]', () => {
    expect(calCom1.src).toBe('https://app.cal.com/acme/30min?embed=&layout=month_view');
    const id = query(calComOptIn, 'metadata[event_id]');
    expect(id).toMatch(UUID);
    expect(new URL(calComOptIn.src).search).toBe(`?embed=&metadata%5Bevent_id%5D=${id}`);
    post(calComOptIn, { originator: 'CAL', type: 'bookingSuccessfulV2', data: { uid: 'bk-1', eventTypeId: 7 } });
    expect(confirmed.at(-1)).toMatchObject({ tool: 'cal-com', submissionId: 'bk-1', carriedId: id });
  });

  test('a frame the visitor is in is not reloaded, nor one under data-capi-ignore, nor a foreign frame', () => {
    expect(focused.src).toBe(focusedBefore);
    expect(ignored.src).toBe('https://tally.so/embed/ign1');
    expect(foreign.src).toBe('https://ads.example/slot?x=1#y=2');
  });

  test('a frame added later (a popup or lightbox) gets its own id', async () => {
    const popup = frame('https://form.typeform.com/to/Pop1');
    await settle();
    expect(hashParam(popup, 'event_id')).toMatch(UUID);
    expect(hashParam(popup, 'event_id')).not.toBe(hashParam(tf, 'event_id'));
  });
});

describe('withParam', () => {
  test('adds the key, fills an empty one, and leaves a value of the site alone', () => {
    expect(withParam('', { key: 'event_id' }, 'X')).toBe('event_id=X');
    expect(withParam('a=1%202&b=+', { key: 'event_id' }, 'X')).toBe('a=1%202&b=+&event_id=X');
    expect(withParam('event_id=&a=1', { key: 'event_id' }, 'X')).toBe('a=1&event_id=X');
    expect(withParam('event_id=mine', { key: 'event_id' }, 'X')).toBeUndefined();
    expect(withParam('a=1', { key: 'metadata[event_id]', optIn: true }, 'X')).toBeUndefined();
    expect(withParam('metadata[event_id]=', { key: 'metadata[event_id]', optIn: true }, 'X')).toBe('metadata%5Bevent_id%5D=X');
  });
});
