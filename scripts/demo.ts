// `npm run demo`: Close Look without a Close account. Starts the Close API fake with the demo
// dataset, builds a development build pointed at it, opens Chromium with the extension loaded and
// connects it. Without a display it runs headless and saves a screenshot of the panel instead.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startCloseFake } from '../tests/close-fake/server.ts';
import { testCertificate } from '../tests/e2e/support/certs';
import { gmailPage } from '../tests/e2e/support/gmail-page';
import { startSites } from '../tests/e2e/support/sites';

const DEMO_KEY = 'api_demo_key';
const root = resolve(import.meta.dirname, '..');
const headless = !process.env.DISPLAY || process.env.DEMO_HEADLESS === '1';

const fake = await startCloseFake({
  dataset: join(root, 'tests/close-fake/datasets/demo.json'),
  port: Number(process.env.DEMO_PORT ?? 8787),
});
console.log(`Close API fake: ${fake.url} (API key ${DEMO_KEY})`);

execFileSync('npx', ['wxt', 'build', '--mode', 'development'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CLOSE_LOOK_API_ORIGIN: fake.url },
});
const extension = join(root, '.output/chrome-mv3-dev');

// A Gmail thread from a demo lead's contact, served locally as https://mail.google.com with a
// throwaway certificate, so the panel has something to show without a Google account.
const certificate = testCertificate();
const me = { name: 'Dana Okafor', email: 'dana@demo-sales.example' };
const sites = await startSites(
  {
    'mail.google.com': gmailPage(
      {
        subject: 'Pilot rollout for the Q3 fleet',
        from: { name: 'Aisha Kim', email: 'aisha.kim@northwind-robotics.com' },
        to: [{ name: 'Noah Garcia', email: 'noah.garcia@northwind-robotics.com' }],
      },
      me,
    ),
  },
  certificate,
);

const context = await chromium.launchPersistentContext(
  mkdtempSync(join(tmpdir(), 'close-look-demo-')),
  {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: null,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--host-resolver-rules=MAP mail.google.com 127.0.0.1:${sites.port}`,
      `--ignore-certificate-errors-spki-list=${certificate.spki}`,
    ],
  },
);
let [worker] = context.serviceWorkers();
worker ??= await context.waitForEvent('serviceworker');
const extensionId = new URL(worker.url()).host;

const options = await context.newPage();
await options.goto(`chrome-extension://${extensionId}/options.html`);
await options.getByLabel('API key').fill(DEMO_KEY);
await options.getByRole('button', { name: 'Connect', exact: true }).click();
await options.getByText(/^Connected as /).waitFor();

const gmail = await context.newPage();
await gmail.goto('https://mail.google.com/mail/u/0/#inbox/demo');
const tabId = await worker.evaluate(
  async () => (await chrome.tabs.query({ url: 'https://mail.google.com/*' }))[0]?.id ?? -1,
);
const panel = await context.newPage();
await panel.setViewportSize({ width: 420, height: 900 });
await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
await panel
  .locator('article')
  .first()
  .waitFor({ timeout: 15_000 })
  .catch(() => {});

if (headless) {
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  const path = join(root, 'artifacts/demo-panel.png');
  await panel.screenshot({ path, fullPage: true });
  console.log(`No display: saved a screenshot of the panel to ${path}`);
  await context.close();
  await fake.close();
  await sites.close();
} else {
  console.log('Close Look is running. Close the browser window or press Ctrl-C to stop.');
  console.log('Try the Gmail tab (a demo thread) and the panel beside it, or search in the panel.');
  context.on(
    'close',
    () => void Promise.all([fake.close(), sites.close()]).then(() => process.exit(0)),
  );
}
