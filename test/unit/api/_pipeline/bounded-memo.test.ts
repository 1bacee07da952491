import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../../../api/_pipeline/bounded-memo.js';

/** A memoized function that records which keys it really computed. */
function counted<R>(fn: (key: string) => R, config: { maxEntries: number; maxKeyChars: number }) {
  const computed: string[] = [];
  const memo = boundedMemo((key: string) => {
    computed.push(key);
    return fn(key);
  }, config);
  return { memo, computed };
}

describe('boundedMemo', () => {
  it('computes a key once while it is kept', () => {
    const { memo, computed } = counted((key) => key.length, { maxEntries: 4, maxKeyChars: 100 });
    expect([memo('ab'), memo('abc'), memo('ab'), memo('abc')]).toEqual([2, 3, 2, 3]);
    expect(computed).toEqual(['ab', 'abc']);
  });

  it('evicts the oldest entry first when full, whatever was read since', () => {
    const { memo, computed } = counted((key) => key.toUpperCase(), { maxEntries: 2, maxKeyChars: 100 });
    memo('a');
    memo('b');
    memo('a'); // a read does not refresh 'a': first in, first out
    memo('c'); // evicts 'a'
    computed.length = 0;
    expect(memo('b')).toBe('B');
    expect(memo('c')).toBe('C');
    expect(computed).toEqual([]);
    expect(memo('a')).toBe('A');
    expect(computed).toEqual(['a']);
  });

  it('never keeps a key longer than maxKeyChars, and still answers it', () => {
    const { memo, computed } = counted((key) => key.length, { maxEntries: 2, maxKeyChars: 3 });
    expect(memo('abcd')).toBe(4);
    expect(memo('abcd')).toBe(4);
    expect(computed).toEqual(['abcd', 'abcd']);
    // the long key took no slot: both short keys stay
    memo('x');
    memo('y');
    memo('abcd');
    computed.length = 0;
    memo('x');
    memo('y');
    expect(computed).toEqual([]);
  });

  it.each([null, false, undefined, 0, ''])('caches a %j result like any other', (result) => {
    const { memo, computed } = counted(() => result, { maxEntries: 4, maxKeyChars: 100 });
    expect(memo('k')).toBe(result);
    expect(memo('k')).toBe(result);
    expect(computed).toEqual(['k']);
  });
});
