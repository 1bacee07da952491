import { describe, expect, it } from 'vitest';
import { ByteSlabs, SLAB_BYTES, textAt } from '../../../../api/_store/byte-slabs.js';
import { seededRandom } from '../../../support/seeded-random.js';

describe('ByteSlabs', () => {
  it('gives back every text byte for byte, across slab boundaries, in any script', () => {
    const slabs = new ByteSlabs();
    const pick = seededRandom(7);
    const alphabet = ['a', '"', '\\', 'é', 'Ł', '李', '🏙️', '\u2028', ' ', '{'];
    const stored: { text: string; buffer: Buffer; offset: number; length: number }[] = [];
    for (let i = 0; i < 3_000; i += 1) {
      const text = Array.from({ length: pick(400) }, () => alphabet[pick(alphabet.length)]).join('');
      const buffer = slabs.append(text);
      stored.push({ text, buffer, offset: slabs.lastOffset, length: slabs.lastLength });
    }
    for (const s of stored) expect(textAt(s.buffer, s.offset, s.length)).toBe(s.text);
    // texts share slabs: far fewer buffers than texts
    expect(new Set(stored.map((s) => s.buffer)).size).toBeLessThan(stored.length / 20);
  });

  it('starts a new slab when a text does not fit, and gives a large text a buffer of its own', () => {
    const slabs = new ByteSlabs();
    const quarter = 'x'.repeat(SLAB_BYTES / 4);
    const first = slabs.append(quarter);
    for (let i = 0; i < 3; i += 1) expect(slabs.append(quarter)).toBe(first);
    const next = slabs.append('y');
    expect(next).not.toBe(first);
    expect([slabs.lastOffset, slabs.lastLength]).toEqual([0, 1]);
    const large = 'z'.repeat(SLAB_BYTES / 4 + 1);
    const own = slabs.append(large);
    expect([own.length, slabs.lastOffset, slabs.lastLength]).toEqual([large.length, 0, large.length]);
    expect(slabs.append('w')).toBe(next);
    expect(textAt(next, slabs.lastOffset, slabs.lastLength)).toBe('w');
  });
});
