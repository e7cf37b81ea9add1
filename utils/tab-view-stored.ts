// How a tab's view is stored in storage.session: its key and the check every reader (the
// background's tab store, the panel receiving a pushed view) applies before trusting it.
import * as v from 'valibot';
import type { TabView } from '@/utils/tab-view';

// The key itself is declared with every other stored item, in storage.ts.
export { tabIdOfKey, tabViewKey } from '@/utils/storage';

/** A light check of what we stored ourselves: enough to never render a corrupt value. */
const StoredTabViewSchema = v.looseObject({
  tabId: v.number(),
  lookup: v.looseObject({
    status: v.picklist(['idle', 'loading', 'ready', 'error', 'offline', 'rate-limited']),
  }),
  access: v.picklist(['watched', 'on-demand', 'unavailable']),
  updatedAt: v.number(),
});

export function parseStoredTabView(value: unknown): TabView | null {
  return v.is(StoredTabViewSchema, value) ? (value as unknown as TabView) : null;
}
