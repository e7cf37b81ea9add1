// Where tab views live: storage.session (survives worker restarts, gone with the browser session).
// Every write is also a push: extension pages showing the tab receive the stored value from
// storage.onChanged, with no second request.
import { browser } from 'wxt/browser';
import type { TabView } from '@/utils/tab-view';
import { parseStoredTabView, tabIdOfKey, tabViewKey } from '@/utils/tab-view-stored';

export interface TabStore {
  read(tabId: number): Promise<TabView | null>;
  write(view: TabView): Promise<void>;
  remove(tabId: number): Promise<void>;
  all(): Promise<TabView[]>;
}

export function createTabStore(): TabStore {
  return {
    async read(tabId) {
      const key = tabViewKey(tabId);
      return parseStoredTabView((await browser.storage.session.get(key))[key]);
    },
    async write(view) {
      await browser.storage.session.set({ [tabViewKey(view.tabId)]: view });
    },
    async remove(tabId) {
      await browser.storage.session.remove(tabViewKey(tabId));
    },
    async all() {
      const stored = await browser.storage.session.get(null);
      return Object.entries(stored).flatMap(([key, value]) => {
        if (tabIdOfKey(key) === null) return [];
        const view = parseStoredTabView(value);
        return view ? [view] : [];
      });
    },
  };
}
