// Launches Debian's firefox-esr headless with the Firefox production build (.output/firefox-mv3)
// installed as a temporary add-on, driven over Marionette. Every request goes through the profile's
// proxy: api.close.com reaches the Close API fake, any other host the local sites server, and both
// present a certificate from a test CA trusted only in this profile's certificate database.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { type SiteMap, type SitesServer, startSites } from '@/tests/e2e/support/sites';
import { Marionette } from '@/tests/firefox/support/marionette';
import { type RoutingProxy, startRoutingProxy } from '@/tests/firefox/support/proxy';
import { testAuthority, trustInProfile } from '@/tests/firefox/support/tls';

export const FIREFOX_BUILD = resolve(import.meta.dirname, '../../../.output/firefox-mv3');
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../artifacts');
export const ADDON_ID = 'close-look@close-look.dev';
/** Fixed through extensions.webextensions.uuids so pages can be opened by URL. */
export const ADDON_UUID = '0c105e10-0c1e-4a5b-9c3d-e2e0f1ef0c5e';
export const EXTENSION_ORIGIN = `moz-extension://${ADDON_UUID}`;

/** scripts/test-firefox.mjs finds the binary and passes it on; Debian's name otherwise. */
const FIREFOX = process.env.FIREFOX_PATH ?? 'firefox-esr';

export interface FirefoxHarness {
  marionette: Marionette;
  fake: CloseFake;
  sites: SitesServer;
  proxy: RoutingProxy;
  /** The first tab's handle: tests start from it. */
  homeHandle: string;
  /** Opens a new tab, switches to it and loads `url`; returns its handle. */
  openTab(url: string): Promise<string>;
  /** Opens an extension page (e.g. 'options.html') in a new tab. */
  openPage(path: string): Promise<string>;
  switchTo(handle: string): Promise<void>;
  /** Closes every tab but the first one. */
  closeOtherTabs(): Promise<void>;
  /** Runs an async function body in an extension page of its own (extension APIs available). */
  inExtension<T>(script: string, args?: unknown[]): Promise<T>;
  /** The WebExtension tab id of a tab (what `sidepanel.html?tabId=N` takes). */
  tabIdOf(handle: string): Promise<number>;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  sites?: SiteMap;
  /** Hosts a test will serve later (sites.set): the test certificate must name them. */
  hosts?: string[];
}

const PREFS: Record<string, string | number | boolean> = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.newtabpage.enabled': false,
  'browser.sessionstore.resume_from_crash': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.http.http3.enable': false,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  // Optional permissions asked for with permissions.request() are granted without the doorhanger
  // (the click that asks is still a real one): Firefox's own switch for automated runs.
  'extensions.webextOptionalPermissionPrompts': false,
  // Every request through the local routing proxy, localhost included; no DNS of our own.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.no_proxies_on': '',
  'network.proxy.allow_hijacking_localhost': true,
  'network.proxy.socks_remote_dns': true,
  'network.dns.disablePrefetch': true,
};

