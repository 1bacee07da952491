import { asAlreadyHashed, foldToAsciiLower, prepareInput } from './text.js';

// Words (folded to a–z) a form may use for a gender, in the languages of the
// markets most sites serve, plus titles and pronouns (PB maps ~37 per gender).
const FEMALE = new Set([
  'f', 'w', 'female', 'woman', 'women', 'girl', 'lady', 'she', 'her', 'hers', 'mrs', 'ms', 'miss',
  'madam', 'frau', 'weiblich', 'femme', 'feminin', 'feminine', 'mme', 'mlle', 'mujer', 'femenino',
  'femenina', 'sra', 'srta', 'mulher', 'feminino', 'donna', 'femmina', 'vrouw', 'vrouwelijk',
  'kobieta', 'kvinna', 'kvinde', 'kvinne', 'nainen',
]);
const MALE = new Set([
  'm', 'male', 'man', 'men', 'boy', 'gentleman', 'he', 'him', 'his', 'mr', 'sir', 'mann', 'mannlich',
  'maennlich', 'herr', 'homme', 'masculin', 'hombre', 'masculino', 'sr', 'homem', 'uomo', 'maschio',
  'maschile', 'mannelijk', 'mezczyzna', 'mand', 'mies',
]);
const WORD_SEPARATORS = /[^a-z]+/;

/**
 * `ge`: `f` or `m` from a word for it; anything else (non-binary, prefer not
 * to say, conflicting words like `m/f`) is absent, never guessed.
 */
export function normalizeGender(raw: unknown): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  let found: 'f' | 'm' | undefined;
  for (const word of foldToAsciiLower(value).split(WORD_SEPARATORS)) {
    if (word === '') continue;
    const gender = FEMALE.has(word) ? 'f' : MALE.has(word) ? 'm' : undefined;
    if (gender === undefined) return undefined;
    if (found !== undefined && found !== gender) return undefined;
    found = gender;
  }
  return found;
}
