// Opening the side panel (Chrome sidePanel, Firefox sidebarAction). Must run synchronously inside
// the click's user gesture: no await before the open call, so the target is known beforehand.
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';

type FirefoxSidebar = { sidebarAction?: { open: () => Promise<void> } };

/** What the panel opens beside: the tab the page follows and/or the window it is in. */
export interface PanelTarget {
  tabId?: number | null | undefined;
  windowId?: number | null | undefined;
}

/**
 * Chrome's sidePanel.open() options for a target: the tab when known (an extension page can know it
 * before its window), else the window; null while neither is known. Pure, so any caller (popup,
 * background) can share it.
 */
export function sidePanelOpenOptions(
  target: PanelTarget,
): { tabId: number } | { windowId: number } | null {
  if (typeof target.tabId === 'number' && target.tabId >= 0) return { tabId: target.tabId };
  if (typeof target.windowId === 'number') return { windowId: target.windowId };
  return null;
}

function firefoxSidebar() {
  return (browser as unknown as FirefoxSidebar).sidebarAction;
}

/** Whether a click could open the panel now: Firefox's sidebar needs nothing, Chrome's a target. */
export function canOpenSidePanel(target: PanelTarget): boolean {
  if (firefoxSidebar()) return true;
  return !!browser.sidePanel && sidePanelOpenOptions(target) !== null;
}

export function openSidePanelNow(target: PanelTarget): Promise<void> {
  const firefox = firefoxSidebar();
  if (firefox) return firefox.open();
  if (!browser.sidePanel) return Promise.reject(new Error(t('sidePanelUnsupported')));
  const options = sidePanelOpenOptions(target);
  if (!options) return Promise.reject(new Error(t('sidePanelNoTarget')));
  return browser.sidePanel.open(options);
}
