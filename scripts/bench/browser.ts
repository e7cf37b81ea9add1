// Debian's Chromium with the production build loaded, a fresh profile, Close mapped to the fake and
// every other host to the local sites server (the flags of the E2E recipe).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export function launchBenchBrowser(options: {
  extension: string;
  closePort: number;
  sitesPort: number;
  spki: string;
}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cl-bench-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${options.extension}`,
      `--load-extension=${options.extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--host-resolver-rules=MAP api.close.com 127.0.0.1:${options.closePort}, MAP * 127.0.0.1:${options.sitesPort}, EXCLUDE localhost`,
      `--ignore-certificate-errors-spki-list=${options.spki}`,
    ],
  });
}
