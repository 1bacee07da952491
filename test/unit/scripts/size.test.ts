import { describe, expect, test } from 'vitest';
import { moduleShares, sharedModules } from '../../../scripts/size.js';

describe('npm run size: module shares and shared modules', () => {
  test('shares split the chunk gzip size by each module’s code, largest first', () => {
    expect(moduleShares({ 'a.ts': 300, 'b.ts': 100 }, 1000)).toEqual([
      { module: 'a.ts', share: 0.75, gzipEstimate: 750 },
      { module: 'b.ts', share: 0.25, gzipEstimate: 250 },
    ]);
  });

  test.each([
    ['code in two chunks fails', { 'w.js': { 'x.ts': 400 }, 'wd.js': { 'x.ts': 400 } }, {}, true],
    ['a constant (under 100 characters) in one of them is only listed', { 'w.js': { 'x.ts': 72 }, 'wd.js': { 'x.ts': 1155 } }, {}, false],
    ['an allowed module is only listed', { 'w.js': { 'x.ts': 292 }, 'wc.js': { 'x.ts': 282 } }, { 'x.ts': 'reason' }, false],
  ])('%s', (_name, sizes, allowed, failing) => {
    expect(sharedModules(sizes, allowed)).toEqual([{ module: 'x.ts', chunks: expect.any(Array), failing }]);
  });

  test('a module in one chunk only is not listed', () => {
    expect(sharedModules({ 'w.js': { 'a.ts': 500 }, 'wd.js': { 'b.ts': 500 } })).toEqual([]);
  });
});
