import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The variables Vercel's clone page asks for (docs/platform.md §1.9: the button
 * can name variables, never carry values). The store's KV_REST_API_* come from
 * the Upstash integration instead; everything else has a default.
 */
export const DEPLOY_PROMPTED = ['META_PIXEL_ID', 'META_ACCESS_TOKEN', 'ALLOWED_ORIGINS', 'CRON_SECRET', 'ADMIN_TOKEN', 'CONSENT_ID_SALT'] as const;

/** Upstash Redis through Vercel's Marketplace: it injects KV_REST_API_URL / KV_REST_API_TOKEN. */
export const UPSTASH_STORE = { type: 'integration', integrationSlug: 'upstash', productSlug: 'upstash-kv', protocol: 'storage' } as const;

const DESCRIPTION =
  'Pixel id and Conversions API token from Meta Events Manager, the exact origins of your site, and three random secrets (openssl rand -hex 24). The README explains each one.';

/** The repository a fork deploys: package.json `repository` is the one place to change it. */
export function repositoryUrl(root = ROOT): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository?: string | { url?: string } };
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!url) throw new Error('package.json has no repository url');
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** Vercel's clone URL for `repository` (docs/platform.md §1.9). */
export function deployButtonUrl(repository: string): string {
  const params = new URLSearchParams({
    'repository-url': repository,
    'project-name': 'capi-relay',
    env: DEPLOY_PROMPTED.join(','),
    envDescription: DESCRIPTION,
    envLink: `${repository}#configuration-server-environment`,
    stores: JSON.stringify([UPSTASH_STORE]),
  });
  return `https://vercel.com/new/clone?${params.toString()}`;
}

/** The README's button line: an image link to the clone URL. */
export function deployButtonMarkdown(repository: string): string {
  return `[![Deploy with Vercel](https://vercel.com/button)](${deployButtonUrl(repository)})`;
}

const BUTTON_LINE = /^\[!\[Deploy with Vercel\]\(https:\/\/vercel\.com\/button\)\]\(([^)\s]+)\)$/m;

/** The clone URL the README's button points at, or undefined when it has none. */
export function readmeButtonUrl(readme: string): URL | undefined {
  const found = BUTTON_LINE.exec(readme)?.[1];
  return found ? new URL(found) : undefined;
}

// `npm run deploy-button`: rewrite the README's button from package.json (a fork runs it once).
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  if (!BUTTON_LINE.test(readme)) throw new Error('README.md has no Deploy with Vercel line to rewrite');
  writeFileSync(readmePath, readme.replace(BUTTON_LINE, deployButtonMarkdown(repositoryUrl())));
  console.log(`README.md: Deploy button now clones ${repositoryUrl()}`);
}
