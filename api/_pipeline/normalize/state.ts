import { US_CA_STATE_BY_NAME, US_CA_STATE_CODES } from './us-ca-states.js';
import { asAlreadyHashed, foldToAsciiLower, prepareInput } from './text.js';

const NOT_A_TO_Z = /[^a-z]+/g;
const NOT_A_TO_Z_OR_DIGIT = /[^a-z0-9]+/g;
const TWO_LETTERS = /^[a-z]{2}$/;

/**
 * `st`: a real 2-letter code, lowercase (docs/meta-capi.md §3 `st`, §3.2).
 * US/CA names and abbreviations map to their codes (`Calif.` → `ca`,
 * `Washington, D.C.` → `dc`, `Québec` → `qc`; PB's truncation gives `wa`,
 * `te`, `qu`). With `country` (normalized ISO2) outside US/CA the value is
 * kept as lowercase a–z/digits (`Île-de-France` → `iledefrance`); with no
 * country, an unknown name is absent because it cannot be told apart from a
 * misspelled US state.
 */
export function normalizeState(raw: unknown, country?: string): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  const folded = foldToAsciiLower(value);
  const usOrCanada = country === undefined || country === 'us' || country === 'ca';
  if (!usOrCanada) {
    const region = folded.replace(NOT_A_TO_Z_OR_DIGIT, '');
    return region === '' ? undefined : region;
  }
  const letters = folded.replace(NOT_A_TO_Z, '');
  const code = US_CA_STATE_BY_NAME.get(letters);
  if (code) return code;
  // A 2-letter code that is no US/CA code: with no country it may be another
  // country's region code (Italy `MI`, Brazil `SP`), which Meta wants as-is.
  if (country === undefined && TWO_LETTERS.test(letters) && !US_CA_STATE_CODES.has(letters)) return letters;
  return undefined;
}
