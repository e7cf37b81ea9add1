// What the side panel's first screen reads from storage.session, asked in one call: the connection
// the background last said, the pinned tab's view and a pending focus-search request. The browser
// answers a page's calls one after another (~10–25 ms each on a busy machine): asked together they
// come back together, and the first render that has the connection has the tab's view too.
import { browser } from 'wxt/browser';
import { CONNECTION_STATE_KEY, FOCUS_SEARCH_REQUEST_KEY, tabViewKey } from '@/utils/storage-keys';

export type StoredValues = Record<string, unknown>;

/** The tab in `?tabId=N` (a popped-out panel), or null when the page follows the active tab. */
export function pinnedTabId(search: string): number | null {
  const fixed = Number.parseInt(new URLSearchParams(search).get('tabId') ?? '', 10);
  return Number.isInteger(fixed) && fixed >= 0 ? fixed : null;
}

/** One storage.session read for the first screen; a failed read is an empty one. */
export function readFirstScreen(search: string): Promise<StoredValues> {
  const tabId = pinnedTabId(search);
  const keys = [CONNECTION_STATE_KEY, FOCUS_SEARCH_REQUEST_KEY];
  if (tabId !== null) keys.push(tabViewKey(tabId));
  return browser.storage.session.get(keys).catch((): StoredValues => ({}));
}
