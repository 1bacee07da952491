import { beforeAll, describe, expect, it } from 'vitest';
import { hashUserFields, sha256Hex } from '../../../../../api/_pipeline/hash.js';
import { normalizeUser, type NormalizedFields } from '../../../../../api/_pipeline/normalize/index.js';
import type { RawUserFields } from '../../../../../api/_contract/wire.js';
import { loadPhoneParser } from '../../../../../api/_pipeline/normalize/phone-parser.js';

const NOW = new Date('2026-11-22T12:00:00Z');

// National numbers outside North America need libphonenumber, which the pipeline loads on first need (phone-parser.ts).
beforeAll(async () => {
  await loadPhoneParser();
});

describe('normalizeUser', () => {
  it('normalizes a whole record to the recommended profile', () => {
    const user: RawUserFields = {
      email: '  Jane.Doe+news@Example.COM ',
      phone: '(212) 555-0147 ext. 4',
      first_name: 'Jane',
      last_name: "O'Neil-Smith",
      city: 'São Paulo',
      state: 'Calif.',
      zip: '94107-1234',
      country: 'U.S.A.',
      date_of_birth: '12/31/1990',
      gender: 'Female',
      external_id: ' CRM 0042 ',
    };
    expect(normalizeUser(user, { now: NOW })).toEqual({
      em: 'jane.doe+news@example.com',
      ph: '12125550147',
      fn: 'jane',
      ln: 'oneilsmith',
      ct: 'sopaulo', // letters outside a–z are deleted, as capi-param-builder does (city.ts)
      st: 'ca',
      zp: '94107',
      country: 'us',
      db: '19901231',
      ge: 'f',
      external_id: 'crm0042',
    } satisfies NormalizedFields);
  });

  it('leaves out every value that cannot be normalized, without throwing', () => {
    const user: RawUserFields = {
      email: 'not an email',
      phone: 'call me',
      first_name: ' ',
      city: '123',
      state: 'Nowhere',
      zip: '1',
      country: 'Atlantis',
      date_of_birth: '12/31/90',
      gender: 'prefer not to say',
      external_id: '',
    };
    expect(normalizeUser(user, { now: NOW })).toEqual({});
    expect(normalizeUser({}, {})).toEqual({});
  });

  describe('phone calling code: user.country, then ctx.ipCountry, then ctx.defaultCountry', () => {
    it.each([
      [{ country: 'United Kingdom' }, { ipCountry: 'FR', defaultCountry: 'us' }, '447700900123'],
      [{}, { ipCountry: 'GB', defaultCountry: 'us' }, '447700900123'],
      [{}, { ipCountry: 'gb' }, '447700900123'],
      [{}, { ipCountry: 'XX', defaultCountry: 'gb' }, '447700900123'], // Vercel's "unknown" is skipped
      [{}, { defaultCountry: 'gb' }, '447700900123'],
      [{ country: 'Atlantis' }, { defaultCountry: 'gb' }, '447700900123'], // unknown country → next source
    ])('user %j, ctx %j → %s', (extra, ctx, expected) => {
      expect(normalizeUser({ phone: '07700 900123', ...extra }, ctx).ph).toBe(expected);
    });

    it('drops a national number when no source names a country', () => {
      expect(normalizeUser({ phone: '07700 900123' }, {}).ph).toBeUndefined();
    });

    it('never lets a country override a number written with its calling code', () => {
      expect(normalizeUser({ phone: '+1 212 555 0147', country: 'gb' }, { defaultCountry: 'de' }).ph).toBe('12125550147');
    });
  });

  it('lets the user country steer state and ZIP rules', () => {
    expect(normalizeUser({ state: 'Bayern', zip: '80331', country: 'DE' }, {})).toEqual({ st: 'bayern', zp: '80331', country: 'de' });
    expect(normalizeUser({ state: 'Bayern', zip: '80331' }, {})).toEqual({ zp: '80331' });
    expect(normalizeUser({ zip: '123456789', country: 'us' }, {})).toEqual({ zp: '12345', country: 'us' });
  });

  it('does not let a hashed country steer state, ZIP or phone rules', () => {
    const hashedCountry = sha256Hex('de');
    const user: RawUserFields = { country: hashedCountry.toUpperCase(), state: 'Bayern', zip: '123456789', phone: '030 1234567' };
    // No country to read the state in, a 9-digit ZIP read as US ZIP+4, the phone's code from the context.
    expect(normalizeUser(user, { defaultCountry: 'de' })).toEqual({ ph: '49301234567', zp: '12345', country: hashedCountry });
    expect(normalizeUser(user, {})).toEqual({ zp: '12345', country: hashedCountry });
  });

  it("returns the keys in Meta's order, whatever order the input has", () => {
    const user: RawUserFields = {
      external_id: 'x', gender: 'f', date_of_birth: '1990-01-02', country: 'us', zip: '12345', state: 'ca', city: 'Austin',
      last_name: 'Doe', first_name: 'Jane', phone: '+12125550147', email: 'jane@example.com',
    };
    expect(Object.keys(normalizeUser(user, { now: NOW }))).toEqual(['em', 'ph', 'fn', 'ln', 'ct', 'st', 'zp', 'country', 'db', 'ge', 'external_id']);
  });

  describe('full_name fills the name parts that are missing', () => {
    it.each([
      [{ full_name: 'Dr. Jan van der Berg' }, { fn: 'jan', ln: 'vanderberg' }],
      [{ full_name: 'Jan Berg', first_name: 'Johannes' }, { fn: 'johannes', ln: 'berg' }],
      [{ full_name: 'Jan Berg', last_name: 'Berg-Ahn' }, { fn: 'jan', ln: 'bergahn' }],
      [{ full_name: 'Jan Berg', first_name: 'J', last_name: 'B' }, { fn: 'j', ln: 'b' }],
      [{ full_name: 'Cher' }, { fn: 'cher' }],
    ])('%j → %j', (user, expected) => {
      expect(normalizeUser(user, {})).toEqual(expected);
    });
  });

  it('passes already-hashed values through lowercased and hashUserFields does not hash them again', () => {
    const em = sha256Hex('someone@example.com');
    const fields = normalizeUser({ email: em.toUpperCase(), first_name: 'Jane' }, {});
    expect(fields).toEqual({ em, fn: 'jane' });
    expect(hashUserFields(fields)).toEqual({ em: [em], fn: [sha256Hex('jane')] });
  });

  // Meta's reference implementation: facebook/capi-param-builder,
  // nodejs/capi-param-builder/tests/PIIUtil.test.js (getNormalizedAndHashedPII): a trimmed value
  // of 64 hex digits in any case is an SHA-256, sent lower-cased and never hashed again, whatever
  // the field; 63 or 65 hex digits, or a non-hex letter, are ordinary values.
  describe('already-hashed values agree with capi-param-builder', () => {
    const FIELDS: [keyof RawUserFields, keyof NormalizedFields][] = [
      ['email', 'em'], ['phone', 'ph'], ['first_name', 'fn'], ['last_name', 'ln'], ['city', 'ct'], ['state', 'st'],
      ['zip', 'zp'], ['country', 'country'], ['date_of_birth', 'db'], ['gender', 'ge'], ['external_id', 'external_id'],
    ];
    it.each([
      ['A665A45920422F9D417E4867EFDC4FB8A04A1F3FFF1FA07E998E86F7F7A27AE3', 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3'],
      ['E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF', '1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef'],
      ['a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3', 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3'],
      ['A665a45920422F9D417e4867efDC4fb8a04a1f3FFF1fa07E998e86F7f7A27AE3', 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3'],
      ['  A665a45920422F9D417e4867efDC4fb8a04a1f3FFF1fa07E998e86F7f7A27AE3\t', 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3'],
    ])('%j → %j in every field, sent as is', (input, expected) => {
      for (const [raw, key] of FIELDS) {
        const fields = normalizeUser({ [raw]: input }, {});
        expect(fields).toEqual({ [key]: expected });
        expect(hashUserFields(fields)).toEqual({ [key]: [expected] });
      }
    });

    it.each([
      'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae', // 63 hex digits
      'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae33', // 65
      'g665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3', // a g
    ])('%j is no hash: normalized and hashed like any value', (input) => {
      expect(hashUserFields(normalizeUser({ external_id: input }, {}))).toEqual({ external_id: [sha256Hex(input)] });
      expect(normalizeUser({ email: input }, {})).toEqual({}); // and no e-mail address either
    });
  });

  it('uses ctx.now for the date-of-birth year bound', () => {
    expect(normalizeUser({ date_of_birth: '2026-03-01' }, { now: NOW }).db).toBe('20260301');
    expect(normalizeUser({ date_of_birth: '2026-03-01' }, { now: new Date('2025-06-01T00:00:00Z') }).db).toBeUndefined();
  });
});

describe('normalizeUser on random input', () => {
  // A seeded generator keeps failures reproducible.
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }
  const ALPHABET = [
    ...'abcXYZ019 .,-+@#()/\\\'"_:;xX\t\n',
    'é', 'e\u0301', 'ß', 'Ł', '\u00a0', '\u200b', '\u0000', '\ud800', '😀', '정', 'Ω', '٣', 'ﬁ', 'İ',
  ];
  const KEYS: (keyof RawUserFields)[] = [
    'email', 'phone', 'first_name', 'last_name', 'full_name', 'city', 'state', 'zip', 'country',
    'date_of_birth', 'gender', 'external_id',
  ];

  // No wall-clock assertion: on a loaded box it fails for the wrong reason. Catastrophic regex
  // backtracking is exponential, so it still shows here as the test timeout (the throughput
  // figure lives in `npm run bench`).
  it('never throws and returns only strings on 400 random records', () => {
    const next = random(20261122);
    const randomString = () => {
      const length = Math.floor(next() * 40);
      let s = '';
      for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
      return s;
    };
    for (let i = 0; i < 400; i++) {
      const user: RawUserFields = {};
      for (const key of KEYS) user[key] = randomString();
      const fields = normalizeUser(user, { ipCountry: randomString().slice(0, 2), defaultCountry: 'us' });
      for (const value of Object.values(fields)) {
        expect(typeof value).toBe('string');
        expect(value).not.toBe('');
      }
      for (const [key, [hash]] of Object.entries(hashUserFields(fields))) {
        expect(hash, key).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  it('survives pathological lengths and non-string values', () => {
    const long = 'a'.repeat(50_000);
    const nearlyEmail = `${'a.'.repeat(10_000)}@${'b-'.repeat(10_000)}`;
    const user = { email: nearlyEmail, phone: '1'.repeat(10_000), city: long, first_name: long, zip: long, date_of_birth: '1'.repeat(10_000) };
    expect(() => normalizeUser(user, {})).not.toThrow();
    expect(() => normalizeUser({ email: 42, phone: null, country: {} } as unknown as RawUserFields, {})).not.toThrow();
  });
});
