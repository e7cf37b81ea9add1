// npm run verify:close [-- --email a@b.com --domain b.com --write]
// Checks docs/close-api.md's assumptions against the Close organization of CLOSE_API_KEY (read from
// the environment only, never printed). CLOSE_API_ORIGIN: default https://api.close.com.
import { exitCode, formatTable, parseArgs, verifyClose } from './verify-close/checks';

async function main(): Promise<number> {
  const key = process.env.CLOSE_API_KEY;
  if (!key) {
    console.log('verify:close skipped: CLOSE_API_KEY is not set.');
    return 0;
  }
  const args = parseArgs(process.argv.slice(2));
  const origin = process.env.CLOSE_API_ORIGIN || 'https://api.close.com';
  const rows = await verifyClose({ key, origin, ...args });
  console.log(formatTable(rows));
  const refuted = rows.filter((r) => r.result === 'refuted').length;
  console.log(refuted ? `${refuted} assumption(s) refuted.` : 'No assumption refuted.');
  return exitCode(rows);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`verify:close failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
