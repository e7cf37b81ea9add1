// Where the E2E suite saves the README's screenshots: into docs/screenshots only when asked
// (`UPDATE_SCREENSHOTS=1 npm run test:e2e`), else into artifacts/screenshots, so an ordinary test run
// leaves the working tree as it was (PNG bytes differ from run to run even when nothing changed).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The path to save the README screenshot `name` (e.g. "popup.png") at. */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS
    ? resolve(ROOT, 'docs/screenshots')
    : resolve(ROOT, 'artifacts/screenshots');
  mkdirSync(dir, { recursive: true });
  return resolve(dir, name);
}
