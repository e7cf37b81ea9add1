// Steps the Firefox specs share: connect an account, open the sidebar page for a tab, click the
// toolbar button as a person would, look at Firefox's sidebar and keyboard shortcuts.
import { ADDON_ID, type FirefoxHarness } from '@/tests/firefox/support/firefox';
import { PageDriver, poll } from '@/tests/firefox/support/page';

export const CONNECTED = 'Connected as Ada Lovelace · Acme Sales';

/** Connects through the options page's own message, as the Connect button does. */
export async function connectAccount(harness: FirefoxHarness, apiKey = 'api_test_acme') {
  const reply = await harness.inExtension<{ ok: boolean }>(
    `return await browser.runtime.sendMessage({ closeLook: 1, name: 'ui:connect', data: { apiKey: args[0] } });`,
    [apiKey],
  );
  if (!reply?.ok) throw new Error(`Could not connect: ${JSON.stringify(reply)}`);
}

/** The sidebar page for a tab, opened in its own tab as the "Pop out" button does. */
export async function openPanelFor(harness: FirefoxHarness, tab: string): Promise<PageDriver> {
  const tabId = await harness.tabIdOf(tab);
  await harness.openPage(`sidepanel.html?tabId=${tabId}`);
  return new PageDriver(harness.marionette);
}

/**
 * Chrome-privileged prelude: `extension` (Close Look in the parent process), `global` (the WebExtension
 * parent scope) and `win`, the browser window of the test's first tab (not the helper window).
 */
const parent = (harness: FirefoxHarness) => `
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
  const extension = WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)}).extension;
  const global = ExtensionParent.apiManager.global;
  const home = NavigableManager.getBrowserById(${JSON.stringify(harness.homeHandle)});
  const win = [...Services.wm.getEnumerator('navigator:browser')].find((w) => w.gBrowser.getTabForBrowser(home));`;

/** The WebExtension id of the test's browser window (the one the sidebar belongs to). */
export async function mainWindowId(harness: FirefoxHarness): Promise<number> {
  return harness.marionette.chrome(`${parent(harness)} return global.windowTracker.getId(win);`);
}

/**
 * Clicks Close Look's toolbar button for the current tab: Firefox's own path for a click
 * (browserAction.triggerAction, also what the `_execute_action` shortcut calls), which grants
 * activeTab and opens the popup. Resolves with the URL the popup panel loaded.
 */
export async function clickToolbarButton(harness: FirefoxHarness): Promise<string> {
  await harness.marionette.chrome(
    `${parent(harness)}
     global.browserActionFor(extension).triggerAction(win);`,
  );
  return poll('the popup to open', () =>
    harness.marionette.chrome<string>(
      `${parent(harness)}
       const panel = [...win.document.querySelectorAll('panel')].find((p) => p.state === 'open');
       const browser = panel && [...panel.querySelectorAll('browser')].find((b) => b.currentURI.spec.startsWith('moz-extension:'));
       return browser ? browser.currentURI.spec : '';`,
    ),
  );
}

/** Firefox's sidebar: open or not, and which extension page it shows. */
export async function sidebarState(
  harness: FirefoxHarness,
): Promise<{ open: boolean; url: string }> {
  return harness.marionette.chrome(
    `${parent(harness)}
     const controller = win.SidebarController ?? win.SidebarUI;
     const outer = win.document.getElementById('sidebar');
     const inner = outer?.contentDocument?.getElementById('webext-panels-browser');
     return { open: !!controller.isOpen, url: inner?.currentURI?.spec ?? '' };`,
  );
}

export async function closeSidebar(harness: FirefoxHarness): Promise<void> {
  await harness.marionette.chrome(
    `${parent(harness)}
     (win.SidebarController ?? win.SidebarUI).hide();`,
  );
}

/** What Firefox made of the installed add-on's manifest, with its install warnings. */
export async function installedAddon(harness: FirefoxHarness): Promise<{
  warnings: string[];
  errors: string[];
  sidebar: { default_panel?: string; open_at_install?: boolean } | undefined;
  background: { scripts?: string[] } | undefined;
  temporary: boolean;
}> {
  return harness.marionette.chrome(
    `${parent(harness)}
     return { warnings: extension.warnings, errors: extension.errors,
       sidebar: extension.manifest.sidebar_action, background: extension.manifest.background,
       temporary: extension.addonData.temporarilyInstalled === true };`,
  );
}