function userJs(prefs: Record<string, string | number | boolean>): string {
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxHarness> {
  const authority = testAuthority([...(options.hosts ?? []), ...Object.keys(options.sites ?? {})]);
  const fake = await startCloseFake({ tls: { cert: authority.cert, key: authority.key } });
  const sites = await startSites(options.sites ?? {}, {
    cert: authority.cert,
    key: authority.key,
    spki: '',
  });
  const proxy = await startRoutingProxy((host) => {
    if (host === 'api.close.com') return fake.port;
    return sites.hosts.includes(host) ? sites.port : null;
  });
  const profile = mkdtempSync(join(tmpdir(), 'close-look-firefox-'));
  trustInProfile(profile, authority);
  const marionettePort = 30000 + Math.floor(Math.random() * 20000);
  writeFileSync(
    join(profile, 'user.js'),
    userJs({
      ...PREFS,
      'marionette.port': marionettePort,
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl_port': proxy.port,
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    }),
  );
  const firefox: ChildProcess = spawn(
    FIREFOX,
    [
      '--headless',
      '--no-remote',
      '--profile',
      profile,
      '--marionette',
      '-remote-allow-system-access',
    ],
    { stdio: 'ignore', env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1' } },
  );
  const exited = new Promise<void>((r) => {
    firefox.once('exit', () => r());
    firefox.once('error', () => r());
  });
  let marionette: Marionette | undefined;
  try {
    marionette = await Marionette.connect(marionettePort);
    await marionette.command('WebDriver:NewSession', { capabilities: {} });
    await marionette.command('WebDriver:SetWindowRect', { width: 1100, height: 800 });
    await marionette.command('Addon:Install', { path: FIREFOX_BUILD, temporary: true });
  } catch (error) {
    marionette?.close();
    firefox.kill();
    await Promise.all([fake.close(), sites.close(), proxy.close()]);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const m = marionette;
  const homeHandle = (await m.command<{ value: string }>('WebDriver:GetWindowHandle')).value;

  let helperHandle: string | undefined;

  async function switchTo(handle: string) {
    await m.command('WebDriver:SwitchToWindow', { handle, focus: true });
  }
  async function openTab(url: string) {
    const { handle } = await m.command<{ handle: string }>('WebDriver:NewWindow', {
      type: 'tab',
      focus: true,
    });
    await switchTo(handle);
    await m.command('WebDriver:Navigate', { url });
    return handle;
  }

  const harness: FirefoxHarness = {
    marionette: m,
    fake,
    sites,
    proxy,
    homeHandle,
    openTab,
    openPage: (path) => openTab(`${EXTENSION_ORIGIN}/${path}`),
    switchTo,
    async closeOtherTabs() {
      const reply = await m.command<string[] | { value: string[] }>('WebDriver:GetWindowHandles');
      const handles = Array.isArray(reply) ? reply : reply.value;
      for (const handle of handles) {
        if (handle === homeHandle || handle === helperHandle) continue;
        await switchTo(handle);
        await m.command('WebDriver:CloseWindow').catch(() => {});
      }
      await switchTo(homeHandle);
    },
    async inExtension<T>(script: string, args: unknown[] = []) {
      // An extension page in a window of its own, opened once: the tab a test looks at stays the
      // active one in its window (the sidebar and activeTab follow that).
      const back = (await m.command<{ value: string }>('WebDriver:GetWindowHandle')).value;
      if (!helperHandle) {
        const { handle } = await m.command<{ handle: string }>('WebDriver:NewWindow', {
          type: 'window',
          focus: false,
        });
        helperHandle = handle;
        await m.command('WebDriver:SwitchToWindow', { handle, focus: false });
        await m.command('WebDriver:Navigate', { url: `${EXTENSION_ORIGIN}/options.html` });
      } else {
        await m.command('WebDriver:SwitchToWindow', { handle: helperHandle, focus: false });
      }
      try {
        return await m.executeAsync<T>(script, args);
      } finally {
        await m.command('WebDriver:SwitchToWindow', { handle: back, focus: false });
      }
    },
    async tabIdOf(handle: string) {
      return m.chrome<number>(
        `const [handle] = args;
         const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
         // Marionette's window handles are the remote agent's navigable ids.
         const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
         const browser = NavigableManager.getBrowserById(handle);
         for (const win of Services.wm.getEnumerator('navigator:browser')) {
           const tab = win.gBrowser.getTabForBrowser(browser);
           if (tab) return ExtensionParent.apiManager.global.tabTracker.getId(tab);
         }
         throw new Error('No tab for handle ' + handle);`,
        [handle],
      );
    },
    async close() {
      await m.command('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => {});
      m.close();
      const killer = setTimeout(() => firefox.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      await Promise.all([fake.close(), sites.close(), proxy.close()]);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Saves a screenshot of the current tab into artifacts/ (used when a test fails). */
export async function saveScreenshot(harness: FirefoxHarness, testName: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const safe = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  const shot = await harness.marionette
    .command<{ value: string }>('WebDriver:TakeScreenshot', { full: false })
    .catch(() => null);
  if (shot)
    writeFileSync(join(ARTIFACTS_DIR, `firefox-${safe}.png`), Buffer.from(shot.value, 'base64'));
}
