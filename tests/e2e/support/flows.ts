// Steps many E2E specs share: connect an account, find a page's tab id, open the panel for a tab,
// and click the toolbar button as a person would (CDP Extensions.triggerAction).
import { chromium, type Page } from 'playwright-core';
import type { ExtensionHarness } from '@/tests/e2e/support/extension';

/** Connects through the options page's own message, as the Connect button does. */
export async function connectAccount(harness: ExtensionHarness, apiKey = 'api_test_acme') {
  const page = await harness.openPage('options.html');
  const reply = await page.evaluate(
    (key) =>
      chrome.runtime.sendMessage({ closeLook: 1, name: 'ui:connect', data: { apiKey: key } }),
    apiKey,
  );
  await page.close();
  if (!reply?.ok) throw new Error(`Could not connect: ${JSON.stringify(reply)}`);
}

/** The settings page's "Clear cached data" button: earlier tests' look-ups are forgotten. */
export async function clearCachedData(harness: ExtensionHarness) {
  const options = await harness.openPage('options.html');
  await options.getByRole('button', { name: 'Clear cached data' }).click();
  await options.getByText(/Cached data cleared/).waitFor();
  await options.close();
}

export async function tabIdOf(harness: ExtensionHarness, page: Page): Promise<number> {
  const url = page.url();
  // Without a host permission the extension cannot see a tab's URL (that is the point of
  // activeTab), so find the tab by making it the active one.
  await page.bringToFront();
  const id = await harness.worker().evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    const byUrl = tabs.find((t) => t.url === target);
    if (byUrl) return byUrl.id ?? null;
    const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return active?.id ?? null;
  }, url);
  if (id === null) throw new Error(`No tab shows ${url}`);
  return id;
}

/** The side panel page for a tab, opened in its own tab as the "Pop out" button does. */
export async function openPanelFor(harness: ExtensionHarness, page: Page): Promise<Page> {
  const tabId = await tabIdOf(harness, page);
  const panel = await harness.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${harness.extensionId}/sidepanel.html?tabId=${tabId}`);
  return panel;
}

/** The badge text the toolbar shows for a tab. */
export async function badgeOf(harness: ExtensionHarness, page: Page): Promise<string> {
  const tabId = await tabIdOf(harness, page);
  return harness.worker().evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/**
 * Clicks Close Look's toolbar button for the tab showing `page`, like a person's click: the real
 * popup opens and the tab gets activeTab. Resolves with the popup's URL once it is open.
 */
export async function clickToolbarButton(harness: ExtensionHarness, page: Page): Promise<string> {
  await page.bringToFront();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${harness.debuggingPort}`);
  try {
    const cdp = await browser.newBrowserCDPSession();
    type Targets = { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    const targets = async () =>
      ((await cdp.send('Target.getTargets', { filter: [{}] } as never)) as Targets).targetInfos;
    const tab = (await targets()).find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) throw new Error(`No tab target for ${page.url()}`);
    await cdp.send(
      'Extensions.triggerAction' as never,
      {
        id: harness.extensionId,
        targetId: tab.targetId,
      } as never,
    );
    for (let i = 0; i < 50; i++) {
      const popup = (await targets()).find((t) => t.url.endsWith('/popup.html'));
      if (popup) return popup.url;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('The popup did not open.');
  } finally {
    // Disconnecting this second client leaves the browser running.
    await browser.close().catch(() => {});
  }
}
