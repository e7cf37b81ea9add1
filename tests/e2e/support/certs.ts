// Throwaway TLS material made at test time (never committed): one self-signed certificate for every
// host a test maps, and its SPKI hash for Chromium's --ignore-certificate-errors-spki-list.
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  cert: string;
  key: string;
  spki: string;
}

let cached: TestCertificate | undefined;

export function testCertificate(): TestCertificate {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'close-look-certs-'));
  const config = join(dir, 'openssl.cnf');
  writeFileSync(
    config,
    [
      '[req]',
      'distinguished_name = dn',
      'x509_extensions = ext',
      'prompt = no',
      '[dn]',
      'CN = close-look-e2e',
      '[ext]',
      'subjectAltName = DNS:*.close.com, DNS:api.close.com, DNS:mail.google.com, DNS:*.linkedin.com, DNS:*.office.com, DNS:*.live.com, DNS:localhost, IP:127.0.0.1',
    ].join('\n'),
  );
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-config',
      config,
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');
  const der = createPublicKey(cert).export({ type: 'spki', format: 'der' });
  cached = { cert, key, spki: createHash('sha256').update(der).digest('base64') };
  return cached;
}
