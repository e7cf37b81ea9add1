// LookupCache on browser.storage.session: survives service-worker restarts, never written to disk.
import { browser } from 'wxt/browser';
import { type LookupCache, parseCacheEntry } from './cache';

/** Everything this cache stores starts with this, so it never touches other session items. */
const PREFIX = 'closeLookupCache:';

export function createSessionLookupCache(): LookupCache {
  const area = browser.storage.session;
  return {
    async get(key) {
      const stored = await area.get(PREFIX + key);
      return parseCacheEntry(stored[PREFIX + key]);
    },
    async set(key, entry) {
      await area.set({ [PREFIX + key]: entry });
    },
    async delete(keys) {
      const list = [keys].flat().map((k) => PREFIX + k);
      if (list.length > 0) await area.remove(list);
    },
    async keys() {
      const all = await area.get(null);
      return Object.keys(all)
        .filter((k) => k.startsWith(PREFIX))
        .map((k) => k.slice(PREFIX.length));
    },
  };
}
