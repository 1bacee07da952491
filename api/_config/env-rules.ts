/**
 * The rules api/_config/env.ts declares its variables with: a small validator
 * of our own, because every function checks its environment on a cold start
 * and importing zod for that cost ~25 ms there (issue 13; docs/platform.md
 * §1.13). It says what zod said, word for word: the messages where env.ts
 * gives none are zod's English ones, and a problem that zod treated as
 * stopping (a value of the wrong type, an option not in the list, an
 * ALLOWED_ORIGINS entry) skips the checks across variables, as zod's object
 * refinement was skipped (test/unit/api/_config/env-messages.test.ts).
 */

/** One problem with one variable, located as `path.join('.')` prints it (`ALLOWED_EVENTS.1` for a list entry). */
export interface EnvIssue {
  path: (string | number)[];
  message: string;
}

/** Where a rule reports what is wrong with the value it reads. */
export interface Report {
  /**
   * A problem with the value, or with its list entry at `index`. A `stops`
   * problem means the value could not be read at all; the checks across
   * variables then do not run.
   */
  problem(message: string, options?: { index?: number; stops?: boolean }): void;
}

/** How one variable is read: its raw string (never blank: blanks count as unset) to its typed value. */
export type Rule<T> = (raw: string, report: Report) => T;

/** A declared variable: what it is when unset, and its rule when set. */
export interface Variable<T> {
  read(raw: string | undefined, report: Report): T;
}

/** Unset is `undefined`; a set value goes through `rule`. */
export function optional<T>(rule: Rule<T>): Variable<T | undefined> {
  return { read: (raw, report) => (raw === undefined ? undefined : rule(raw, report)) };
}

/** Unset reads as `fallback`, through the same rule (every fallback is a valid value). */
export function withDefault<T>(fallback: string, rule: Rule<T>): Variable<T> {
  return { read: (raw, report) => rule(raw ?? fallback, report) };
}

/** Any string, as it is (variables Vercel sets). */
export const anyText: Rule<string> = (raw) => raw;

/** Trimmed of surrounding white space, then at least `min` characters long. */
export function trimmedText(min = 1, message = `Too small: expected string to have >=${min} characters`): Rule<string> {
  return (raw, report) => {
    const value = raw.trim();
    if (value.length < min) report.problem(message);
    return value;
  };
}

/** At least `min` characters long, kept as written (white space included). */
export function atLeastChars(min: number, message: string): Rule<string> {
  return (raw, report) => {
    if (raw.length < min) report.problem(message);
    return raw;
  };
}

/** Matches `pattern`; then `then` shapes it (lower case, …). */
export function matching(pattern: RegExp, message: string, then: (value: string) => string = (value) => value): Rule<string> {
  return (raw, report) => {
    if (!pattern.test(raw)) {
      report.problem(message);
      return raw;
    }
    return then(raw);
  };
}

/** A URL the WHATWG parser accepts (any scheme; trimmed; tabs and newlines removed as the parser does), then `then`. */
export function url(message: string, then: (value: string) => string = (value) => value): Rule<string> {
  return (raw, report) => {
    const trimmed = raw.trim();
    if (!URL.canParse(trimmed)) {
      report.problem(message);
      return raw;
    }
    return then(trimmed.replace(/[\t\n\r]/g, ''));
  };
}

/** One of `options`, exactly. */
export function oneOf<const O extends string>(options: readonly O[]): Rule<O> {
  const expected = options.length === 1 ? `Invalid input: expected ${JSON.stringify(options[0])}` : `Invalid option: expected one of ${options.map((o) => JSON.stringify(o)).join('|')}`;
  return (raw, report) => {
    if (!(options as readonly string[]).includes(raw)) report.problem(expected, { stops: true });
    return raw as O;
  };
}

/** A check on a number: undefined when it holds, else its problem and whether it stops the later checks. */
export type NumberCheck = (value: number) => { message: string; stops: boolean } | undefined;

/** A whole number within the safe integer range. */
export function wholeNumber(message = 'Invalid input: expected int, received number'): NumberCheck {
  return (value) => {
    if (!Number.isInteger(value)) return { message, stops: true };
    if (value > Number.MAX_SAFE_INTEGER) return { message: `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`, stops: false };
    if (value < Number.MIN_SAFE_INTEGER) return { message: `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`, stops: false };
    return undefined;
  };
}

/** ≥ `min`. */
export function atLeast(min: number, message = `Too small: expected number to be >=${min}`): NumberCheck {
  return (value) => (value >= min ? undefined : { message, stops: false });
}

/** > 0. */
export function positive(message = 'Too small: expected number to be >0'): NumberCheck {
  return (value) => (value > 0 ? undefined : { message, stops: false });
}

/** ≤ `max`. */
export function atMost(max: number, message = `Too big: expected number to be <=${max}`): NumberCheck {
  return (value) => (value <= max ? undefined : { message, stops: false });
}

/** A finite number as `Number()` reads the string, then `checks` in order (a stopping one ends them). */
export function number(...checks: NumberCheck[]): Rule<number> {
  return (raw, report) => {
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      report.problem(`Invalid input: expected number, received ${Number.isNaN(value) ? 'NaN' : String(value)}`, { stops: true });
      return value;
    }
    for (const check of checks) {
      const failed = check(value);
      if (!failed) continue;
      report.problem(failed.message, { stops: failed.stops });
      if (failed.stops) break;
    }
    return value;
  };
}

/** A positive whole number up to `max` (days, ports). */
export function positiveInt(max: number): Rule<number> {
  return number(wholeNumber(), positive(), atMost(max));
}

/** A comma-separated list, each entry trimmed (and shaped by `shape`), empty entries dropped. */
export function list(options: { entry: [pattern: RegExp, message: string]; shape?: (entry: string) => string; atLeastOne?: string }): Rule<string[]> {
  const [pattern, message] = options.entry;
  return (raw, report) => {
    const entries = raw.split(',').map((entry) => (options.shape ?? ((e: string) => e))(entry.trim())).filter(Boolean);
    entries.forEach((entry, index) => {
      if (!pattern.test(entry)) report.problem(message, { index });
    });
    if (options.atLeastOne && entries.length === 0) report.problem(options.atLeastOne);
    return entries;
  };
}

/** The typed values of a table of variables. */
export type Values<V extends Record<string, Variable<unknown>>> = { [K in keyof V]: V[K] extends Variable<infer T> ? T : never };

/** Adds a problem about the variable `name` from a check across variables. */
export type AddIssue = (name: string, message: string) => void;

/**
 * Read every variable of `variables` from `source` (in declaration order, so
 * problems are listed in that order), then, unless a problem stopped a
 * variable, the checks `across` them. Blank strings count as unset.
 */
export function readVariables<V extends Record<string, Variable<unknown>>>(
  variables: V,
  source: Record<string, string | undefined>,
  across: (values: Values<V>, add: AddIssue) => void,
): { values: Values<V>; issues: EnvIssue[] } {
  const issues: EnvIssue[] = [];
  let stopped = false;
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables)) {
    const raw = source[name];
    const set = raw !== undefined && raw.trim() !== '' ? raw : undefined;
    // A variable with a problem keeps its value for the checks across variables, as zod did.
    values[name] = variable.read(set, {
      problem(message, options = {}) {
        issues.push({ path: options.index === undefined ? [name] : [name, options.index], message });
        if (options.stops) stopped = true;
      },
    });
  }
  if (!stopped) across(values as Values<V>, (name, message) => issues.push({ path: [name], message }));
  return { values: values as Values<V>, issues };
}
