import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * What every built widget file carries, in the local server as in vercel.json: the page that
 * loads w.js sits on another origin (www. vs t., docs/platform.md §3), and the
 * lazy chunks are ES modules fetched with `import()`, which the browser makes
 * in CORS mode. They are public and credential-free, so any origin may read
 * them; CORP lets pages with Cross-Origin-Embedder-Policy load w.js too.
 */
export const WIDGET_FILE_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
  'x-content-type-options': 'nosniff',
};

/** A file from `dir` for a URL path with `headers` added, or null; paths escaping `dir` are refused. */
export async function readStaticFile(dir: string, urlPath: string, headers: Readonly<Record<string, string>> = {}): Promise<Response | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const root = resolve(dir);
  const file = resolve(join(root, decoded));
  if (!file.startsWith(root + sep)) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    const body = await readFile(file);
    return new Response(body, {
      headers: { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' },
    });
  } catch {
    return null;
  }
}
