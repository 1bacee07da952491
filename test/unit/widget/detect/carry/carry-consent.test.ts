// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { formOverrides, isIgnored } from '../../../../../widget/config.js';
import { tally } from '../../../../../widget/detect/adapters/tally.js';
import { startDetection } from '../../../../../widget/detect/engine.js';
import { settle, toolFrame as frame } from '../adapters/detection.js';


// The host as w.js gives it: consent not answered yet, so whenAllowed holds the action.
let allowed = false;
const held: (() => void)[] = [];
const untouched = frame('https://tally.so/embed/a1');
const visited = frame('https://tally.so/embed/b2');
startDetection([tally], {
  convert: () => undefined,
  overrides: formOverrides,
  ignored: isIgnored,
  keep: () => allowed,
  onConsent: (action) => (allowed ? action() : void held.push(action)),
});

test('no id is carried before consent allows Meta; then into the frames the visitor has not been in, and into later frames', async () => {
  const later = frame('https://tally.so/embed/c3');
  await settle();
  expect([untouched, visited, later].map((f) => new URL(f.src).searchParams.has('event_id'))).toEqual([false, false, false]);

  // the visitor starts the form in one frame (focus moves into it: our window blurs), then answers our banner
  visited.focus();
  dispatchEvent(new Event('blur'));
  await settle();
  document.body.focus();
  allowed = true;
  for (const action of held) action();
  await settle();
  expect(new URL(untouched.src).searchParams.get('event_id')).toMatch(/^[0-9a-f-]{36}$/);
  expect(visited.src).toBe('https://tally.so/embed/b2');

  const popup = frame('https://tally.so/embed/d4');
  await settle();
  expect(new URL(popup.src).searchParams.get('event_id')).toMatch(/^[0-9a-f-]{36}$/);
});
