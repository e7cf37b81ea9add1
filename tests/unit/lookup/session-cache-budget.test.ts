// The storage.session look-up cache stays within a byte budget and survives a full area.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type LookupCacheEntry, lookupCacheKey } from '@/utils/lookup/cache';
import { createSessionLookupCache, storedBytes } from '@/utils/lookup/session-cache';

const ORG = 'orga_1';
const T = Date.now();
const PREFIX = 'closeLookupCache:';

/** An entry of roughly `size` bytes (the lead list pads it). */
function entry(storedAt: number, size = 1000): LookupCacheEntry {
  return {
    version: 1,
    organizationId: ORG,
    storedAt,
    refs: ['lead_a'],
    result: {
      organizationId: ORG,
      query: { emails: ['jo@acme.example'] },
      leads: [{ id: 'lead_a', name: 'x'.repeat(size) }] as never[],
      unmatchedEmails: [],
      fetchedAt: storedAt,
      stale: false,
    },
  };
}

async function ourBytes(): Promise<number> {
  const all = await fakeBrowser.storage.session.get(null);
  return Object.entries(all)
    .filter(([k]) => k.startsWith(PREFIX))
    .reduce((sum, [k, v]) => sum + storedBytes(k, v), 0);
}

describe('storage.session look-up cache budget', () => {
  beforeEach(() => fakeBrowser.reset());

  it('never holds more bytes than its budget, dropping the oldest fetched first', async () => {
    const cache = createSessionLookupCache({ maxBytes: 10_000 });
    for (let i = 0; i < 30; i++) await cache.set(lookupCacheKey(ORG, `q${i}`), entry(T + i, 1000));
    expect(await ourBytes()).toBeLessThanOrEqual(10_000);
    const keys = await cache.keys();
    expect(keys).toContain(lookupCacheKey(ORG, 'q29'));
    expect(keys).not.toContain(lookupCacheKey(ORG, 'q0'));
    // The newest ones are the ones kept.
    const kept = keys.map((k) => Number(k.split(':q')[1])).sort((a, b) => a - b);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 30 - kept.length + i));
  });

  it('does not cache a single result larger than the whole budget', async () => {
    const cache = createSessionLookupCache({ maxBytes: 5_000 });
    await cache.set(lookupCacheKey(ORG, 'small'), entry(T, 100));
    await cache.set(lookupCacheKey(ORG, 'huge'), entry(T + 1, 50_000));
    expect(await cache.keys()).toEqual([lookupCacheKey(ORG, 'small')]);
  });

  it('on a quota error evicts its oldest entries and retries once, without throwing', async () => {
    const cache = createSessionLookupCache();
    for (let i = 0; i < 10; i++) await cache.set(lookupCacheKey(ORG, `q${i}`), entry(T + i));
    const real = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    const set = vi
      .spyOn(fakeBrowser.storage.session, 'set')
      .mockRejectedValueOnce(
        new Error('Session storage quota bytes exceeded. Values were not stored.'),
      )
      .mockImplementation(real);
    await expect(cache.set(lookupCacheKey(ORG, 'new'), entry(T + 100))).resolves.toBeUndefined();
    expect(set).toHaveBeenCalledTimes(2);
    const keys = await cache.keys();
    expect(keys).toContain(lookupCacheKey(ORG, 'new'));
    expect(keys).not.toContain(lookupCacheKey(ORG, 'q0'));
    expect(keys).toContain(lookupCacheKey(ORG, 'q9'));
    expect(keys.length).toBeLessThanOrEqual(6);
  });

  it('gives up quietly when the area stays full', async () => {
    const cache = createSessionLookupCache();
    await cache.set(lookupCacheKey(ORG, 'q0'), entry(T));
    const set = vi
      .spyOn(fakeBrowser.storage.session, 'set')
      .mockRejectedValue(
        new Error('Session storage quota bytes exceeded. Values were not stored.'),
      );
    await expect(cache.set(lookupCacheKey(ORG, 'new'), entry(T + 1))).resolves.toBeUndefined();
    expect(set).toHaveBeenCalledTimes(2);
  });

  it('passes on errors that are not about the quota', async () => {
    const cache = createSessionLookupCache();
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValue(
      new Error('Extension context invalidated.'),
    );
    await expect(cache.set(lookupCacheKey(ORG, 'x'), entry(T))).rejects.toThrow(/invalidated/);
  });
});
