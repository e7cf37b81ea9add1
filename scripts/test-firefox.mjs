// `npm run test:firefox`: the Firefox E2E suite (tests/firefox, Marionette) against the Firefox
// production build. Ends with one line "N passed, M failed". Without Firefox installed it says so
// in one line and counts nothing (exit 0): the Chromium suites still run everywhere.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Firefox binary to drive: $FIREFOX_PATH, else Debian's firefox-esr, else firefox. */
export function findFirefox() {
  for (const candidate of [process.env.FIREFOX_PATH, 'firefox-esr', 'firefox']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0 && /Firefox/.test(probe.stdout)) {
      return { path: candidate, version: probe.stdout.trim() };
    }
  }
  return null;
}

export const FIREFOX_ABSENT =
  'Firefox is not installed: the Firefox E2E suite did not run (apt-get install firefox-esr libnss3-tools).';
const CERTUTIL_ABSENT =
  "certutil is not installed: the Firefox E2E suite did not run (it trusts its test CA in the profile's own certificate database; apt-get install libnss3-tools).";

/** Runs the suite; returns { passed, failed } or null when Firefox is absent. */
export function runFirefoxSuite(reportsDir) {
  const firefox = findFirefox();
  if (!firefox) {
    console.log(FIREFOX_ABSENT);
    return null;
  }
  if (spawnSync('certutil', ['--help']).error) {
    console.log(CERTUTIL_ABSENT);
    return null;
  }
  console.log(`\n▶ end-to-end tests (Firefox): ${firefox.version}`);
  mkdirSync(reportsDir, { recursive: true });
  const outputFile = join(reportsDir, 'firefox-report.json');
  const result = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'firefox',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${outputFile}`,
    ],
    { stdio: 'inherit', env: { ...process.env, FIREFOX_PATH: firefox.path } },
  );
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    let failed = report.numFailedTests;
    // A file that failed to load (or a browser that did not start) counts as a failure.
    if (result.status !== 0 && failed === 0) failed = 1;
    return { passed: report.numPassedTests, failed };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = runFirefoxSuite(join(process.cwd(), 'artifacts'));
  const { passed, failed } = counts ?? { passed: 0, failed: 0 };
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
