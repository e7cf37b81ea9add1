// LookupCache on browser.storage.session: survives service-worker restarts, never written to disk,
// pruned on every store so it cannot grow past its age, per-organization and byte limits. The area
// is shared (10 MB in Chrome) with the tab store: a full area must never break a look-up, so a quota
// error evicts the oldest entries and retries once, then gives up quietly (the cache is optional).
import { browser } from 'wxt/browser';
import { traced } from '@/utils/diagnostics';
import {
  evictionsFor,
  keyOfOrganization,
  LOOKUP_MAX_AGE_MS,
  LOOKUP_MAX_ENTRIES_PER_ORGANIZATION,
  type LookupCache,
  type LookupCacheEntry,
  parseCacheEntry,
} from '@/utils/lookup/cache';
import { LOOKUP_CACHE_PREFIX } from '@/utils/storage';

/** Everything this cache stores starts with this, so it never touches other session items. */
const PREFIX = LOOKUP_CACHE_PREFIX;

export interface SessionLookupCacheOptions {
  /** Entries older than this are removed whenever anything is stored. Default 12 h. */
  maxAgeMs?: number;
  /** Entries kept per organization, the oldest fetched removed first. Default 200. */
  maxEntriesPerOrganization?: number;
  /** Bytes all entries may take together (key and JSON value). Default 3 MB of the 10 MB area. */
  maxBytes?: number;
  now?: () => number;
}

/** The cache's share of storage.session: room is left for the tab store and everything else. */
export const LOOKUP_CACHE_MAX_BYTES = 3 * 1024 * 1024;

const encoder = new TextEncoder();

/** Bytes an item takes in storage.session as browsers count it: its key plus its JSON. */
export function storedBytes(storedKey: string, value: unknown): number {
  return encoder.encode(storedKey).length + encoder.encode(JSON.stringify(value) ?? '').length;
}

/** Chrome: "Session storage quota bytes exceeded…"; Firefox: "…QuotaExceededError…". */
export function isQuotaError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /quota/i.test(text);
}

interface Sized {
  key: string;
  storedAt: number;
  bytes: number;
}

/**
 * Oldest-fetched entries to drop (beyond `alreadyDoomed`) so the others plus `incomingBytes` fit in
 * `maxBytes`. Unreadable entries count as oldest.
 */
export function budgetEvictions(
  stored: Sized[],
  incomingBytes: number,
  maxBytes: number,
  alreadyDoomed: ReadonlySet<string> = new Set(),
): string[] {
  const kept = stored.filter((e) => !alreadyDoomed.has(e.key));
  let total = incomingBytes + kept.reduce((sum, e) => sum + e.bytes, 0);
  const doomed: string[] = [];
  for (const e of [...kept].sort((a, b) => a.storedAt - b.storedAt)) {
    if (total <= maxBytes) break;
    doomed.push(e.key);
    total -= e.bytes;
  }
  return doomed;
}

export function createSessionLookupCache(options: SessionLookupCacheOptions = {}): LookupCache {
  const area = browser.storage.session;
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? LOOKUP_MAX_AGE_MS;
  const maxPerOrganization =
    options.maxEntriesPerOrganization ?? LOOKUP_MAX_ENTRIES_PER_ORGANIZATION;
  const maxBytes = options.maxBytes ?? LOOKUP_CACHE_MAX_BYTES;

  /** Our entries with their size, one read of the whole area. */
  async function readSized(): Promise<Array<Sized & { entry: LookupCacheEntry | undefined }>> {
    const all = await area.get(null);
    const out: Array<Sized & { entry: LookupCacheEntry | undefined }> = [];
    for (const [storedKey, value] of Object.entries(all)) {
      if (!storedKey.startsWith(PREFIX)) continue;
      const entry = parseCacheEntry(value);
      out.push({
        key: storedKey.slice(PREFIX.length),
        entry,
        storedAt: entry?.storedAt ?? 0,
        bytes: storedBytes(storedKey, value),
      });
    }
    return out;
  }

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
      const bytes = storedBytes(PREFIX + key, entry);
      // One result larger than the whole budget is not cached at all.
      if (bytes > maxBytes) return;
      const stored = (await readSized()).filter((e) => e.key !== key);
      const doomed = evictionsFor(
        stored.map((e): [string, LookupCacheEntry | undefined] => [e.key, e.entry]),
        key,
        entry,
        { now: now(), maxAgeMs, maxPerOrganization },
      );
      doomed.push(...budgetEvictions(stored, bytes, maxBytes, new Set(doomed)));
      // Make room first: storage.session has a quota.
      if (doomed.length > 0) await area.remove(doomed.map((k) => PREFIX + k));
      try {
        await area.set({ [PREFIX + key]: entry });
      } catch (error) {
        if (!isQuotaError(error)) throw error;
        // The area is full of other things too: free our oldest half (at least this entry's size),
        // retry once, and otherwise go on without caching.
        const left = stored.filter((e) => !doomed.includes(e.key));
        const ours = left.reduce((sum, e) => sum + e.bytes, 0);
        const target = Math.min(ours / 2, Math.max(0, ours - bytes));
        const evict = budgetEvictions(left, 0, target);
        if (evict.length > 0) await area.remove(evict.map((k) => PREFIX + k));
        await area
          .set({ [PREFIX + key]: entry })
          .catch(traced('look-up cache store after eviction'));
      }
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
