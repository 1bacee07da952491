import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** Keys that occur more than once in one JSON object of `text` (JSON.parse keeps only the last). */
function duplicateKeys(text: string): string[] {
  const duplicates: string[] = [];
  const stack: Set<string>[] = [];
  // strings first, so a brace or colon inside a value is never read as structure
  const tokens = text.match(/"(?:[^"\\]|\\.)*"\s*:?|[{}[\]]/g) ?? [];
  for (const token of tokens) {
    if (token === '{') stack.push(new Set());
    else if (token === '}') stack.pop();
    else if (token.endsWith(':')) {
      const key = JSON.parse(token.slice(0, -1).trim()) as string;
      const keys = stack[stack.length - 1];
      if (keys?.has(key)) duplicates.push(key);
      keys?.add(key);
    }
  }
  return duplicates;
}

describe('vercel.json', () => {
  it('has no key twice in one object (a second "rewrites" silently replaced the first once)', () => {
    expect(duplicateKeys(readFileSync(join(ROOT, 'vercel.json'), 'utf8'))).toEqual([]);
  });

  it('the check finds a repeated key and ignores the same name in different objects', () => {
    expect(duplicateKeys('{"a": [1], "b": {"a": 2}, "a": [3]}')).toEqual(['a']);
    expect(duplicateKeys('{"a": "x:{", "b": {"a": 2}}')).toEqual([]);
  });
});
