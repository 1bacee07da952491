// @vitest-environment happy-dom
import { expect, test, vi } from 'vitest';

test('w.js never throws into the host page, even when the platform misbehaves', async () => {
  // cookies blocked by the browser, storage denied, no fetch: start() must swallow all of it
  Object.defineProperty(document, 'cookie', { configurable: true, get: () => { throw new DOMException('blocked', 'SecurityError'); }, set: () => { throw new DOMException('blocked', 'SecurityError'); } });
  vi.stubGlobal('fetch', undefined);
  vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => { throw new DOMException('denied', 'SecurityError'); });
  delete window.capiRelay;
  const uncaught: unknown[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(event.error);
  window.addEventListener('error', onError);
  await expect(import('../../../widget/index.js')).resolves.toBeDefined();
  // start() defers cookie reads, the platform scan and the region request by a task: let those run too
  await new Promise((done) => setTimeout(done, 100));
  window.removeEventListener('error', onError);
  expect(uncaught).toEqual([]);
  vi.unstubAllGlobals();
});
