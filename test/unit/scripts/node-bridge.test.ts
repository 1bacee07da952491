import { describe, expect, it } from 'vitest';
import { clientIpBehind } from '../../../scripts/dev/node-bridge.js';

describe('clientIpBehind (TRUST_PROXY)', () => {
  it.each<[string | null, string, number, string]>([
    // one nginx in front: it appended the visitor; the socket is nginx
    ['198.51.100.7', '10.0.0.2', 1, '198.51.100.7'],
    // a visitor-forged entry left of what the trusted proxy appended is never believed
    ['6.6.6.6, 198.51.100.7', '10.0.0.2', 1, '198.51.100.7'],
    // two trusted hops (CDN → nginx → node)
    ['6.6.6.6, 198.51.100.7, 172.16.0.3', '10.0.0.2', 2, '198.51.100.7'],
    // fewer entries than hops: the first one
    [null, '10.0.0.2', 1, '10.0.0.2'],
    ['198.51.100.7', '10.0.0.2', 3, '198.51.100.7'],
  ])('XFF %s from %s with %i hop(s) → %s', (xff, socket, hops, expected) => {
    expect(clientIpBehind(xff, socket, hops)).toBe(expected);
  });
});
