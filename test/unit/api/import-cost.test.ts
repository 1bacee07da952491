import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '_bundle' ? [] : sources(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('what importing server code costs', () => {
  // V8 builds the character sets of a Unicode property class (`\p{L}`, …) when the RegExp object is
  // created, so such a pattern declared at the top of a module was part of every cold start, run
  // or not (docs/platform.md §1.13). Declared with builtOnFirstUse(), it is created on first use.
  it('creates no regular expression with a Unicode property class at the top level of a module', () => {
    const files = sources(join(ROOT, 'api'));
    expect(files.length).toBeGreaterThan(100);
    const topLevelRegex = /^(?:export )?(?:const|let|var) \w+(?::[^=]+)? = (?:\/|new RegExp\()/;
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => topLevelRegex.test(line) && line.includes('\\p{'))
        .map((line) => `${relative(ROOT, file)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
