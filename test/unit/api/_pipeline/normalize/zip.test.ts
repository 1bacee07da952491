import { describe, expect, it } from 'vitest';
import { normalizeZip } from '../../../../../api/_pipeline/normalize/zip.js';

describe('normalizeZip', () => {
  it.each([
    ['NR9 5AL', undefined, 'nr95al'], // docs: no spaces (PB keeps `nr9 5al`)
    ['M1 1AE', 'gb', 'm11ae'], // docs/meta-capi.md §3 example
    ['SW1A 1AA', 'gb', 'sw1a1aa'],
    ['  12345-6789  ', undefined, '12345'], // ZIP+4
    ['90210-1234', 'us', '90210'],
    ['123456789', undefined, '12345'], // 9-digit ZIP+4 without the dash
    ['12345 6789', 'us', '12345'],
    ['02134', 'us', '02134'],
    ['10115', 'de', '10115'],
    ['K1A 0B1', 'ca', 'k1a0b1'],
    ['00-950', 'pl', '00'], // part before the first dash, like every Meta SDK
    ['1010', 'at', '1010'],
    ['75008\tParis', 'fr', '75008paris'],
  ])('%j in %s → %j', (input, country, expected) => {
    expect(normalizeZip(input, country)).toBe(expected);
  });

  it.each([
    ['1', undefined], // fewer than 2 characters
    ['-123', undefined],
    ['', undefined],
    ['   ', undefined],
    ['2134', 'us'], // a US ZIP has 5 digits
    ['NR9 5AL', 'us'],
    ['1234567', 'us'],
  ])('%j in %s → absent', (input, country) => {
    expect(normalizeZip(input, country)).toBeUndefined();
  });
});
