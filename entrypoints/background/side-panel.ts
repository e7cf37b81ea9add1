// Opening the panel from the background (shortcut, context menu): Chrome's sidePanel or Firefox's
// sidebarAction, feature-detected. Call it synchronously inside the user gesture: no await first.
import { browser } from 'wxt/browser';

type FirefoxSidebar = { sidebarAction?: { open: () => Promise<void> } };

export function openPanelFor(target: {
  tabId: number;
  windowId: number | undefined;
}): Promise<void> {
  const sidebar = (browser as unknown as FirefoxSidebar).sidebarAction;
  if (sidebar) return sidebar.open();
  const panel = browser.sidePanel;
  if (!panel?.open) return Promise.reject(new Error('This browser has no side panel.'));
  return target.windowId !== undefined
    ? panel.open({ windowId: target.windowId })
    : panel.open({ tabId: target.tabId });
}
