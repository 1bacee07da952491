import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The arrows of README "Code map", checked on the source so they keep holding:
// routes → _http → _pipeline → _store / _meta (by their contracts), _config wires them,
// _contract is types every part and the widget share. Each rule lists what breaks it.

const ROOT = resolve(import.meta.dirname, '../..');

/** One import statement: who imports what, and whether only types cross. */
export interface ImportEdge {
  from: string;
  /** repo-relative file for a relative import, else the package name as written */
  to: string;
  typeOnly: boolean;
  /** an `import()`: loaded when the code runs, not with the importing module */
  dynamic?: true;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** package.json `imports` (#functions/*), as the sources resolve them: the `source` condition. */
const SUBPATH_IMPORTS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports: Record<string, { source: string }> }).imports;

/** `#functions/event` → `api/_http/functions/event.ts`; undefined for a name the map lacks. */
export function resolveSubpathImport(specifier: string): string | undefined {
  for (const [pattern, target] of Object.entries(SUBPATH_IMPORTS)) {
    const [prefix, suffix] = pattern.split('*') as [string, string | undefined];
    if (suffix === undefined ? specifier === prefix : specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      const matched = suffix === undefined ? '' : specifier.slice(prefix.length, specifier.length - suffix.length);
      return target.source.replace('*', matched).replace(/^\.\//, '');
    }
  }
  return undefined;
}

/** `./x.js` from `api/a.ts` → `api/x.ts` (or .tsx, or a folder's index.ts); `#…` through package.json `imports`. */
function resolveSpecifier(from: string, specifier: string): string {
  if (specifier.startsWith('#')) return resolveSubpathImport(specifier) ?? specifier;
  if (!specifier.startsWith('.')) return specifier;
  const base = join(dirname(from), specifier).replace(/\.js$/, '');
  const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) => existsSync(join(ROOT, path)));
  return found ?? join(dirname(from), specifier);
}

// Comments go first: a doc example may spell an import. A `//` after `:` is a URL, not a comment.
const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:'"])\/\/.*$/gm;
const STATIC = /^\s*(import|export)\s+(type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*\{[^}]*\})?)\s+from\s+['"]([^'"]+)['"]/gm;
const SIDE_EFFECT = /^\s*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The imports of one file's text: static (type-only when `import type` / `export type`), side-effect and dynamic. */
export function parseImports(from: string, text: string): ImportEdge[] {
  const code = text.replace(COMMENTS, '$1');
  const edges: ImportEdge[] = [];
  for (const [, , type, specifier] of code.matchAll(STATIC)) edges.push({ from, to: resolveSpecifier(from, specifier!), typeOnly: type !== undefined });
  for (const [, specifier] of code.matchAll(SIDE_EFFECT)) edges.push({ from, to: resolveSpecifier(from, specifier!), typeOnly: false });
  for (const [, specifier] of code.matchAll(DYNAMIC)) edges.push({ from, to: resolveSpecifier(from, specifier!), typeOnly: false, dynamic: true });
  return edges;
}

function importsOf(dirs: string[]): ImportEdge[] {
  return dirs.flatMap(sourceFiles).flatMap((file) => parseImports(file, readFileSync(join(ROOT, file), 'utf8')));
}

/** Every cycle's files, each cycle once (depth-first search over `edges`). */
export function findCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open') cycles.push([...stack.slice(stack.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of next.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

const part = (file: string): string => /^api\/(_\w+)\//.exec(file)?.[1] ?? (file.startsWith('api/') ? 'route' : file.split('/')[0]!);
const show = (edges: ImportEdge[]): string[] => edges.map((e) => `${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}`);

/**
 * What each server part may import besides itself and packages. The pipeline
 * knows the store and Meta only by their contracts, and the configuration
 * only by its type; nothing below _http knows HTTP.
 */
