// Loads the Firefox build (.output/firefox-mv3) into a real headless Firefox and checks it starts:
// node scripts/firefox-smoke.mjs [firefox binary]. Debian has firefox-esr but no geckodriver, and
// WebDriver BiDi refuses to open moz-extension:// pages, so this speaks Marionette (geckodriver's
// own protocol) directly: install as a temporary add-on, read what Firefox made of the manifest,
// open the settings page and the sidebar page in tabs, and save screenshots to artifacts/.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION = join(ROOT, '.output/firefox-mv3');
const ARTIFACTS = join(ROOT, 'artifacts');
const ID = 'close-look@close-look.dev';
const UUID = '5c1a7e2e-1b2c-4d3e-8f90-abcdefabcdef';
const PORT = 28000 + Math.floor(Math.random() * 1000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const profile = mkdtempSync(join(tmpdir(), 'close-look-firefox-'));
writeFileSync(
  join(profile, 'user.js'),
  [
    // A fixed moz-extension:// UUID so the pages can be opened by URL.
    `user_pref("extensions.webextensions.uuids", ${JSON.stringify(JSON.stringify({ [ID]: UUID }))});`,
    `user_pref("marionette.port", ${PORT});`,
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
  ].join('\n'),
);
const firefox = spawn(
  process.argv[2] ?? 'firefox-esr',
  [
    '--headless',
    '--no-remote',
    '--profile',
    profile,
    '--marionette',
    '-remote-allow-system-access',
  ],
  { stdio: 'ignore' },
);

async function connect() {
  for (let i = 0; i < 100; i++) {
    const socket = await new Promise((res) => {
      const s = net.connect(PORT, '127.0.0.1');
      s.once('connect', () => res(s));
      s.once('error', () => res(null));
    });
    if (socket) return socket;
    await sleep(200);
  }
  throw new Error('Firefox did not start Marionette.');
}

const socket = await connect();
let buffer = '';
const waiters = [];
socket.on('data', (data) => {
  buffer += data.toString();
  for (;;) {
    const colon = buffer.indexOf(':');
    if (colon < 0) return;
    const length = Number(buffer.slice(0, colon));
    if (buffer.length < colon + 1 + length) return;
    const message = JSON.parse(buffer.slice(colon + 1, colon + 1 + length));
    buffer = buffer.slice(colon + 1 + length);
    waiters.shift()?.(message);
  }
});
const nextMessage = () => new Promise((r) => waiters.push(r));
let lastId = 0;
async function command(name, params = {}) {
  const reply = nextMessage();
  const body = JSON.stringify([0, ++lastId, name, params]);
  socket.write(`${Buffer.byteLength(body)}:${body}`);
  const [, , error, result] = await reply;
  if (error) throw new Error(`${name}: ${error.message ?? JSON.stringify(error)}`);
  return result;
}
const chrome = (script, args = []) =>
  command('Marionette:SetContext', { value: 'chrome' }).then(() =>
    command('WebDriver:ExecuteScript', { script, args }),
  );

let failed = false;
try {
  await nextMessage(); // Marionette's hello
  await command('WebDriver:NewSession', { capabilities: {} });
  await command('Addon:Install', { path: EXTENSION, temporary: true });
  const seen = JSON.parse(
    (
      await chrome(
        `const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
         const ext = ExtensionParent.GlobalManager.getExtension(arguments[0]);
         return JSON.stringify({ sidebar: ext.manifest.sidebar_action, background: ext.manifest.background,
           commands: Object.keys(ext.manifest.commands ?? {}), warnings: ext.warnings, errors: ext.errors });`,
        [ID],
      )
    ).value,
  );
  console.log(JSON.stringify(seen, null, 2));
  const checks = {
    'no manifest warnings or errors': seen.warnings.length === 0 && seen.errors.length === 0,
    'sidebar not opened at install': seen.sidebar?.open_at_install === false,
    'background runs as scripts': seen.background?.scripts?.length === 1,
    'both shortcuts registered': seen.commands.join() === 'open-panel,focus-search',
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const page of ['options.html', 'sidepanel.html']) {
    await chrome(
      `const win = Services.wm.getMostRecentWindow('navigator:browser');
       win.gBrowser.selectedTab = win.gBrowser.addTab(arguments[0],
         { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
      [`moz-extension://${UUID}/${page}`],
    );
    await sleep(2500);
    const png = (await command('WebDriver:TakeScreenshot', { full: false })).value;
    const file = join(ARTIFACTS, `firefox-${page.replace('.html', '')}.png`);
    writeFileSync(file, Buffer.from(png, 'base64'));
    console.log(`screenshot: ${file}`);
  }
  for (const [name, ok] of Object.entries(checks)) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
    if (!ok) failed = true;
  }
  await command('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => {});
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  socket.destroy();
  firefox.kill();
  await sleep(500);
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
