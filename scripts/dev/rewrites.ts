import { readFileSync } from 'node:fs';

/** One `rewrites` entry of vercel.json. */
export interface Rewrite {
  source: string;
  destination: string;
}

/**
 * The `rewrites` of vercel.json as the local server applies them: the subset
 * this project uses, exact paths (docs/platform.md §1.3). A pattern (`:param`,
 * a group, a wildcard) or an external destination throws, so a vercel.json
 * change the local server does not understand fails instead of being served
 * differently than Vercel would.
 */
export function readRewrites(vercelJsonPath: string): Map<string, string> {
  const config = JSON.parse(readFileSync(vercelJsonPath, 'utf8')) as { rewrites?: Rewrite[] };
  const rewrites = new Map<string, string>();
  for (const { source, destination } of config.rewrites ?? []) {
    for (const path of [source, destination]) {
      if (!/^\/[\w./-]*$/.test(path)) throw new Error(`vercel.json rewrite "${source}" → "${destination}": only exact local paths are served locally`);
    }
    rewrites.set(source, destination);
  }
  return rewrites;
}

/** The path a request is served from: its rewrite, or itself (a trailing slash is ignored, as for routes). */
export function rewritePath(rewrites: ReadonlyMap<string, string>, pathname: string): string {
  return rewrites.get(pathname.replace(/(.)\/+$/, '$1')) ?? pathname;
}