export function isAllowed(edge: ImportEdge): boolean {
  if (!edge.to.startsWith('api/')) return true;
  const from = part(edge.from);
  const to = part(edge.to);
  if (from === to) return true;
  switch (from) {
    case '_contract':
    case '_net':
      return false;
    case '_store':
    case '_meta':
      // _net: the outbound node:http POST both make (to Upstash, to the Graph API)
      return to === '_contract' || to === '_net';
    case '_tools':
      return to === '_contract';
    case '_pipeline':
      return (
        to === '_contract' ||
        // the iframe tools' APIs and webhook rules (docs/form-tools.md §22): data in, data out, fetch injectable
        to === '_tools' ||
        edge.to === 'api/_store/store.ts' ||
        (edge.to === 'api/_store/limiter.ts' && edge.typeOnly) ||
        edge.to === 'api/_meta/sender.ts' ||
        (edge.to === 'api/_config/env.ts' && edge.typeOnly)
      );
    case '_config':
      return to !== '_http' && to !== 'route';
    case '_http':
      return to !== 'route';
    case 'route':
      return to === '_http';
    default:
      return false;
  }
}

/** A widget file may reach the server only for the wire contract, and only its types. */
export function isAllowedFromWidget(edge: ImportEdge): boolean {
  return !edge.to.startsWith('api/') || (edge.to.startsWith('api/_contract/') && edge.typeOnly);
}

