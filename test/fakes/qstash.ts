import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test signing keys, shaped like QStash's (sig_…); never real ones. */
export const TEST_SIGNING_KEYS = { current: 'sig_testCurrentSigningKey0000000000', next: 'sig_testNextSigningKey000000000000000' } as const;

/** One publish the fake received. */
export interface PublishedMessage {
  /** the destination URL (the path after /v2/publish/) */
  destination: string;
  /** request headers, lower-cased */
  headers: Record<string, string>;
  body: string;
}

export interface FakeQStash {
  /** base URL to use as QSTASH_URL */
  url: string;
  token: string;
  published: PublishedMessage[];
  close(): Promise<void>;
}

/**
 * A local stand-in for QStash's publish endpoint (POST /v2/publish/<destination URL>,
 * Authorization: Bearer <QSTASH_TOKEN>): records each message and answers with a message id,
 * like QStash. Delivery is the test's job: see signLikeQStash.
 */
export async function startFakeQStash(token = 'qstash-test-token-0000'): Promise<FakeQStash> {
  const published: PublishedMessage[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Unauthorized' }));
        return;
      }
      if (req.method !== 'POST' || !path.startsWith('/v2/publish/')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      published.push({ destination: decodeURIComponent(path.slice('/v2/publish/'.length)), headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: `msg_${randomUUID()}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    published,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * The Upstash-Signature QStash puts on a delivery: an HS256 JWT signed with a signing key, issuer
 * "Upstash", subject the destination URL, `body` the base64url SHA-256 of the exact body, and
 * iat/nbf/exp — what @upstash/qstash's Receiver checks. Built by hand so a test can also forge one.
 */
export function signLikeQStash(body: string, url: string, key: string, claims: Record<string, unknown> = {}): string {
  const nowSec = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      iss: 'Upstash',
      sub: url,
      exp: nowSec + 300,
      nbf: nowSec,
      iat: nowSec,
      jti: `jwt_${randomUUID()}`,
      body: base64url(createHash('sha256').update(body).digest()),
      ...claims,
    }),
  );
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
