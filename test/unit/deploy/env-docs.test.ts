import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../../api/_config/env.js';
import { DEPLOY_PROMPTED, deployButtonUrl, readmeButtonUrl, repositoryUrl, UPSTASH_STORE } from '../../../scripts/deploy/button.js';

// The env schema is the list: a variable added to api/_config/env.ts fails here until the
// README, .env.example (and, when it must be asked on deploy, the button) say it.
const ROOT = resolve(import.meta.dirname, '../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');

/** The rows of the README's configuration table (between its heading and the next heading). */
function configurationTable(text: string): string {
  const start = text.indexOf('## Configuration (server environment)');
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end);
}

describe('env documentation against the schema', () => {
  it('reads the schema it checks', () => {
    expect(ENV_VARIABLES).toContain('META_ACCESS_TOKEN');
    expect(ENV_VARIABLES).toContain('PROXY_SECRET');
    expect(ENV_VARIABLES.length).toBeGreaterThan(20);
  });

  it.each(ENV_VARIABLES.map((name) => [name]))('documents %s in the README configuration table', (name) => {
    expect(configurationTable(readme)).toMatch(new RegExp(`^\\|.*\`${name}\``, 'm'));
  });

  it.each(ENV_VARIABLES.map((name) => [name]))('lists %s in .env.example', (name) => {
    expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });

  it('finds a missing variable (the check can fail)', () => {
    expect(configurationTable(readme)).not.toMatch(/^\|.*`NOT_A_VARIABLE`/m);
    expect(envExample).not.toMatch(/^#? ?NOT_A_VARIABLE=/m);
  });
});

describe('the README Deploy button', () => {
  const button = readmeButtonUrl(readme);

  it('is in the README and clones the repository package.json names', () => {
    expect(button?.origin + button!.pathname).toBe('https://vercel.com/new/clone');
    expect(button!.searchParams.get('repository-url')).toBe(repositoryUrl());
    expect(button!.toString()).toBe(new URL(deployButtonUrl(repositoryUrl())).toString());
  });

  it('asks for every variable a deployment needs, each one the schema reads', () => {
    const asked = button!.searchParams.get('env')!.split(',');
    expect(asked).toEqual(expect.arrayContaining([...DEPLOY_PROMPTED]));
    for (const name of asked) expect(ENV_VARIABLES).toContain(name);
    expect(button!.searchParams.get('envDescription')).toBeTruthy();
    expect(button!.searchParams.get('envLink')).toBe(`${repositoryUrl()}#configuration-server-environment`);
  });

  it('adds Upstash Redis through the Marketplace, whose KV_REST_API_* the schema reads', () => {
    expect(JSON.parse(button!.searchParams.get('stores')!)).toEqual([UPSTASH_STORE]);
    expect(ENV_VARIABLES).toEqual(expect.arrayContaining(['KV_REST_API_URL', 'KV_REST_API_TOKEN']));
  });

  // .env.example is committed; .env (the copy with real values) is git-ignored and must never be.
  it('.env.example sets no secret: every token, key, salt and secret is empty', () => {
    // Tool API keys (JOTFORM_API_KEY, …) are secrets too, like every token, signing key and salt.
    const secrets = ENV_VARIABLES.filter((name) => /TOKEN|SECRET|SALT|KEY/.test(name));
    expect(secrets).toEqual(expect.arrayContaining(['META_ACCESS_TOKEN', 'ADMIN_TOKEN', 'CRON_SECRET', 'CONSENT_ID_SALT', 'PROXY_SECRET', 'QSTASH_CURRENT_SIGNING_KEY', 'JOTFORM_API_KEY', 'FILLOUT_API_KEY', 'CALCOM_API_KEY', 'TALLY_API_KEY']));
    const set = secrets.filter((name) => new RegExp(`^${name}=.+$`, 'm').test(envExample));
    expect(set).toEqual([]);
  });

  it('git ignores .env and its variants, but not .env.example', () => {
    const ignore = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['.env', '.env.*', '!.env.example']));
  });
});
