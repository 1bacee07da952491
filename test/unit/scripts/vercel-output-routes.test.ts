import { describe, expect, test } from 'vitest';
import { resolveRoute, routePhases, type OutputRoute } from '../../../scripts/vercel-output/routes.js';

// The shape `vercel build` writes for this repository's vercel.json (headers, then Vercel's own phases).
const ROUTES: OutputRoute[] = [
  { src: '^(?:/(w|wd))\\.js$', headers: { 'Access-Control-Allow-Origin': '*' }, continue: true },
  { src: '^/api(?:/(.*))$', headers: { 'Cache-Control': 'no-store' }, continue: true },
  { handle: 'filesystem' },
  { src: '^/api/send$', dest: '/api/event', check: true },
  { src: '^/api(/.*)?$', status: 404 },
  { handle: 'error' },
  { status: 404, src: '^(?!/api).*$', dest: '/404.html' },
  { handle: 'miss' },
  { src: '^/api/(.+)(?:\\.(?:ts))$', dest: '/api/$1', check: true },
];
const FILES = new Set(['/w.js', '/wd.js', '/api/event']);
const resolve = (path: string) => resolveRoute(routePhases(ROUTES), path, (p) => FILES.has(p));

describe('vercel output routing (scripts/vercel-output/routes.ts)', () => {
  test('a static file gets the headers of every matching continue route', () => {
    expect(resolve('/wd.js')).toEqual({ path: '/wd.js', headers: { 'Access-Control-Allow-Origin': '*' } });
  });

  test('a function path is served with its headers; no status', () => {
    expect(resolve('/api/event')).toEqual({ path: '/api/event', headers: { 'Cache-Control': 'no-store' } });
  });

  test('a vercel.json rewrite (the neutral /api/send) lands on its function with the /api headers', () => {
    expect(resolve('/api/send')).toEqual({ path: '/api/event', headers: { 'Cache-Control': 'no-store' } });
  });

  test('an unknown /api path is a 404 that the error phase leaves alone', () => {
    expect(resolve('/api/nothing')).toMatchObject({ path: '/api/nothing', status: 404 });
  });

  test('an unknown page goes to /404.html with status 404', () => {
    expect(resolve('/missing')).toMatchObject({ path: '/404.html', status: 404 });
  });

  test('the miss phase maps /api/event.ts onto the function (check: it must exist)', () => {
    expect(resolve('/api/event.ts')).toMatchObject({ path: '/api/event' });
    expect(resolve('/api/other.ts').status).toBe(404);
  });

  test('routing this server does not model throws instead of being served differently', () => {
    expect(() => routePhases([{ src: '^/x$', has: [{ type: 'host' }] } as unknown as OutputRoute])).toThrow(/has/);
    expect(() => routePhases([{ handle: 'hit' }])).toThrow(/hit/);
  });
});
