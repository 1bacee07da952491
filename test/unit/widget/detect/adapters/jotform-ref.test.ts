// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { jotform } from '../../../../../widget/detect/adapters/jotform.js';
import { runDetection, settle, toolFrame as frame } from './detection.js';

const FORM = '241234567890';
const REF = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;


const done = (iframe: HTMLIFrameElement): void =>
  void dispatchEvent(new MessageEvent('message', { data: { action: 'submission-completed', formID: FORM }, origin: 'https://submit.jotform.com', source: iframe.contentWindow }));

const refOf = (iframe: HTMLIFrameElement): string | null => new URL(iframe.src).searchParams.get('capi_ref');

// Frames on the page before detection starts (the usual static embed).
const optedIn = frame(`https://form.jotform.com/${FORM}?capi_ref=`);
const plain = frame(`https://form.jotform.com/${FORM}`);
const focused = frame(`https://form.jotform.com/${FORM}?capi_ref=`);
focused.focus();
const focusedSrcBefore = focused.src;
const { confirmed } = runDetection([jotform]);

describe('Jotform: carrying our event id into the embed as capi_ref (docs/form-tools.md §22.1)', () => {
  test('an opted-in frame (empty capi_ref in its URL) gets a fresh event id, and its conversion carries it as event id and submission id', () => {
    const ref = refOf(optedIn);
    expect(ref).toMatch(REF);
    expect(new URL(optedIn.src).pathname).toBe(`/${FORM}`);
    done(optedIn);
    expect(confirmed.at(-1)).toMatchObject({ tool: 'jotform', submissionId: ref, carriedId: ref, form: FORM, element: optedIn });
  });

  test('a frame without the opt-in keeps its URL (no reload) and converts without a reference', () => {
    expect(plain.src).toBe(`https://form.jotform.com/${FORM}`);
    done(plain);
    expect(confirmed.at(-1)).toMatchObject({ tool: 'jotform', form: FORM, element: plain });
    expect(confirmed.at(-1)!.submissionId).toBeUndefined();
  });

  test('a frame the visitor is typing in is not reloaded', () => {
    expect(focused.src).toBe(focusedSrcBefore);
    expect(refOf(focused)).toBe('');
  });

  test('a frame added later (a popup embed) gets its own reference', async () => {
    const later = frame(`https://form.jotform.com/${FORM}?capi_ref=&nojump`);
    await settle();
    expect(refOf(later)).toMatch(REF);
    expect(refOf(later)).not.toBe(refOf(optedIn));
    expect(new URL(later.src).searchParams.has('nojump')).toBe(true);
  });

  test('a frame from another host with an empty capi_ref is not touched', async () => {
    const other = frame('https://ads.example/slot?capi_ref=');
    await settle();
    expect(refOf(other)).toBe('');
  });
});
