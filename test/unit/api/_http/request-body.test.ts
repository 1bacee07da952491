import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, isAcceptedContentType, readJsonBody } from '../../../../api/_http/request-body.js';

function post(body: BodyInit | null, contentType: string | null, extra: Record<string, string> = {}): Request {
  const headers = new Headers(extra);
  if (contentType) headers.set('content-type', contentType);
  return new Request('https://t.example.com/api/event', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

function streamOf(totalBytes: number, chunk = 4096): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const n = Math.min(chunk, totalBytes - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
}

describe('isAcceptedContentType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['text/plain;charset=UTF-8', true],
    ['TEXT/PLAIN', true],
    ['text/plain; charset="utf-8"', true],
    ['text/plain; charset=iso-8859-1', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['text/html', false],
    ['', false],
    [null, false],
  ])('%s → %s', (header, expected) => {
    expect(isAcceptedContentType(header)).toBe(expected);
  });

  it('gives the same verdicts when asked again and past its memory of seen types', () => {
    for (let i = 0; i < 100; i++) expect(isAcceptedContentType(`application/x-made-up-${i}`)).toBe(false);
    for (let round = 0; round < 2; round++) {
      expect(isAcceptedContentType('text/plain;charset=UTF-8')).toBe(true);
      expect(isAcceptedContentType('text/plain; charset=iso-8859-1')).toBe(false);
    }
  });
});

describe('readJsonBody', () => {
  it('parses JSON sent as text/plain (sendBeacon)', async () => {
    const result = await readJsonBody(post('{"a":[1,2]}', 'text/plain;charset=UTF-8'));
    expect(result).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it.each([
    ['unsupported type', post('{}', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
    ['no content type', post(new TextEncoder().encode('{}'), null), 415, 'unsupported_media_type'],
    ['malformed JSON', post('{"a":', 'application/json'), 400, 'malformed_json'],
    ['empty body', post('', 'application/json'), 400, 'malformed_json'],
    ['invalid UTF-8', post(new Uint8Array([0x22, 0xff, 0xfe, 0x22]), 'application/json'), 400, 'malformed_body'],
    ['declared length over the cap', post('{}', 'application/json', { 'content-length': String(MAX_BODY_BYTES + 1) }), 413, 'payload_too_large'],
    ['oversized body without a length header', post(streamOf(MAX_BODY_BYTES + 1), 'application/json'), 413, 'payload_too_large'],
  ])('%s → %i', async (_name, request, status, error) => {
    const result = await readJsonBody(request);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(status);
    expect(await result.response.json()).toMatchObject({ error });
  });

  it('accepts a body of exactly the cap', async () => {
    const json = `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`;
    const result = await readJsonBody(post(json, 'application/json'));
    expect(result.ok).toBe(true);
  });

  it('stops reading a lying stream soon after the cap instead of buffering it all', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 4096;
        controller.enqueue(new Uint8Array(4096));
      },
    });
    const result = await readJsonBody(post(endless, 'application/json', { 'content-length': '10' }));
    expect(result.ok).toBe(false);
    expect(pulled).toBeLessThan(MAX_BODY_BYTES + 5 * 4096);
  });

  it('does not echo the body in the error', async () => {
    const result = await readJsonBody(post('{"secret":"abc', 'application/json'));
    if (result.ok) throw new Error('expected failure');
    expect(await result.response.text()).not.toContain('secret');
  });
});
