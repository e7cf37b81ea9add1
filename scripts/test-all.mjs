// `npm test`: typecheck, lint, unit + fake contract tests, E2E against the production build in
// Chromium, web-ext lint of the Firefox package and the Firefox E2E suite (when Firefox is here).
// Prints one closing line "N passed, M failed" summing every suite, and exits non-zero on failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFirefoxSuite } from './test-firefox.mjs';

const reports = join(process.cwd(), 'artifacts');
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/** A check that is not a test runner (typecheck, lint, build) counts as one test. */
function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    console.log(`✖ ${label} failed`);
  }
}

function vitest(label, args, reportName) {
  const outputFile = join(reports, reportName);
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outputFile}`,
  ]);
  let counted = false;
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    counted = true;
    // A suite that failed to load counts as a failure even if no test inside it ran.
    if (!ok && report.numFailedTests === 0) failed += 1;
  } catch {
    if (!counted) failed += 1;
  }
}

check('typecheck', 'npx', ['tsc', '--noEmit']);
check('lint', 'npx', ['biome', 'ci', '.']);
// High or critical advisories in runtime dependencies fail; an unreachable advisory endpoint is
// reported in one line and counted as skipped (scripts/audit.mjs exits 2).
const audit = spawnSync('node', ['scripts/audit.mjs'], { stdio: 'inherit', env: process.env });
if (audit.status === 0) passed += 1;
else if (audit.status === 2) skipped += 1;
else {
  failed += 1;
  console.log('✖ advisory check failed');
}
// Both production builds first: unit tests check the built Firefox package, E2E loads Chrome's.
check('production build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']);
const chromeBuilt = run('production build (Chrome)', 'npx', ['wxt', 'build']);
if (chromeBuilt) passed += 1;
else failed += 1;
// The built packages' permissions and origins (fails, not skips, when a build is missing).
vitest('built packages', ['--project', 'build'], 'build-report.json');
vitest('unit and contract tests', ['--project', 'unit', '--project', 'fake'], 'unit-report.json');
if (chromeBuilt) vitest('end-to-end tests (Chromium)', ['--project', 'e2e'], 'e2e-report.json');
// The Firefox package: AMO's linter (no errors), then the Firefox E2E suite when Firefox is here.
check('web-ext lint (Firefox package)', 'npx', [
  'web-ext',
  'lint',
  '--source-dir',
  '.output/firefox-mv3',
]);
const firefox = runFirefoxSuite(reports);
if (firefox) {
  passed += firefox.passed;
  failed += firefox.failed;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
