import { parsePhoneNumberFromString as parseWithMinBuild } from 'libphonenumber-js/min';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../../../support/seeded-random.js';
import { EXTENSION, normalizePhone, parseNationalWithLibphonenumber, withoutExtension } from '../../../../../api/_pipeline/normalize/phone.js';
import { loadPhoneParser } from '../../../../../api/_pipeline/normalize/phone-parser.js';

// National numbers outside North America need libphonenumber, which the pipeline loads on first need (phone-parser.ts).
beforeAll(async () => {
  await loadPhoneParser();
});

describe('normalizePhone', () => {
  describe('international numbers keep their calling code', () => {
    it.each([
      ['+1 (616) 954-78 88', '16169547888'],
      ['+001 (616) 954-78 88', '16169547888'], // docs/meta-capi.md §3.1: all leading zeros go
      ['0044 20 7946 0018', '442079460018'],
      ['+44 20 7946 0018', '442079460018'],
      ['+44 (0)20 7946 0018', '442079460018'], // bracketed trunk 0 is not dialled from abroad
      ['+49 (0) 30 1234567', '49301234567'],
      ['+33 6 12 34 56 78', '33612345678'],
      ['+1.212.555.0147', '12125550147'],
      ['+82 10-1234-5678', '821012345678'],
      // Test numbers from fictional ranges are not "valid" to libphonenumber but
      // are real-shaped; a written + is trusted without metadata lookups.
      ['+1 (555) 123-4567', '15551234567'],
    ])('%j → %j', (input, expected) => {
      expect(normalizePhone(input)).toBe(expected);
      expect(normalizePhone(input, 'de')).toBe(expected); // the country never overrides a written code
    });
  });

  describe('extensions are stripped', () => {
    it.each([
      ['+1-(555)-123-4567 ext. 123', '15551234567'],
      ['+1 212 555 0147 ext 12', '12125550147'],
      ['+1 212 555 0147 extension 12', '12125550147'],
      ['+1 212 555 0147 x12', '12125550147'],
      ['+1 212 555 0147x12', '12125550147'],
      ['+1 212 555 0147 #12', '12125550147'],
      ['+1-212-555-0147;ext=12', '12125550147'],
      ['(212) 555-0147 Ext: 9', '12125550147'],
    ])('%j → %j', (input, expected) => {
      expect(normalizePhone(input, 'us')).toBe(expected);
    });
  });

  describe('national numbers get the calling code of the country given', () => {
    it.each([
      ['07700 900123', 'gb', '447700900123'], // trunk 0 dropped
      ['(212) 555-0147', 'us', '12125550147'],
      ['212.555.0147', 'US', '12125550147'],
      ['1 (212) 555-0147', 'us', '12125550147'], // NANP trunk 1
      ['1(650)123-4567', 'us', '16501234567'],
      ['030 1234567', 'de', '49301234567'],
      ['06 12 34 56 78', 'fr', '33612345678'],
      ['011 44 20 7946 0018', 'us', '442079460018'], // US international dialling prefix
      ['49 30 1234567', 'de', '49301234567'], // calling code typed without +
      ['447700900123', 'us', '447700900123'], // impossible as a US number; possible with its own code
      ['  4792813113', 'us', '14792813113'],
      ['07700 900123', 'uk', '447700900123'], // `uk` slip accepted as GB
    ])('%j in %s → %j', (input, country, expected) => {
      expect(normalizePhone(input, country)).toBe(expected);
    });
  });

  // With no country to resolve a national number, PB hashes the digits as they
  // are, but Meta requires the calling code (docs/meta-capi.md §3 `ph`) and a hash
  // without it never matches. Decision: keep the digits only when they already
  // read as a possible international number, otherwise drop the value.
  describe('national numbers with no country', () => {
    it.each([
      ['1(650)123-4567', '16501234567'], // starts with a calling code, possible length
      ['01(650)123-4567', '16501234567'],
      ['4792813113', '4792813113'], // reads as Norway +47: PB keeps it too
    ])('%j → %j (already reads as international)', (input, expected) => {
      expect(normalizePhone(input)).toBe(expected);
    });

    it.each([
      '2125550147', // +212 is Morocco, whose numbers are longer: a US number without its code
      '12345',
      '123',
    ])('%j → absent (no calling code can be trusted)', (input) => {
      expect(normalizePhone(input)).toBeUndefined();
    });

    it('ignores a country argument that is no ISO2 code', () => {
      expect(normalizePhone('(212) 555-0147', 'usa')).toBeUndefined();
    });
  });

  describe('absent', () => {
    it.each([
      ['', undefined],
      ['   ', undefined],
      ['()- +.', undefined],
      ['abc', 'us'],
      ['abc123', undefined], // PB keeps `123`, which matches nobody
      ['1-800-FLOWERS', 'us'],
      ['0000', 'us'],
      ['+1', undefined],
      ['+1-555-123-4567-890-123-456-789', undefined], // longer than E.164's 15 digits
      ['d41d8cd98f00b204e9800998ecf8427e', undefined], // MD5-shaped: not a phone
    ])('%j (country %s) → absent', (input, country) => {
      expect(normalizePhone(input, country)).toBeUndefined();
    });
  });

  it('passes an already-hashed SHA-256 through lowercased', () => {
    const hash = '8DF99A46F811595E1A1DE5016E2445BC202F72B946482032A75AEC528A0A350D';
    expect(normalizePhone(hash, 'us')).toBe(hash.toLowerCase());
  });

  it('never keeps a +, a 00 prefix or an extension digit', () => {
    for (const input of ['+44 20 7946 0018 x9', '0044 20 7946 0018 ext 9']) {
      expect(normalizePhone(input)).toMatch(/^[1-9]\d{6,14}$/);
      expect(normalizePhone(input)).toBe('442079460018');
    }
  });
});

