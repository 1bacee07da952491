import { isbot, list as isbotPatterns } from 'isbot';

/**
 * isbot's verdict on a user agent, for less on a cold instance.
 *
 * isbot joins its patterns into one regex with the `i` flag. V8 compiles a case-insensitive
 * alternation of that size several times slower than the same one without the flag: the
 * first test cost a cold event function ~2 ms (docs/platform.md §1.13). Every isbot pattern
 * is written in lower case, so for a user agent of ASCII characters the same alternation
 * without `i`, run on the lower-cased user agent, decides exactly as isbot does: each letter
 * of the input is lower case, and no pattern atom tells a lower-case letter from its capital
 * (the argument, and the test that holds it: test/unit/api/_pipeline/bot-user-agent.test.ts).
 * Outside ASCII, case folding has exceptions (the Kelvin sign lower-cases to `k`), so such a
 * user agent goes to isbot itself, as does every one if a release ever writes a capital
 * letter or an upper-case escape (`\W`, `\S`, …) in a pattern.
 */
export function isBotUserAgent(userAgent: string): boolean {
  if (ASCII_ONLY.test(userAgent)) {
    caseFree ??= caseFreeBotPattern(isbotPatterns);
    if (caseFree) return caseFree.test(userAgent.toLowerCase());
  }
  return isbot(userAgent);
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** Built on the first user agent, not on import: a cold start pays for it only when an event needs it. */
let caseFree: RegExp | null | undefined;

/**
 * isbot's alternation without the `i` flag, or null when a pattern holds an upper-case
 * letter (a literal capital, or an escape such as `\W` whose meaning is not "this letter
 * in either case"): then lower-casing the input would not give isbot's answer. Also null
 * where the runtime cannot compile it.
 */
export function caseFreeBotPattern(patterns: readonly string[]): RegExp | null {
  const source = patterns.join('|');
  if (/[A-Z]/.test(source)) return null;
  try {
    return new RegExp(source);
  } catch {
    return null; // a runtime without some syntax a pattern uses: isbot has its own fallback for that
  }
}
