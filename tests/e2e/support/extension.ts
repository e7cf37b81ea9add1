// Launches Debian's Chromium with the production build of Close Look loaded, api.close.com mapped
// to the Close API fake and every other host mapped to the local sites server (e2e-recipe.md).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { testCertificate } from '@/tests/e2e/support/certs';
import { type SiteMap, type SitesServer, startSites } from '@/tests/e2e/support/sites';

export const EXTENSION_PATH = resolve(import.meta.dirname, '../../../.output/chrome-mv3');
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionHarness {
  context: BrowserContext;
  extensionId: string;
  fake: CloseFake;
  sites: SitesServer;
  /** The current background service worker (a new one after a restart). */
  worker(): Worker;
  /** Opens an extension page (e.g. 'options.html') in a tab. */
  openPage(path: string): Promise<Page>;
  /** Port for connectOverCDP, to reach the real popup and side panel. */
  debuggingPort: number;
  close(): Promise<void>;
}

export interface LaunchOptions {
  sites?: SiteMap;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionHarness> {
  const certificate = testCertificate();
  const fake = await startCloseFake({ tls: { cert: certificate.cert, key: certificate.key } });
  const sites = await startSites(options.sites ?? {}, certificate);
  const profile = mkdtempSync(join(tmpdir(), 'close-look-profile-'));
  const debuggingPort = 20000 + Math.floor(Math.random() * 20000);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${EXTENSION_PATH}`,
      `--load-extension=${EXTENSION_PATH}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      '--enable-unsafe-extension-debugging',
      `--remote-debugging-port=${debuggingPort}`,
      `--host-resolver-rules=MAP api.close.com 127.0.0.1:${fake.port}, MAP * 127.0.0.1:${sites.port}, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${certificate.spki}`,
    ],
  });
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker');
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    extensionId,
    fake,
    sites,
    debuggingPort,
    worker: () => {
      const workers = context.serviceWorkers().filter((w) => w.url().includes(extensionId));
      const newest = workers.at(-1);
      if (!newest) throw new Error('The extension has no service worker.');
      return newest;
    },
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      await fake.close();
      await sites.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of every open page into artifacts/ (used when a test fails). */
export async function saveScreenshots(harness: ExtensionHarness, testName: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const safe = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  let index = 0;
  for (const page of harness.context.pages()) {
    index += 1;
    await page
      .screenshot({ path: join(ARTIFACTS_DIR, `${safe}-${index}.png`), fullPage: true })
      .catch(() => {});
  }
}
