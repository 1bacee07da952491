// @vitest-environment happy-dom
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { CANARY } from '../../../../support/canaries.js';
import { contactForm7 } from '../../../../../widget/detect/adapters/contact-form-7.js';
import { fillAndSubmit, fixture, runDetection } from './detection.js';

const { confirmed, reset } = runDetection([contactForm7]);

beforeEach(reset);

// What CF7's script dispatches after its REST answer (docs/form-tools.md §1):
// `wpcf7<status>` then `wpcf7submit`, native CustomEvents that bubble.
function answer(target: Element, ...names: string[]): void {
  for (const name of names) target.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: { contactFormId: 12, status: name } }));
}

function submitted(): HTMLFormElement {
  document.body.innerHTML = fixture('cf7/form.html');
  const form = document.querySelector<HTMLFormElement>('form.wpcf7-form')!;
  fillAndSubmit(form, { 'your-name': CANARY.firstName, 'your-email': CANARY.email });
  return form;
}

describe('Contact Form 7', () => {
  test('wpcf7mailsent confirms once, with the submit snapshot, even with wpcf7submit after it', () => {
    const form = submitted();
    answer(form, 'wpcf7mailsent', 'wpcf7submit');
    expect(confirmed).toEqual([{ tool: 'cf7', key: expect.stringMatching(/^cf7:\d+$/), form: undefined, element: form, fields: { full_name: CANARY.firstName, email: CANARY.email } }]);
  });

  test.each([['wpcf7invalid'], ['wpcf7spam'], ['wpcf7mailfailed'], ['wpcf7aborted'], ['wpcf7unaccepted']])(
    '%s followed by wpcf7submit confirms nothing',
    (status) => {
      answer(submitted(), status, 'wpcf7submit');
      expect(confirmed).toEqual([]);
    },
  );

  test('≤ 5.3 dispatched on the div.wpcf7 wrapper: still the form inside it', () => {
    const form = submitted();
    answer(form.parentElement!, 'wpcf7mailsent');
    expect(confirmed.map((s) => s.element)).toEqual([form]);
  });

  test('the same success announced twice is one conversion; a second submit is another', () => {
    const form = submitted();
    answer(form, 'wpcf7mailsent', 'wpcf7mailsent');
    fillAndSubmit(form, {});
    answer(form, 'wpcf7mailsent');
    expect(confirmed).toHaveLength(2);
  });

  test('a form added after install is served by the same document listener', () => {
    document.body.innerHTML = '<div id="popup"></div>';
    document.getElementById('popup')!.innerHTML = fixture('cf7/form.html');
    const form = document.querySelector('form')!;
    fillAndSubmit(form, {});
    answer(form, 'wpcf7mailsent');
    expect(confirmed).toHaveLength(1);
  });
});
