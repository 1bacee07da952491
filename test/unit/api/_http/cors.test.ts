import { describe, expect, it } from 'vitest';
import { createCors } from '../../../../api/_http/cors.js';
import { badRequest, json, methodNotAllowed, payloadTooLarge, serviceUnavailable, unsupportedMediaType } from '../../../../api/_http/answers.js';

const ORIGIN = 'https://www.example.com';
const cors = createCors({ allowedOrigins: [ORIGIN, 'http://localhost:3000'] });

function req(method: string, origin?: string): Request {
  const headers = new Headers();
  if (origin !== undefined) headers.set('origin', origin);
  return new Request('https://t.example.com/api/event', { method, headers });
}

function corsHeaderNames(res: Response): string[] {
  return [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));
}

describe('createCors', () => {
  it.each([
    ['missing origin', undefined, 'origin_missing'],
    ['other origin', 'https://evil.example.net', 'origin_not_allowed'],
    ['origin with trailing slash', `${ORIGIN}/`, 'origin_not_allowed'],
    ['origin differing in case', 'https://WWW.example.com', 'origin_not_allowed'],
    ['http instead of https', 'http://www.example.com', 'origin_not_allowed'],
    ['literal null origin', 'null', 'origin_not_allowed'],
  ])('refuses %s with 403 and no CORS headers', async (_name, origin, reason) => {
    for (const res of [cors.preflight(req('OPTIONS', origin)), await cors.handle(req('POST', origin), async () => json(200, {}))]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: reason });
      expect(corsHeaderNames(res)).toEqual([]);
    }
  });

  it('answers a preflight from an allowed origin with exact-origin credentialed headers', () => {
    const res = cors.preflight(req('OPTIONS', ORIGIN));
    expect(res.status).toBe(204);
    expect(Object.fromEntries(res.headers)).toEqual({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'Content-Type',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it('adds CORS headers to the handler answer and keeps its own', async () => {
    const res = await cors.handle(req('POST', 'http://localhost:3000'), async () => json(201, { a: 1 }, { 'x-test': 'y' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('x-test')).toBe('y');
    expect(await res.json()).toEqual({ a: 1 });
  });

  it.each([
    ['a record', { 'Cache-Control': 'max-age=60', 'X-Test': 'y' }],
    ['a Headers object', new Headers({ 'Cache-Control': 'max-age=60', 'X-Test': 'y' })],
    ['header pairs', [['Cache-Control', 'max-age=60'], ['X-Test', 'y']] as [string, string][]],
  ])('json() lets extra headers given as %s replace a default whatever their case', (_name, headers) => {
    const res = json(200, {}, headers);
    expect(Object.fromEntries(res.headers)).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=60', 'x-test': 'y' });
  });

  it('json() answers without extra headers with the defaults only, every time', () => {
    for (let i = 0; i < 2; i++) {
      expect(Object.fromEntries(json(200, {}).headers)).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    }
  });

  it('hands out each allowed origin’s headers built once: its own, frozen, the same object every time', () => {
    const first = cors.check(req('POST', ORIGIN));
    const again = cors.check(req('POST', ORIGIN));
    const other = cors.check(req('POST', 'http://localhost:3000'));
    if (!first.allowed || !again.allowed || !other.allowed) throw new Error('expected allowed origins');
    expect(again.headers).toBe(first.headers);
    expect(Object.isFrozen(first.headers)).toBe(true);
    expect(first.headers).toEqual({ 'access-control-allow-origin': ORIGIN, 'access-control-allow-credentials': 'true', vary: 'Origin' });
    expect(other.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('json() merges a frozen record like any record, every time, each with its own values', () => {
    const longCache = Object.freeze({ 'Cache-Control': 'max-age=60', 'X-Test': 'y' });
    const shortCache = Object.freeze({ 'Cache-Control': 'max-age=5' });
    for (let i = 0; i < 2; i++) {
      expect(Object.fromEntries(json(200, {}, longCache).headers)).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=60', 'x-test': 'y' });
      expect(Object.fromEntries(json(200, {}, shortCache).headers)).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=5' });
    }
  });

  it('does not run the handler for a refused origin', async () => {
    let ran = false;
    await cors.handle(req('POST', 'https://evil.example.net'), async () => {
      ran = true;
      return json(200, {});
    });
    expect(ran).toBe(false);
  });

  it('refuses a wildcard in the allow-list', () => {
    expect(() => createCors({ allowedOrigins: ['*'] })).toThrow(/wildcard/);
  });
});

describe('response helpers', () => {
  it.each([
    ['badRequest', badRequest('invalid_event', [{ path: 'event_id', message: 'must be a uuid' }]), 400, { error: 'invalid_event', issues: [{ path: 'event_id', message: 'must be a uuid' }] }],
    ['payloadTooLarge', payloadTooLarge(65536), 413, { error: 'payload_too_large', message: 'body must be at most 65536 bytes' }],
    ['unsupportedMediaType', unsupportedMediaType(['application/json', 'text/plain']), 415, { error: 'unsupported_media_type', message: 'send application/json or text/plain' }],
    ['methodNotAllowed', methodNotAllowed(['POST', 'OPTIONS']), 405, { error: 'method_not_allowed', message: 'use POST, OPTIONS' }],
  ])('%s has the shared JSON error shape', async (_name, res, status, body) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(body);
  });

  it('sets Allow on 405 and Retry-After on 503', () => {
    expect(methodNotAllowed(['GET']).headers.get('allow')).toBe('GET');
    const res = serviceUnavailable(2.4);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
  });
});
