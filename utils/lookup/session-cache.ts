// LookupCache on browser.storage.session: survives service-worker restarts, never written to disk,
// pruned on every store so it cannot grow past its age and per-organization limits.
import { browser } from 'wxt/browser';
import { LOOKUP_CACHE_PREFIX } from '../storage';
import {
  evictionsFor,
  keyOfOrganization,
  LOOKUP_MAX_AGE_MS,
  LOOKUP_MAX_ENTRIES_PER_ORGANIZATION,
  type LookupCache,
  type LookupCacheEntry,
  parseCacheEntry,
} from './cache';

/** Everything this cache stores starts with this, so it never touches other session items. */
const PREFIX = LOOKUP_CACHE_PREFIX;

export interface SessionLookupCacheOptions {
  /** Entries older than this are removed whenever anything is stored. Default 12 h. */
  maxAgeMs?: number;
  /** Entries kept per organization, the oldest fetched removed first. Default 200. */
  maxEntriesPerOrganization?: number;
  now?: () => number;
}

export function createSessionLookupCache(options: SessionLookupCacheOptions = {}): LookupCache {
  const area = browser.storage.session;
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? LOOKUP_MAX_AGE_MS;
  const maxPerOrganization =
    options.maxEntriesPerOrganization ?? LOOKUP_MAX_ENTRIES_PER_ORGANIZATION;

  /** One read of the whole area: our entries (key without PREFIX) parsed. */
  async function readAll(prefix = ''): Promise<Array<[string, LookupCacheEntry | undefined]>> {
    const all = await area.get(null);
    const out: Array<[string, LookupCacheEntry | undefined]> = [];
    for (const [storedKey, value] of Object.entries(all)) {
      if (!storedKey.startsWith(PREFIX + prefix)) continue;
      out.push([storedKey.slice(PREFIX.length), parseCacheEntry(value)]);
    }
    return out;
  }

  return {
    async get(key) {
      const stored = await area.get(PREFIX + key);
      return parseCacheEntry(stored[PREFIX + key]);
    },
    async set(key, entry) {
      const doomed = evictionsFor(await readAll(), key, entry, {
        now: now(),
        maxAgeMs,
        maxPerOrganization,
      });
      // Make room first: storage.session has a quota.
      if (doomed.length > 0) await area.remove(doomed.map((k) => PREFIX + k));
      await area.set({ [PREFIX + key]: entry });
    },
    async delete(keys) {
      const list = [keys].flat().map((k) => PREFIX + k);
      if (list.length > 0) await area.remove(list);
    },
    async keys() {
      return (await readAll()).map(([key]) => key);
    },
    entries: readAll,
    async clearOrganization(organizationId) {
      const doomed = (await readAll())
        .filter(
          ([key, entry]) =>
            entry?.organizationId === organizationId || keyOfOrganization(key, organizationId),
        )
        .map(([key]) => PREFIX + key);
      if (doomed.length > 0) await area.remove(doomed);
      return doomed.length;
    },
  };
}
