import { normalizeName } from './name.js';
import { prepareInput } from './text.js';

// Titles before a name, compared without dots and case (Dr. = dr). Words that are
// also common first names (Don, Dona) and single initials (M.) are left out.
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lady', 'lord', 'madam',
  'rev', 'fr', 'mme', 'mlle', 'herr', 'frau', 'sr', 'sra', 'srta', 'sig', 'sigra', 'dott', 'ing',
  'mag', 'hr', 'fru',
]);
// Generational and academic suffixes after a name.
const SUFFIXES = new Set(['jr', 'sr', 'snr', 'jnr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'dds', 'mba', 'cpa', 'rn']);
// Surname particles: in "Jan van der Berg" the surname Meta would see from a
// last-name field is "van der Berg" → `vanderberg`, so they stay with the last token.
const PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'das', 'dos', 'du', 'la', 'le', 'ter',
  'ten', 'bin', 'binti', 'al', 'el', 'st', 'saint', 'mac', 'af', 'zu', 'y',
]);
const TOKEN_KEY_NOISE = /[.,]/g;

/** First and last name found in a full name; either may be absent. */
export interface SplitName {
  fn?: string;
  ln?: string;
}

/**
 * Split a `full_name` into normalized `fn` (first token) and `ln` (last token
 * plus any surname particles before it). Honorifics and suffixes are dropped;
 * "Last, First" is understood; a one-word name gives `fn` only.
 */
export function splitFullName(raw: unknown): SplitName {
  const value = prepareInput(raw);
  if (value === '') return {};
  const comma = value.indexOf(',');
  let tokens: string[];
  if (comma > 0 && !isSuffixTail(value.slice(comma + 1))) {
    // "Berg, Jan" → Jan Berg; but "Jan Berg, Jr." keeps its order.
    tokens = [...words(value.slice(comma + 1)), ...words(value.slice(0, comma))];
  } else {
    tokens = words(value);
  }
  while (tokens.length > 0 && HONORIFICS.has(tokenKey(tokens[0]!))) tokens.shift();
  while (tokens.length > 0 && SUFFIXES.has(tokenKey(tokens[tokens.length - 1]!))) tokens.pop();
  if (tokens.length === 0) return {};

  const fn = normalizeName(tokens[0]);
  if (tokens.length === 1) return fn ? { fn } : {};
  let start = tokens.length - 1;
  while (start > 1 && PARTICLES.has(tokenKey(tokens[start - 1]!))) start--;
  const ln = normalizeName(tokens.slice(start).join(''));
  return { ...(fn ? { fn } : {}), ...(ln ? { ln } : {}) };
}

function words(text: string): string[] {
  return text.split(/[\s,]+/u).filter((word) => normalizeName(word) !== undefined);
}

function tokenKey(token: string): string {
  return token.toLowerCase().replace(TOKEN_KEY_NOISE, '');
}

function isSuffixTail(text: string): boolean {
  const tail = words(text);
  return tail.length > 0 && tail.every((word) => SUFFIXES.has(tokenKey(word)));
}
