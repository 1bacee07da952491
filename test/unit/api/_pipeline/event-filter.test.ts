import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CapiUserData } from '../../../../api/_contract/records.js';
import { filterEvent } from '../../../../api/_pipeline/event-filter.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

const withEmail: CapiUserData = { client_user_agent: 'ua', em: ['x'] };

describe('filterEvent', () => {
  it('filters a crawler, a missing user agent and a weak key set; passes a browser with an e-mail', () => {
    expect(filterEvent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', withEmail)).toBe('bot_user_agent');
    expect(filterEvent(undefined, withEmail)).toBe('missing_user_agent');
    expect(filterEvent(CHROME, { client_user_agent: 'ua', country: ['x'], ct: ['y'] })).toBe('below_validity_floor');
    expect(filterEvent(CHROME, withEmail)).toBeUndefined();
  });

  // isbot's pattern (~5,000 characters of alternatives and look-behinds) costs milliseconds to
  // build; a cold start that imports the pipeline must not pay it until an event is filtered
  // (issue 13). A fresh process counts the RegExp objects built from a pattern that long.
  it("builds isbot's pattern on the first event, not on import", () => {
    const probe = `
      const Native = RegExp; let big = 0;
      const count = (args) => { if (String(args[0]).length > 1000) big += 1; };
      globalThis.RegExp = new Proxy(Native, {
        construct(target, args) { count(args); return Reflect.construct(target, args); },
        apply(target, self, args) { count(args); return Reflect.apply(target, self, args); },
      });
      const { filterEvent } = await import(${JSON.stringify(resolve(ROOT, 'api/_pipeline/event-filter.ts'))});
      const afterImport = big;
      filterEvent(${JSON.stringify(CHROME)}, { em: ['x'] });
      console.log(JSON.stringify({ afterImport, afterFirstEvent: big }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual({ afterImport: 0, afterFirstEvent: 1 });
  });
});
