// The tab an extension page shows (fixed by ?tabId=N or following the active tab) and its view
// from the background. Every view the background stores is pushed here by storage.onChanged with
// its new value: shown as received, no second request.
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { toAppError } from '@/utils/app-error';
import { sendMessage } from '@/utils/messaging';
import type { TabView } from '@/utils/tab-view';
import { parseStoredTabView, tabViewKey } from '@/utils/tab-view-stored';
import { pinnedTabId, type StoredValues } from '@/utils/ui/first-read';

export const targetTabId = signal<number | null>(null);
export const tabView = signal<TabView | null>(null);
export const tabViewError = signal<string | null>(null);

async function load(kind: 'ui:readTab' | 'ui:getTabView' | 'ui:refreshLookup', tabId: number) {
  try {
    const view = await sendMessage(kind, { tabId });
    if (targetTabId.value === tabId) {
      tabViewError.value = null;
      if (newerOrSame(view, tabView.value)) tabView.value = view;
    }
  } catch (error) {
    if (targetTabId.value === tabId) tabViewError.value = toAppError(error).message;
  }
}

/**
 * Replies can arrive out of order (a slow `ui:readTab` after the `ui:getTabView` a storage change
 * asked for): one older than the view shown would put an earlier state back on screen.
 */
export function newerOrSame(incoming: TabView, shown: TabView | null): boolean {
  return !shown || shown.tabId !== incoming.tabId || incoming.updatedAt >= shown.updatedAt;
}

/**
 * The view the background last stored for the tab, read here directly (storage.session is open to
 * extension pages): cached results render without a round trip to the background, asleep or not.
 */
async function readStored(tabId: number, first?: Promise<StoredValues>) {
  const key = tabViewKey(tabId);
  const values = await (first ?? browser.storage.session.get(key).catch((): StoredValues => ({})));
  const stored = parseStoredTabView(values[key]);
  if (targetTabId.value !== tabId || stored?.tabId !== tabId) return;
  if (newerOrSame(stored, tabView.value)) tabView.value = stored;
}

function show(tabId: number, first?: Promise<StoredValues>) {
  if (targetTabId.value === tabId) return;
  targetTabId.value = tabId;
  tabView.value = null;
  // The stored view first (asked alone, it comes back sooner: the browser answers a page's calls
  // in turn); then the background says what the tab shows now (it may look again: a look-up a
  // worker restart cut short, a site switched off), then reads the page afresh where Close Look
  // may read it on demand.
  void readStored(tabId, first)
    .then(() => load('ui:getTabView', tabId))
    .then(() => load('ui:readTab', tabId));
}

/** Reads the tab again (after the user granted access to its site). */
export function retryTabRead(tabId: number): void {
  if (targetTabId.value === tabId) void load('ui:readTab', tabId);
}

export function retryTabLookup(): void {
  const tabId = targetTabId.value;
  if (tabId !== null) void load('ui:refreshLookup', tabId);
}

/**
 * Follows a tab: the one in `?tabId=N`, else the active tab of this window. Returns a cleanup.
 * `first`: the page's own read of storage.session that holds the pinned tab's view, if it made one
 * (utils/ui/first-read.ts).
 */
export function followTab(search: string, first?: Promise<StoredValues>): () => void {
  const fixed = pinnedTabId(search);
  const cleanups: Array<() => void> = [];

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const tabId = targetTabId.value;
    const change = tabId === null ? undefined : changes[tabViewKey(tabId)];
    if (area !== 'session' || tabId === null || !change) return;
    const pushed = parseStoredTabView(change.newValue);
    if (pushed?.tabId === tabId) {
      tabViewError.value = null;
      if (newerOrSame(pushed, tabView.value)) tabView.value = pushed;
    } else {
      // Removed (forgotten, switched off): the background says what the tab shows now.
      void load('ui:getTabView', tabId);
    }
  };
  browser.storage.onChanged.addListener(onStorage);
  cleanups.push(() => browser.storage.onChanged.removeListener(onStorage));

  if (fixed !== null) {
    show(fixed, first);
  } else {
    void browser.windows.getCurrent().then((win) => {
      void browser.tabs.query({ active: true, windowId: win.id }).then(([tab]) => {
        if (tab?.id !== undefined) show(tab.id);
      });
      const onActivated = (info: { tabId: number; windowId: number }) => {
        if (info.windowId === win.id) show(info.tabId);
      };
      const onUpdated = (tabId: number, change: { status?: string }) => {
        // A website read on demand is read again once its new page has loaded.
        if (tabId === targetTabId.value && change.status === 'complete')
          void load('ui:readTab', tabId);
      };
      browser.tabs.onActivated.addListener(onActivated);
      browser.tabs.onUpdated.addListener(onUpdated);
      cleanups.push(() => {
        browser.tabs.onActivated.removeListener(onActivated);
        browser.tabs.onUpdated.removeListener(onUpdated);
      });
    });
  }
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}
