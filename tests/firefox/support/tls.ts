// Throwaway TLS material for the Firefox bed (made at test time, never committed): a private CA,
// trusted only inside the test profile's own certificate database (certutil), and one leaf it signs
// for every host a test maps. Firefox has no equivalent of Chromium's --ignore-certificate-errors-
// spki-list, and the extension must never be told to skip TLS checks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestAuthority {
  /** PEM of the CA to trust in the profile. */
  caFile: string;
  /** Leaf certificate and key the local servers present. */
  cert: string;
  key: string;
}

const HOSTS = [
  'api.close.com',
  '*.close.com',
  'mail.google.com',
  '*.linkedin.com',
  'www.linkedin.com',
  '*.office.com',
  'outlook.office.com',
  '*.office365.com',
  '*.live.com',
  'localhost',
];

/** A CA and a leaf for the usual hosts plus `extraHosts` (the company sites a test serves). */
export function testAuthority(extraHosts: string[] = []): TestAuthority {
  const dir = mkdtempSync(join(tmpdir(), 'close-look-ff-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  writeFileSync(
    file('ca.cnf'),
    [
      '[req]',
      'distinguished_name = dn',
      'x509_extensions = ext',
      'prompt = no',
      '[dn]',
      'CN = Close Look E2E test CA',
      '[ext]',
      'basicConstraints = critical, CA:TRUE',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
    ].join('\n'),
  );
  openssl([
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
    file('ca-key.pem'),
    '-out',
    file('ca.pem'),
    '-config',
    file('ca.cnf'),
  ]);
  writeFileSync(
    file('leaf.cnf'),
    [
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = ${[...new Set([...HOSTS, ...extraHosts])].map((h) => `DNS:${h}`).join(', ')}, IP:127.0.0.1`,
    ].join('\n'),
  );
  openssl([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-subj',
    '/CN=close-look-e2e',
    '-keyout',
    file('leaf-key.pem'),
    '-out',
    file('leaf.csr'),
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    file('leaf.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca-key.pem'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('leaf.cnf'),
    '-out',
    file('leaf.pem'),
  ]);
  return {
    caFile: file('ca.pem'),
    cert: readFileSync(file('leaf.pem'), 'utf8'),
    key: readFileSync(file('leaf-key.pem'), 'utf8'),
  };
}

/** Makes a fresh NSS database in the profile that trusts the test CA for TLS servers only. */
export function trustInProfile(profile: string, authority: TestAuthority): void {
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password'], { stdio: 'ignore' });
  execFileSync(
    'certutil',
    ['-A', '-d', `sql:${profile}`, '-n', 'close-look-e2e-ca', '-t', 'C,,', '-i', authority.caFile],
    { stdio: 'ignore' },
  );
}
