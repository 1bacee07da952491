// @vitest-environment happy-dom
import { afterEach, expect, test, vi } from 'vitest';
import { listenToFrames } from '../../../../widget/detect/messages.js';

afterEach(() => {
  document.body.innerHTML = '';
});

function frame(src: string): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('src', src);
  // happy-dom loads no frames; give each its own window-like object, as a browser would
  Object.defineProperty(iframe, 'contentWindow', { value: { frame: src } });
  document.body.append(iframe);
  return iframe;
}

function post(data: unknown, origin: string, source: unknown): void {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
}

const onMessage = vi.fn();
listenToFrames({
  name: 'tool',
  isToolFrame: (iframe) => /^https:\/\/form\.tool\.example\//.test(iframe.src),
  origins: (origin) => origin === 'https://form.tool.example',
  onMessage,
});

test.each([
  ['the tool frame, exact origin', 'https://form.tool.example/f/1', 'https://form.tool.example', true],
  ['the tool frame, another origin (a look-alike message)', 'https://form.tool.example/f/1', 'https://evil.example', false],
  ['another frame with the right origin string', 'https://ads.example/x', 'https://form.tool.example', false],
])('%s → delivered: %s', (_name, src, origin, delivered) => {
  onMessage.mockClear();
  const iframe = frame(src);
  post({ type: 'form-submit' }, origin, iframe.contentWindow);
  expect(onMessage).toHaveBeenCalledTimes(delivered ? 1 : 0);
  if (delivered) expect(onMessage).toHaveBeenCalledWith({ type: 'form-submit' }, iframe);
});

test('a message whose source is no iframe of the page is ignored', () => {
  onMessage.mockClear();
  frame('https://form.tool.example/f/1');
  post({ type: 'form-submit' }, 'https://form.tool.example', window);
  post({ type: 'form-submit' }, 'https://form.tool.example', null);
  expect(onMessage).not.toHaveBeenCalled();
});
