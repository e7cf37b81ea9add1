// The lookup engine's cache handling against storage.session: what a write costs in storage reads.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CloseHttp } from '../../../utils/close/http';
import { type LookupCacheEntry, lookupCacheKey } from '../../../utils/lookup/cache';
import { createLookupEngine } from '../../../utils/lookup/engine';
import { createSessionLookupCache } from '../../../utils/lookup/session-cache';

const ORG = 'orga_acme';
/** The engine only subscribes to writes here; nothing reaches Close. */
const http = { onWrite: () => () => {} } as unknown as CloseHttp;

function entry(email: string, refs: string[]): LookupCacheEntry {
  const now = Date.now();
  return {
    version: 1,
    organizationId: ORG,
    storedAt: now,
    refs,
    result: {
      organizationId: ORG,
      query: { emails: [email] },
      leads: [],
      unmatchedEmails: [],
      fetchedAt: now,
      stale: false,
    },
  };
}

describe('invalidation after a write', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads storage once however many look-ups are cached, and drops only the touched ones', async () => {
    const cache = createSessionLookupCache();
    for (let i = 0; i < 40; i++) {
      await cache.set(lookupCacheKey(ORG, `q${i}`), entry(`p${i}@x.example`, [`lead_${i}`]));
    }
    const engine = createLookupEngine({ http, cache, organizationId: ORG });
    const reads = vi.spyOn(fakeBrowser.storage.session, 'get');
    const dropped = await engine.invalidate({
      method: 'PUT',
      path: 'lead/lead_7/',
      body: { name: 'x' },
      response: { id: 'lead_7' },
    });
    expect(dropped).toBe(1);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await cache.get(lookupCacheKey(ORG, 'q7'))).toBeUndefined();
    expect(await cache.get(lookupCacheKey(ORG, 'q8'))).toBeDefined();
  });
});
