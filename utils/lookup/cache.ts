// The lookup cache contract (per organization, injectable) and an in-memory implementation.
import * as v from 'valibot';
import type { LookupResult } from '@/utils/lookup/types';

export const LOOKUP_CACHE_VERSION = 1;

export interface LookupCacheEntry {
  version: typeof LOOKUP_CACHE_VERSION;
  organizationId: string;
  /** As Close answered it (stored with `stale: false`). */
  result: LookupResult;
  /** When it was fetched (ms since epoch). */
  storedAt: number;
  /** Ids of every lead, contact and opportunity in the result, so writes can find what they touch. */
  refs: string[];
}

/** Entries older than this are never served (the engine's default) and are pruned on store. */
export const LOOKUP_MAX_AGE_MS = 12 * 60 * 60_000;
/** Entries kept per organization; the oldest fetched go first. */
export const LOOKUP_MAX_ENTRIES_PER_ORGANIZATION = 200;

/** Where lookup results live between requests (and, for storage.session, across worker restarts). */
export interface LookupCache {
  get(key: string): Promise<LookupCacheEntry | undefined>;
  set(key: string, entry: LookupCacheEntry): Promise<void>;
  delete(keys: string | string[]): Promise<void>;
  keys(): Promise<string[]>;
  /**
   * Every entry whose key starts with `prefix`, in one read; `undefined` where the stored value
   * is unreadable (another code version).
   */
  entries(prefix?: string): Promise<Array<[string, LookupCacheEntry | undefined]>>;
  /** Drops every entry of one organization (after it is disconnected); returns how many. */
  clearOrganization(organizationId: string): Promise<number>;
}

/**
 * Checks a stored entry's envelope. The result inside was written by this same code version
 * (the version is part of the check), so its inner shape is trusted.
 */
const EntrySchema = v.looseObject({
  version: v.literal(LOOKUP_CACHE_VERSION),
  organizationId: v.string(),
  storedAt: v.number(),
  refs: v.array(v.string()),
  result: v.looseObject({
    organizationId: v.string(),
    leads: v.array(v.unknown()),
    unmatchedEmails: v.array(v.string()),
    fetchedAt: v.number(),
  }),
});

export function parseCacheEntry(value: unknown): LookupCacheEntry | undefined {
  return v.is(EntrySchema, value) ? (value as unknown as LookupCacheEntry) : undefined;
}

/** Cache key: organization first, so one org's entries never answer for another. */
export function lookupCacheKey(organizationId: string, normalizedQuery: string): string {
  return `lookup:v${LOOKUP_CACHE_VERSION}:${organizationId}:${normalizedQuery}`;
}

export function organizationPrefix(organizationId: string): string {
  return `lookup:v${LOOKUP_CACHE_VERSION}:${organizationId}:`;
}

/** Is this key (of any cache version) one of the organization's? */
export function keyOfOrganization(key: string, organizationId: string): boolean {
  return key.startsWith('lookup:v') && key.includes(`:${organizationId}:`);
}

/**
 * What to drop before storing `entry` under `key`: entries older than `maxAgeMs` or unreadable,
 * and the organization's oldest beyond `maxPerOrganization` (the new entry counts as one).
 */
export function evictionsFor(
  stored: Array<[string, LookupCacheEntry | undefined]>,
  key: string,
  entry: LookupCacheEntry,
  options: { now: number; maxAgeMs: number; maxPerOrganization: number },
): string[] {
  const doomed: string[] = [];
  const sameOrganization: Array<[string, number]> = [];
  for (const [storedKey, storedEntry] of stored) {
    if (storedKey === key) continue;
    if (!storedEntry || options.now - storedEntry.storedAt > options.maxAgeMs) {
      doomed.push(storedKey);
    } else if (storedEntry.organizationId === entry.organizationId) {
      sameOrganization.push([storedKey, storedEntry.storedAt]);
    }
  }
  sameOrganization.sort((a, b) => b[1] - a[1]);
  const keep = Math.max(0, options.maxPerOrganization - 1);
  doomed.push(...sameOrganization.slice(keep).map(([storedKey]) => storedKey));
  return doomed;
}

/** For tests and for when storage.session is unavailable. Entries are copied in and out. */
export function createMemoryLookupCache(): LookupCache {
  const entries = new Map<string, string>();
  return {
    async get(key) {
      const raw = entries.get(key);
      return raw === undefined ? undefined : parseCacheEntry(JSON.parse(raw));
    },
    async set(key, entry) {
      entries.set(key, JSON.stringify(entry));
    },
    async delete(keys) {
      for (const key of [keys].flat()) entries.delete(key);
    },
    async keys() {
      return [...entries.keys()];
    },
    async entries(prefix = '') {
      return [...entries]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, raw]): [string, LookupCacheEntry | undefined] => [
          key,
          parseCacheEntry(JSON.parse(raw)),
        ]);
    },
    async clearOrganization(organizationId) {
      const doomed = [...entries.keys()].filter((k) => keyOfOrganization(k, organizationId));
      for (const key of doomed) entries.delete(key);
      return doomed.length;
    },
  };
}
