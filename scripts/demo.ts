// `npm run demo`: Close Look without a Close account. Starts the Close API fake with the demo
// dataset, builds a development build pointed at it, opens Chromium with the extension loaded and
// connects it. Without a display it runs headless and saves a screenshot of the panel instead.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startCloseFake } from '../tests/close-fake/server.ts';

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

const panel = await context.newPage();
await panel.setViewportSize({ width: 420, height: 900 });
await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
await panel.waitForLoadState('networkidle');

if (headless) {
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  const path = join(root, 'artifacts/demo-panel.png');
  await panel.screenshot({ path, fullPage: true });
  console.log(`No display: saved a screenshot of the panel to ${path}`);
  await context.close();
  await fake.close();
} else {
  console.log('Close Look is running. Close the browser window or press Ctrl-C to stop.');
  context.on('close', () => void fake.close().then(() => process.exit(0)));
}