describe('North American fast path', () => {
  // normalizePhone skips libphonenumber for 10/11-digit US/CA numbers; this
  // proves it answers exactly what the libphonenumber parse would.
  it('agrees with libphonenumber on 4,000 seeded random numbers of the fast-path shapes', () => {
    const next = seededRandom(7);
    const digit = () => String(next(10));
    for (let i = 0; i < 4_000; i++) {
      let digits = i % 2 === 0 ? '' : '1';
      digits += String(2 + (Number(digit()) % 8)); // area codes start with 2–9
      while (digits.length < (i % 2 === 0 ? 10 : 11)) digits += digit();
      expect(digits).toMatch(/^(?:1)?[2-9]\d{9}$/);
      for (const country of ['US', 'CA'] as const) {
        expect(normalizePhone(digits, country), `${country} ${digits}`).toBe(parseNationalWithLibphonenumber(digits, country));
      }
    }
  });
});

describe('libphonenumber, loaded on first need', () => {
  it('is not loaded for numbers written with + or North American numbers; a national parse before it is loaded says so, and withPhoneParser loads it', async () => {
    vi.resetModules();
    const fresh = await import('../../../../../api/_pipeline/normalize/phone.js');
    const parser = await import('../../../../../api/_pipeline/normalize/phone-parser.js');
    expect(fresh.normalizePhone('+44 20 7946 0018')).toBe('442079460018');
    expect(fresh.normalizePhone('(415) 555-0123', 'US')).toBe('14155550123');
    expect(parser.phoneParserLoaded()).toBe(false);
    expect(() => fresh.normalizePhone('07700 900123', 'GB')).toThrow(parser.PhoneParserNotLoaded);
    expect(parser.phoneParserLoaded()).toBe(false);
    const national = parser.withPhoneParser(() => fresh.normalizePhone('07700 900123', 'GB'));
    expect(national).toBeInstanceOf(Promise);
    expect(await national).toBe('447700900123');
    expect(parser.phoneParserLoaded()).toBe(true);
    // Loaded, it answers at once: no promise on the warm path.
    expect(parser.withPhoneParser(() => fresh.normalizePhone('0412 345 678', 'AU'))).toBe('61412345678');
    expect(() => parser.withPhoneParser(() => { throw new TypeError('other'); })).toThrow(TypeError);
  });

  it('parses as libphonenumber-js/min does (the same metadata, read as JSON)', () => {
    const cases = [['07700 900123', 'GB'], ['030 1234567', 'DE'], ['06 12 34 56 78', 'FR'], ['010-1234-5678', 'KR'], ['0412 345 678', 'AU'], ['555 0123', 'US']] as const;
    for (const [national, country] of cases) {
      const min = parseWithMinBuild(national, country);
      const expected = min?.isPossible() ? min.countryCallingCode + min.nationalNumber : undefined;
      expect(parseNationalWithLibphonenumber(national.replace(/\D/g, ''), country), `${country} ${national}`).toBe(expected);
    }
  });
});

describe('extension pre-check', () => {
  // withoutExtension runs EXTENSION only when the number holds a character every marker needs;
  // this proves the pre-check never skips a number the regex would have changed.
  it('agrees with always running EXTENSION on 20,000 seeded random numbers', () => {
    const pool = ['1', '5', '0', ' ', '-', '.', '(', ')', '+', 'x', 'X', 'x.', 'e', 'E', 'ext', 'EXT.', 'extn', 'extension', '#', ';', ';ext=', ':', '=', 'a', 'ſ', 'é', '\u00a0'];
    const next = seededRandom(5);
    for (let i = 0; i < 20_000; i++) {
      let number = '';
      for (let length = next(12); length > 0; length--) number += pool[next(pool.length)]!;
      number = number.trim(); // prepareInput's output is what withoutExtension gets
      expect(withoutExtension(number), JSON.stringify(number)).toBe(number.replace(EXTENSION, '').trim());
    }
  });
});
