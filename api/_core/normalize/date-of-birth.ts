import { asAlreadyHashed, prepareInput } from './text.js';

const MIN_YEAR = 1900; // meta-capi.md §3 `db`: year 1900–current
const MONTHS: ReadonlyMap<string, number> = new Map(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
    .flatMap((name, i) => [[name, i + 1], [name.slice(0, 3), i + 1]] as const)
    .concat([['sept', 9]]),
);
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s].*)?$/i;
const EIGHT_DIGITS = /^\d{8}$/;
const DIGIT_GROUPS = /\d+/g;
const MONTH_WORD = /[a-z]+/g;
const DAY_FIRST_SEPARATOR = /^\d{1,2}\.\s*\d{1,2}\.\s*\d{4}$/;

/**
 * `db`: `YYYYMMDD` (meta-capi.md §3 `db`) from ISO dates, `12/31/1990`,
 * `31.12.1990`, `19901231` and English month names (`December 31, 1990`).
 * Ambiguous d/m orders read month-first like PB, unless dots show the
 * European day-first style. Two-digit years and impossible dates are absent.
 */
export function normalizeDateOfBirth(raw: unknown, now: Date = new Date()): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  const maxYear = now.getUTCFullYear();
  const date = readDate(value.toLowerCase());
  if (!date) return undefined;
  const [year, month, day] = date;
  if (year < MIN_YEAR || year > maxYear || !isRealDay(year, month, day)) return undefined;
  return `${year}${pad2(month)}${pad2(day)}`;
}

type YearMonthDay = [number, number, number];

function readDate(text: string): YearMonthDay | undefined {
  const iso = ISO_DATE.exec(text);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  if (EIGHT_DIGITS.test(text)) return readEightDigits(text);

  const groups = text.match(DIGIT_GROUPS) ?? [];
  const words = (text.match(MONTH_WORD) ?? []).filter((word) => !isOrdinalSuffix(word));
  if (words.length > 0) return readWithMonthName(groups, words);
  if (groups.length !== 3) return undefined;
  const [a, b, c] = groups as [string, string, string];
  if (a.length === 4) return [Number(a), Number(b), Number(c)]; // year first is always Y-M-D
  if (c.length !== 4) return undefined; // a two-digit year could be 19xx or 20xx
  const first = Number(a);
  const second = Number(b);
  const dayFirst = first > 12 || (second <= 12 && DAY_FIRST_SEPARATOR.test(text));
  return dayFirst ? [Number(c), second, first] : [Number(c), first, second];
}

/** `19901231`, else `12311990` (US order), else `31121990`. */
function readEightDigits(text: string): YearMonthDay | undefined {
  const candidates: YearMonthDay[] = [
    [Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8))],
    [Number(text.slice(4, 8)), Number(text.slice(0, 2)), Number(text.slice(2, 4))],
    [Number(text.slice(4, 8)), Number(text.slice(2, 4)), Number(text.slice(0, 2))],
  ];
  return candidates.find(([y, m, d]) => y >= MIN_YEAR && isRealDay(y, m, d));
}

/** `December 31, 1990`, `31 Dec 1990`, `1990 Dec 31`: one month word, a 4-digit year and a day. */
function readWithMonthName(groups: string[], words: string[]): YearMonthDay | undefined {
  if (words.length !== 1 || groups.length !== 2) return undefined;
  const month = MONTHS.get(words[0]!);
  if (month === undefined) return undefined;
  const year = groups.find((group) => group.length === 4);
  const day = groups.find((group) => group.length <= 2);
  return year && day ? [Number(year), month, Number(day)] : undefined;
}

function isOrdinalSuffix(word: string): boolean {
  return word === 'st' || word === 'nd' || word === 'rd' || word === 'th' || word === 'of';
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
