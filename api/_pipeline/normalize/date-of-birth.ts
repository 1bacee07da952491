import { asAlreadyHashed, prepareInput } from './text.js';

const MIN_YEAR = 1900; // docs/meta-capi.md §3 `db`: year 1900–current
const MONTHS: ReadonlyMap<string, number> = new Map(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
    .flatMap((name, i) => [[name, i + 1], [name.slice(0, 3), i + 1]] as const)
    .concat([['sept', 9]]),
);
const NUMBERS = /\d+/g; // ASCII digits only, like PB: full-width ones are not read
const WORDS = /[a-z]+/g;
const EIGHT_DIGITS = /^\d{8}$/;
const DOT = /^\s*\.\s*$/;

/**
 * `db`: `YYYYMMDD` (docs/meta-capi.md §3 `db`). Read like capi-param-builder's
 * dobUtil.js (docs/meta-capi.md §3.1): the first three numbers in the text are the
 * date, whatever surrounds them, so a written-out format note or a label
 * (`2/16/1997 (mm/dd/yyyy)`, `Born: 12-31-1990`, an ISO time) does not cost
 * the value. A number above 31 is the year; a number above 12 is the day;
 * otherwise month first, like PB, unless dots show the European day-first
 * style (`01.02.1990`). One 8-digit number is `19901231`, `12311990` or
 * `31121990`. Unlike PB, `December 31, 1990` (a month name and two numbers)
 * is read, the year must be 1900–current (the docs; PB allows 1800–next
 * year) and the day must exist (PB takes 1900-02-29).
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
  // matchAll is linear in the text; a regex spanning three numbers and their separators could backtrack.
  const numbers = [...text.matchAll(NUMBERS)];
  if (numbers.length >= 3) return readThreeNumbers(text, numbers[0]!, numbers[1]!, numbers[2]!);
  if (numbers.length === 1 && EIGHT_DIGITS.test(numbers[0]![0])) return readEightDigits(numbers[0]![0]);
  if (numbers.length === 2) return readWithMonthName(numbers[0]![0], numbers[1]![0], text);
  return undefined;
}

/** PB's reading of three numbers, plus day-first when dots separate two that could each be the month. */
function readThreeNumbers(text: string, a: RegExpExecArray, b: RegExpExecArray, c: RegExpExecArray): YearMonthDay {
  const [n1, n2, n3] = [Number(a[0]), Number(b[0]), Number(c[0])];
  if (n1 > 31) return n2 > 12 ? [n1, n3, n2] : [n1, n2, n3];
  if (n2 > 31) return n3 > 12 ? [n2, n1, n3] : [n2, n3, n1];
  const dotted = DOT.test(text.slice(a.index + a[0].length, b.index)) && DOT.test(text.slice(b.index + b[0].length, c.index));
  const dayFirst = n1 > 12 || (n2 <= 12 && dotted);
  return dayFirst ? [n3, n2, n1] : [n3, n1, n2];
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

/** `December 31, 1990`, `31 Dec 1990`, `1990 Dec 31`: one month name, a 4-digit year and a day. */
function readWithMonthName(first: string, second: string, text: string): YearMonthDay | undefined {
  const months = (text.match(WORDS) ?? []).flatMap((word) => MONTHS.get(word) ?? []);
  if (months.length !== 1) return undefined;
  const year = [first, second].find((n) => n.length === 4);
  const day = [first, second].find((n) => n.length <= 2);
  return year && day ? [Number(year), months[0]!, Number(day)] : undefined;
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
