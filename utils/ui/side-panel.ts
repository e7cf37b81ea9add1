// Opening the side panel (Chrome sidePanel, Firefox sidebarAction). Must run synchronously inside
// the click's user gesture: no await before the open call.
import { browser } from 'wxt/browser';

type FirefoxSidebar = { sidebarAction?: { open: () => Promise<void> } };

export function openSidePanelNow(windowId: number | undefined): Promise<void> {
  const firefox = (browser as unknown as FirefoxSidebar).sidebarAction;
  if (firefox) return firefox.open();
  if (browser.sidePanel && windowId !== undefined) return browser.sidePanel.open({ windowId });
  return Promise.reject(new Error('This browser cannot open the side panel.'));
}
