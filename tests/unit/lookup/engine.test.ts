// The lookup engine's cache handling against storage.session: what a write costs in storage reads.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CloseHttp, WriteEvent } from '@/utils/close/http';
import { type LookupCache, type LookupCacheEntry, lookupCacheKey } from '@/utils/lookup/cache';
import { createLookupEngine } from '@/utils/lookup/engine';
import { createSessionLookupCache } from '@/utils/lookup/session-cache';

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

describe('storing a fetched answer', () => {
  beforeEach(() => fakeBrowser.reset());

  const query = { emails: ['peter@initech.com'] };
  const key = lookupCacheKey(ORG, JSON.stringify([query.emails, '', '']));

  /** A Close client whose search answers when the test says so, and whose writes the test sends. */
  function fakeClose() {
    const listeners = new Set<(event: WriteEvent) => void>();
    let answer: (value: unknown) => void = () => {};
    const http = {
      onWrite: (listener: (event: WriteEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      post: vi.fn(
        () =>
          new Promise((resolve) => {
            answer = resolve;
          }),
      ),
    } as unknown as CloseHttp;
    return {
      http,
      answer: () => answer({ data: [] }),
      write: () => {
        for (const listener of listeners) {
          listener({ method: 'PUT', path: 'lead/lead_x/', body: {}, response: { id: 'lead_x' } });
        }
      },
    };
  }

  it('does not keep an answer a write overtook while it was being stored', async () => {
    const close = fakeClose();
    const session = createSessionLookupCache();
    const cache: LookupCache = {
      ...session,
      async set(k, value) {
        // The write lands between pruning and storing: its invalidation finds nothing yet.
        const stored = session.set(k, value);
        close.write();
        await stored;
      },
    };
    const engine = createLookupEngine({ http: close.http, cache, organizationId: ORG });
    const lookup = engine.lookup(query);
    await vi.waitFor(() => expect(close.http.post).toHaveBeenCalled());
    close.answer();
    await lookup;
    expect(await session.get(key)).toBeUndefined();
  });

  it("stores nothing for a disposed engine's look-up that was still running", async () => {
    const close = fakeClose();
    const cache = createSessionLookupCache();
    const engine = createLookupEngine({ http: close.http, cache, organizationId: ORG });
    const lookup = engine.lookup(query);
    await vi.waitFor(() => expect(close.http.post).toHaveBeenCalled());
    // The organization is disconnected: its engine is disposed and its cache cleared.
    engine.dispose();
    await cache.clearOrganization(ORG);
    close.answer();
    await lookup;
    expect(await cache.get(key)).toBeUndefined();
  });

  it('stores an answer nothing overtook', async () => {
    const close = fakeClose();
    const cache = createSessionLookupCache();
    const engine = createLookupEngine({ http: close.http, cache, organizationId: ORG });
    const lookup = engine.lookup(query);
    await vi.waitFor(() => expect(close.http.post).toHaveBeenCalled());
    close.answer();
    await lookup;
    expect(await cache.get(key)).toBeDefined();
  });
});
