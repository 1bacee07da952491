import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and certificate for an HTTPS test server. */
export interface TlsFiles {
  key: string;
  cert: string;
}

/** The registrable domain the README topology is tested on: the site at www., the relay at t. */
export const TEST_SITE_DOMAIN = 'example.test';

let cached: TlsFiles | undefined;

/**
 * A self-signed certificate for `example.test` and every name under it, made
 * once per test process with Debian's openssl (a few ms; scripts/test.sh
 * installs openssl when missing). Chromium runs with
 * --ignore-certificate-errors, so what the tests exercise is a real TLS
 * connection and a secure context (Secure cookies, `https:` origins in CORS),
 * not the trust chain.
 */
export function testCertificate(): TlsFiles {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'capi-relay-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    // prettier-ignore
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
      '-keyout', key, '-out', cert, '-subj', `/CN=${TEST_SITE_DOMAIN}`,
      '-addext', `subjectAltName=DNS:${TEST_SITE_DOMAIN},DNS:*.${TEST_SITE_DOMAIN}`,
    ], { stdio: 'ignore' });
    cached = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
