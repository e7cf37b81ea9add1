// Advisory check for what ships: `npm audit --omit=dev`, failing on a high or critical advisory in
// a runtime dependency. Exit 0 = none; 1 = found (listed); 2 = npm's advisory endpoint could not
// be reached or answered with an error (some sandboxes block it), said in one line, not hidden:
// scripts/test-all.mjs counts that as skipped, never as passed.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  report = undefined;
}

const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why =
    report?.statusCode !== undefined
      ? `HTTP ${report.statusCode} from ${report.uri ?? 'the advisory endpoint'}`
      : (report?.message ?? result.stderr.trim().split('\n').at(-1) ?? 'no answer');
  console.log(`advisory check: not run, npm's advisory endpoint is unreachable here (${why})`);
  process.exit(2);
}

const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) =>
  ['high', 'critical'].includes(v.severity),
);
for (const [name, v] of serious) {
  console.log(
    `✖ ${name} (${v.severity}): ${v.range} — ${v.fixAvailable ? 'fix available' : 'no fix yet'}`,
  );
}
console.log(
  `advisory check (runtime dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
process.exit(serious.length > 0 ? 1 : 0);
