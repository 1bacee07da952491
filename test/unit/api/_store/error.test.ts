import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactStoreMessage, StoreError } from '../../../../api/_store/error.js';

describe('redactStoreMessage', () => {
  it.each([
    ['drops the command an UpstashError echoes', 'WRONGTYPE Operation against a key, command was: ["set","cr:raw:x","{\\"email\\":\\"a@b.c\\"}"]', 'WRONGTYPE Operation against a key'],
    ['drops it without the comma too', 'Unauthorized command was: [["get","k"]]', 'Unauthorized'],
    ['drops the body a parse error echoes', 'Unable to parse response body: {"result":"secret', 'Unable to parse response body'],
    ['keeps a plain network message', 'fetch failed', 'fetch failed'],
    ['truncates a long message', 'E'.repeat(300), `${'E'.repeat(120)}…`],
  ])('%s', (_label, message, expected) => {
    expect(redactStoreMessage(message)).toBe(expected);
  });
});

describe('StoreError', () => {
  it('names the operation and failure and keeps a redacted cause', () => {
    const upstream = new Error('ERR boom, command was: ["eval","script","cr:rec:ev-1","value-with-pii"]');
    upstream.name = 'UpstashError';
    const error = new StoreError('claim', 'rejected', upstream);

    expect(error).toMatchObject({ name: 'StoreError', operation: 'claim', failure: 'rejected' });
    expect(error.message).toBe('store claim failed: store answered with an error');
    expect(error.cause).toMatchObject({ name: 'UpstashError', message: 'ERR boom' });
    expect(inspect(error, { depth: 5 })).not.toContain('value-with-pii');
  });

  it('has no cause when none was given', () => {
    expect(new StoreError('save', 'not_found').cause).toBeUndefined();
  });
});
