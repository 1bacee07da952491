import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverApiRoutes } from '../../../scripts/dev/routes.js';
import { WIDGET_FILES } from '../../../scripts/doctor/checks.js';

// Generic ad-blocker rules match words in paths and file names (docs/platform.md §3.5). Every
// path a visitor's browser requests from the relay must avoid them, or leads vanish silently.
const ROOT = resolve(import.meta.dirname, '../../..');
const BLOCKED = /track|pixel|collect|fb|facebook|analytics|beacon|capi|conversion/i;

/** The blocked words a public path contains. */
export function blockedWords(path: string): string[] {
  return [...path.matchAll(new RegExp(BLOCKED.source, 'gi'))].map((m) => m[0].toLowerCase());
}

describe('public paths avoid the words ad blockers match', () => {
  it('the check finds a blocked word', () => {
    expect(blockedWords('/api/track-event')).toEqual(['track']);
    expect(blockedWords('/fb-pixel.js')).toEqual(['fb', 'pixel']);
  });

  it('every function path (api/ files, including ones other work adds)', () => {
    const routes = discoverApiRoutes(join(ROOT, 'api')).map((r) => r.path);
    expect(routes).toContain('/api/event');
    for (const path of routes) expect(blockedWords(path), path).toEqual([]);
  });

  it('the widget files, the vercel.json sources and the proxy prefix of the recipes', () => {
    const vercel = JSON.parse(readFileSync(join(ROOT, 'vercel.json'), 'utf8')) as { headers?: { source: string }[]; rewrites?: { source: string }[] };
    const paths = [...WIDGET_FILES.map((f) => `/${f}`), ...(vercel.headers ?? []).map((h) => h.source), ...(vercel.rewrites ?? []).map((r) => r.source), '/t/'];
    for (const path of paths) expect(blockedWords(path), path).toEqual([]);
  });
});
