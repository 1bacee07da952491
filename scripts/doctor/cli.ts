import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReport, runDoctor, type DoctorOptions } from './checks.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `usage: capi-relay doctor --url https://t.example.com [--site https://www.example.com] [--test-code TEST123]

Checks a deployed relay, one line per check; exits 1 when any check fails.
Set ADMIN_TOKEN in the environment to the deployment's value (never pass it as an argument).`;

/** `capi-relay doctor …` → the options runDoctor takes, or a usage error. */
export function parseDoctorArgs(argv: string[], env: Record<string, string | undefined>): DoctorOptions | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { url: { type: 'string' }, site: { type: 'string' }, 'test-code': { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    return { error: `${error instanceof Error ? error.message : 'bad arguments'}\n\n${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] !== 'doctor') return { error: USAGE };
  if (!values.url) return { error: `--url is required\n\n${USAGE}` };
  for (const [flag, value] of [['--url', values.url], ['--site', values.site]] as const) {
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { error: `${flag} must be a full URL like https://t.example.com (got "${value}")` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `${flag} must be an http(s) URL` };
  }
  return {
    url: values.url,
    ...(values.site ? { site: values.site } : {}),
    ...(values['test-code'] ? { testCode: values['test-code'] } : {}),
    ...(env['ADMIN_TOKEN'] ? { adminToken: env['ADMIN_TOKEN'] } : {}),
    metaCapiDoc: readFileSync(join(ROOT, 'docs/meta-capi.md'), 'utf8'),
  };
}

/** Run the CLI: the report on stdout, exit code 1 when a check failed, 2 on bad arguments. */
export async function main(argv: string[], env: Record<string, string | undefined>, out: (text: string) => void, fetchImpl?: typeof fetch): Promise<number> {
  const options = parseDoctorArgs(argv, env);
  if ('error' in options) {
    out(options.error);
    return 2;
  }
  const results = await runDoctor({ ...options, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  out(formatReport(results));
  return results.some((r) => r.verdict === 'fail') ? 1 : 0;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2), process.env, (text) => console.log(text)).then((code) => {
    process.exitCode = code;
  });
}
