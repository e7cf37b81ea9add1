// The storage.session keys an extension page's first read asks for, in a module that imports
// nothing: the side panel issues that read before any other of its modules is evaluated
// (entrypoints/sidepanel/first-screen.ts), so it must not pull in utils/storage.ts, whose items
// start reading storage.local as soon as they are defined. utils/storage.ts re-exports these.

/**
 * storage.session: the view of one tab (page, query, look-up), so it survives worker restarts.
 * Written by the background's tab store, followed by the panel; parsed by utils/tab-view-stored.ts.
 */
const TAB_VIEW_PREFIX = 'tab:';
export function tabViewKey(tabId: number): string {
  return `${TAB_VIEW_PREFIX}${tabId}`;
}
/** The tab a storage key holds the view of, or null for any other key. */
export function tabIdOfKey(key: string): number | null {
  return /^tab:\d+$/.test(key) ? Number(key.slice(TAB_VIEW_PREFIX.length)) : null;
}

/**
 * storage.session: the connection as extension pages show it (no key), written by the background's
 * connection service whenever it says it, read by a page's first render (utils/connection-state.ts).
 */
export const CONNECTION_STATE_KEY = 'connectionState';

/** storage.session: when the focus-search shortcut asked (the side panel focuses its search box). */
export const FOCUS_SEARCH_REQUEST_KEY = 'focusSearchRequest';
