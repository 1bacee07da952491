/** Which store operation failed; it is the only detail a StoreError's message carries. */
export type StoreOperation = 'claim' | 'save' | 'get' | 'getRaw' | 'listDue' | 'listRecent' | 'withdrawVisitor' | 'clearWithdrawal' | 'claimDue' | 'getPause' | 'setPause' | 'clearPause' | 'listLog' | 'saveIfUnchanged' | 'erase' | 'summarize' | 'parkOrFind' | 'completeJoin' | 'claimParkedDue' | 'dropParked';

/** What went wrong, without any stored value. */
export type StoreFailure =
  | 'unavailable' // network error or timeout: the store could not be reached
  | 'rejected' // the store answered with an error (bad token, Redis error)
  | 'not_found'; // save() of a record that was never claimed or has expired

// Longest server message we keep: enough for "ERR ..." / "Unauthorized", too short to echo a payload.
const MAX_DETAIL_CHARS = 120;

/**
 * Cut what an @upstash/redis error message echoes: `UpstashError` appends
 * ", command was: <JSON of the command>" (hashed PII, IPs; docs/platform.md §0.9)
 * and `UpstashJSONParseError` appends the response body.
 */
export function redactStoreMessage(message: string): string {
  const text = message
    .replace(/,?\s*command was:[\s\S]*$/, '')
    .replace(/(response body)[\s\S]*$/, '$1')
    .trim();
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}

/**
 * A store call failed. The message names the operation and the kind of
 * failure, never a key or value; `cause` is a redacted copy of the
 * underlying error (its name and a truncated message), so logging the whole
 * error chain stays free of PII.
 */
export class StoreError extends Error {
  override name = 'StoreError';
  readonly operation: StoreOperation;
  readonly failure: StoreFailure;

  constructor(operation: StoreOperation, failure: StoreFailure, cause?: unknown) {
    super(`store ${operation} failed: ${describeFailure(failure)}`, cause === undefined ? undefined : { cause: redactCause(cause) });
    this.operation = operation;
    this.failure = failure;
  }
}

function describeFailure(failure: StoreFailure): string {
  switch (failure) {
    case 'unavailable':
      return 'store unreachable or timed out';
    case 'rejected':
      return 'store answered with an error';
    case 'not_found':
      return 'no record for this event_id (never claimed, or expired)';
  }
}

function redactCause(cause: unknown): Error {
  if (!(cause instanceof Error)) return new Error('non-Error thrown');
  const copy = new Error(redactStoreMessage(cause.message));
  copy.name = cause.name;
  // Drop the original stack: V8 prefixes it with the unredacted message.
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
