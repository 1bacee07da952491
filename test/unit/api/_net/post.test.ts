import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { post, postTargetOf } from '../../../../api/_net/post.js';

describe('postTargetOf', () => {
  it('unbrackets an IPv6 literal, keeps the port and path, and takes a replacement path', () => {
    expect(postTargetOf(new URL('http://[::1]:8080/v26.0/1/events?x=1'))).toMatchObject({ hostname: '::1', port: '8080', path: '/v26.0/1/events?x=1' });
    expect(postTargetOf(new URL('https://eu1-example.upstash.io'), '/pipeline')).toMatchObject({ hostname: 'eu1-example.upstash.io', port: undefined, path: '/pipeline' });
  });
});

describe('post', () => {
  it('sends the body with its byte length and answers status, headers and bytes; one kept-alive connection for both targets of a host', async () => {
    let connections = 0;
    const seen: { length: string | undefined; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ length: req.headers['content-length'], body });
        res.writeHead(201, { 'retry-after': '3' }).end('{"ok":true}');
      });
    });
    server.on('connection', () => (connections += 1));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const first = await post(postTargetOf(base, '/a'), { 'content-type': 'application/json' }, '{"é":1}', 2_000);
      const second = await post(postTargetOf(base, '/b'), {}, 'x', 2_000);
      expect([first.status, first.headers['retry-after'], first.body.toString('utf8')]).toEqual([201, '3', '{"ok":true}']);
      expect(second.status).toBe(201);
      expect(seen).toEqual([{ length: '8', body: '{"é":1}' }, { length: '1', body: 'x' }]);
      expect(connections).toBe(1);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('rejects with a TimeoutError when no answer comes in time', async () => {
    const server = createServer(() => undefined);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const target = postTargetOf(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
      await expect(post(target, {}, '{}', 100)).rejects.toMatchObject({ name: 'TimeoutError', message: 'timed out after 100 ms' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
