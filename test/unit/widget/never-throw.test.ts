// @vitest-environment happy-dom
import { expect, test, vi } from 'vitest';

test('w.js never throws into the host page, even when the platform misbehaves', async () => {
  // cookies blocked by the browser, storage denied, no fetch: start() must swallow all of it
  Object.defineProperty(document, 'cookie', { configurable: true, get: () => { throw new DOMException('blocked', 'SecurityError'); }, set: () => { throw new DOMException('blocked', 'SecurityError'); } });
  vi.stubGlobal('fetch', undefined);
  vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => { throw new DOMException('denied', 'SecurityError'); });
  delete window.capiRelay;
  await expect(import('../../../widget/index.js')).resolves.toBeDefined();
  vi.unstubAllGlobals();
});
