import type * as Libphonenumber from './libphonenumber.js';

/**
 * Where phone.ts gets libphonenumber: loaded on first need, as its own module
 * (libphonenumber.ts, a lazy part), so a cold start that meets no national number
 * outside North America never compiles it. Normalizing stays synchronous: a
 * normalization that needs the parser before it is loaded throws
 * PhoneParserNotLoaded, and withPhoneParser() loads it and runs the
 * normalization again, once per instance.
 */
export type PhoneParser = typeof Libphonenumber;

/** A phone number needed libphonenumber before loadPhoneParser() had loaded it (a caller not using withPhoneParser). */
export class PhoneParserNotLoaded extends Error {
  constructor() {
    super('libphonenumber is not loaded yet: normalize phone numbers through withPhoneParser()');
    this.name = 'PhoneParserNotLoaded';
  }
}

let parser: PhoneParser | undefined;

/** The loaded parser; throws PhoneParserNotLoaded before loadPhoneParser() has finished. */
export function phoneParser(): PhoneParser {
  if (!parser) throw new PhoneParserNotLoaded();
  return parser;
}

/** Whether a number has needed libphonenumber in this process yet (tests). */
export function phoneParserLoaded(): boolean {
  return parser !== undefined;
}

export async function loadPhoneParser(): Promise<PhoneParser> {
  return (parser ??= await import('#lazy/_pipeline/normalize/libphonenumber'));
}

/**
 * `run()`, which normalizes phone numbers; when one needed libphonenumber before it was
 * loaded, loads it and runs again. Synchronous (no promise) whenever the parser is not needed or
 * already loaded, so the warm path pays nothing for it. `run` must have no other effect.
 */
export function withPhoneParser<T>(run: () => T): T | Promise<T> {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof PhoneParserNotLoaded)) throw error;
    return loadPhoneParser().then(run);
  }
}
