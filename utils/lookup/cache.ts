// The lookup cache contract (per organization, injectable) and an in-memory implementation.
import * as v from 'valibot';
import type { LookupResult } from './types';

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

/** Where lookup results live between requests (and, for storage.session, across worker restarts). */
export interface LookupCache {
  get(key: string): Promise<LookupCacheEntry | undefined>;
  set(key: string, entry: LookupCacheEntry): Promise<void>;
  delete(keys: string | string[]): Promise<void>;
  keys(): Promise<string[]>;
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
  };
}