describe('architecture', () => {
  const api = importsOf(['api']);
  const widget = importsOf(['widget']);

  it('reads the imports it checks', () => {
    expect(api.length).toBeGreaterThan(100);
    expect(widget.some((e) => e.to === 'api/_contract/wire.ts' && e.typeOnly)).toBe(true);
    expect(api).toContainEqual({ from: 'api/event.ts', to: 'api/_http/functions/event.ts', typeOnly: false, dynamic: true });
    expect(resolveSubpathImport('#functions/admin/log')).toBe('api/_http/functions/admin/log.ts');
    expect(resolveSubpathImport('#runtime')).toBeUndefined();
  });

  // What Vercel traces from a route file is the route file and what it imports; everything else
  // must come through package.json `imports`, whose default target is the build's one-module bundle
  // of that function (scripts/bundle-functions.ts). A relative value import here would ship, and
  // load on every cold start, the sources behind it.
  it('lets a route file reach server code only through import(\'#functions/<its own path>\') (bundled)', () => {
    const routes = sourceFiles('api').filter((file) => part(file) === 'route');
    const offending = routes.flatMap((file) => {
      const code = readFileSync(join(ROOT, file), 'utf8').replace(COMMENTS, '$1');
      const specifiers = [...code.matchAll(STATIC)].filter(([, , type]) => type === undefined).map(([, , , s]) => s!);
      specifiers.push(...[...code.matchAll(SIDE_EFFECT), ...code.matchAll(DYNAMIC)].map(([, s]) => s!));
      const own = `#functions/${file.replace(/^api\//, '').replace(/\.ts$/, '')}`;
      return specifiers.filter((s) => s !== own).map((s) => `${file} → ${s}`);
    });
    expect(routes).toContain('api/event.ts');
    expect(routes).toContain('api/admin/log.ts');
    expect(offending).toEqual([]);
    for (const route of routes) expect(existsSync(join(ROOT, resolveSubpathImport(`#functions/${route.replace(/^api\//, '').replace(/\.ts$/, '')}`)!)), route).toBe(true);
  });

  // Issue 13: a route that reads only configuration must not load the runtime (store, sender,
  // limiter and their modules) on its cold start.
  it('keeps the runtime out of what POST /api/ids and GET /api/config load (route-env.ts, their handlers)', () => {
    const next = new Map<string, string[]>();
    for (const { from, to, typeOnly } of api) if (!typeOnly) next.set(from, [...(next.get(from) ?? []), to]);
    const reach = (start: string): Set<string> => {
      const seen = new Set<string>([start]);
      for (const file of seen) for (const to of next.get(file) ?? []) seen.add(to);
      return seen;
    };
    // From the function files the graph reaches route.ts's route() too; the bundle drops it (unused),
    // as test/unit/scripts/bundle-functions.test.ts checks on the built ids and config modules.
    for (const start of ['api/_http/route-env.ts', 'api/_http/handlers/ids.ts', 'api/_http/handlers/config.ts']) {
      expect([...reach(start)].filter((file) => file === 'api/_config/runtime.ts' || file === 'api/_http/route-runtime.ts'), start).toEqual([]);
    }
    for (const functionFile of ['api/_http/functions/ids.ts', 'api/_http/functions/config.ts']) {
      expect(readFileSync(join(ROOT, functionFile), 'utf8'), functionFile).toMatch(/\brouteWithEnv\(/);
    }
  });

  // Issue 13: importing zod cost ~25 ms of every cold start; the env is checked by our own rules
  // (_config/env-rules.ts), so a function that validates no request body loads no zod.
  it('keeps zod out of what POST /api/ids and GET /api/config load, and out of env.ts', () => {
    const next = new Map<string, string[]>();
    for (const { from, to, typeOnly } of api) if (!typeOnly) next.set(from, [...(next.get(from) ?? []), to]);
    const seen = new Set<string>(['api/_http/route-env.ts', 'api/_http/handlers/ids.ts', 'api/_http/handlers/config.ts', 'api/_config/env.ts']);
    for (const file of seen) for (const to of next.get(file) ?? []) seen.add(to);
    expect(seen).toContain('api/_config/env-rules.ts');
    expect(seen).toContain('node:net'); // packages are in the graph as their specifiers
    expect([...seen].filter((to) => /^zod(\/|$)/.test(to))).toEqual([]);
  });

  // Issue 13: what every route loads before its handler (route-runtime.ts) leaves zod to the handlers that
  // validate a body (consent/visitor-hash.ts holds the salt the runtime needs, without the proof schema).
  it('keeps zod out of what route-runtime.ts loads', () => {
    const next = new Map<string, string[]>();
    for (const { from, to, typeOnly } of api) if (!typeOnly) next.set(from, [...(next.get(from) ?? []), to]);
    const seen = new Set<string>(['api/_http/route-runtime.ts']);
    for (const file of seen) for (const to of next.get(file) ?? []) seen.add(to);
    expect(seen).toContain('api/_pipeline/consent/visitor-hash.ts');
    expect([...seen].filter((to) => /^zod(\/|$)/.test(to))).toEqual([]);
  });

  // Issue 13: a well-formed event body is read without zod (_pipeline/plain-event.ts); the zod schema
  // (validate.ts) is imported on the first body the plain reader does not take, for its 400 messages.
  it('loads zod for POST /api/event only through an import() of the body schema', () => {
    const staticNext = new Map<string, string[]>();
    const anyNext = new Map<string, string[]>();
    for (const { from, to, typeOnly, dynamic } of api) {
      if (typeOnly) continue;
      anyNext.set(from, [...(anyNext.get(from) ?? []), to]);
      if (!dynamic) staticNext.set(from, [...(staticNext.get(from) ?? []), to]);
    }
    const reach = (next: Map<string, string[]>, ...start: string[]): Set<string> => {
      const seen = new Set(start);
      for (const file of seen) for (const to of next.get(file) ?? []) seen.add(to);
      return seen;
    };
    const loadedFirst = reach(staticNext, 'api/_http/handlers/event.ts', 'api/_http/route-runtime.ts');
    expect(loadedFirst).toContain('api/_pipeline/plain-event.ts');
    expect([...loadedFirst].filter((to) => /^zod(\/|$)/.test(to) || to === 'api/_pipeline/validate.ts')).toEqual([]);
    expect(reach(anyNext, 'api/_http/handlers/event.ts')).toContain('api/_pipeline/validate.ts');
  });

  it('has no import cycle among api/ files', () => {
    expect(findCycles(api).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('keeps every server arrow: routes → _http → _pipeline → contracts of _store / _meta; nothing below _http imports it', () => {
    expect(show(api.filter((e) => !isAllowed(e)))).toEqual([]);
  });

  it('lets widget/ import from api/ only the wire contract, type-only', () => {
    expect(show(widget.filter((e) => !isAllowedFromWidget(e)))).toEqual([]);
  });

  it('makes only routes of the files directly under api/ and api/admin/ (Vercel makes a function of each)', () => {
    for (const dir of ['api', 'api/admin']) {
      const routes = readdirSync(join(ROOT, dir)).filter((name) => /\.tsx?$/.test(name));
      for (const route of routes) expect(readFileSync(join(ROOT, dir, route), 'utf8'), route).toMatch(/export (async function|const) (GET|POST)\b/);
    }
  });

  it('keeps the /admin page apart: admin/ imports nothing from api/, and no widget file imports admin/', () => {
    const admin = importsOf(['admin']);
    expect(admin.length).toBeGreaterThan(3);
    expect(show(admin.filter((e) => e.to.startsWith('api/')))).toEqual([]);
    expect(show(widget.filter((e) => e.to.startsWith('admin/')))).toEqual([]);
  });

  it('loads QStash only where it is used: two files import it, and nothing imports them statically', () => {
    const qstashFiles = ['api/_config/qstash-client.ts', 'api/_http/qstash-signature.ts'];
    expect([...new Set(api.filter((e) => e.to.startsWith('@upstash/qstash') && !e.typeOnly).map((e) => e.from))].sort()).toEqual(qstashFiles);
    const importers = api.filter((e) => qstashFiles.includes(e.to));
    expect(importers.length).toBeGreaterThan(0);
    for (const edge of importers) {
      const text = readFileSync(join(ROOT, edge.from), 'utf8').replace(COMMENTS, '$1');
      // `./qstash-signature.js` or `#lazy/_config/qstash-client`: every mention must be an import()
      const name = edge.to.split('/').pop()!.replace(/\.ts$/, '');
      const mentions = text.split(new RegExp(`\\b${name}\\b(?!\\.ts)`)).length - 1;
      const dynamic = text.split(new RegExp(`import\\(\\s*['"][#\\w./]*${name}(?:\\.js)?['"]`)).length - 1;
      expect(dynamic, `${edge.from} must import ${name} lazily (only when QStash is needed or a request carries its signature)`).toBe(mentions);
    }
  });

  it.each<[string, ImportEdge, boolean]>([
    ['a pipeline file importing HTTP', { from: 'api/_pipeline/validate.ts', to: 'api/_http/answers.ts', typeOnly: true }, false],
    ['the store importing the pipeline', { from: 'api/_store/codec.ts', to: 'api/_pipeline/payload.ts', typeOnly: false }, false],
    ['the pipeline importing a store implementation', { from: 'api/_pipeline/accept-event.ts', to: 'api/_store/redis.ts', typeOnly: true }, false],
    ['the pipeline importing the Store contract', { from: 'api/_pipeline/accept-event.ts', to: 'api/_store/store.ts', typeOnly: true }, true],
    ['the pipeline reading env at run time', { from: 'api/_pipeline/consent/link.ts', to: 'api/_config/env.ts', typeOnly: false }, false],
    ['_config importing HTTP', { from: 'api/_config/runtime.ts', to: 'api/_http/cors.ts', typeOnly: false }, false],
    ['a route importing the pipeline', { from: 'api/event.ts', to: 'api/_pipeline/accept-event.ts', typeOnly: false }, false],
    ['the pipeline looking a submission up in a tool API', { from: 'api/_pipeline/join/look.ts', to: 'api/_tools/fetch-details.ts', typeOnly: false }, true],
    ['a tool API reaching into the pipeline', { from: 'api/_tools/fetch-details.ts', to: 'api/_pipeline/join/look.ts', typeOnly: false }, false],
  ])('refuses or allows %s', (_name, edge, allowed) => {
    expect(isAllowed(edge)).toBe(allowed);
  });

  it('refuses a widget value import of the contract and any other api/ import', () => {
    expect(isAllowedFromWidget({ from: 'widget/index.ts', to: 'api/_contract/wire.ts', typeOnly: false })).toBe(false);
    expect(isAllowedFromWidget({ from: 'widget/index.ts', to: 'api/_pipeline/validate.ts', typeOnly: true })).toBe(false);
  });

  it('finds a cycle and parses every import form', () => {
    const text = "import type { A } from './a.js';\nimport { b } from '../b.js';\nexport { c } from './c.js';\nconst d = await import('./d.js');\n// import { e } from './e.js';\n";
    expect(parseImports('api/_x/f.ts', text).map((e) => [relative('api', e.to), e.typeOnly])).toEqual([
      ['_x/a.js', true],
      ['b.js', false],
      ['_x/c.js', false],
      ['_x/d.js', false],
    ]);
    expect(findCycles([{ from: 'a', to: 'b', typeOnly: true }, { from: 'b', to: 'a', typeOnly: false }])).toEqual([['a', 'b', 'a']]);
  });
});
