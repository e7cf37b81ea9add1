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

  /** Lets an answer's storing, which runs behind the answer, finish. */
  const storingSettles = () => new Promise((resolve) => setTimeout(resolve, 20));

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
        storedOnce = true;
      },
    };
    let storedOnce = false;
    const engine = createLookupEngine({ http: close.http, cache, organizationId: ORG });
    const lookup = engine.lookup(query);
    await vi.waitFor(() => expect(close.http.post).toHaveBeenCalled());
    close.answer();
    await lookup;
    // The answer reaches the caller first; storing it runs behind.
    await vi.waitFor(() => expect(storedOnce).toBe(true));
    await storingSettles();
    expect(await session.get(key)).toBeUndefined();
    // So the next look-up asks Close again.
    void engine.lookup(query);
    await vi.waitFor(() => expect(close.http.post).toHaveBeenCalledTimes(2));
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
    await storingSettles();
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
    await vi.waitFor(async () => expect(await cache.get(key)).toBeDefined());
  });

  it('gives a look-up asked while the answer is being stored that same answer, without asking again', async () => {
    const close = fakeClose();
    const session = createSessionLookupCache();
    let release: () => void = () => {};
    const cache: LookupCache = {
      ...session,
      async set(k, value) {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        await session.set(k, value);
      },
    };
    const engine = createLookupEngine({ http: close.http, cache, organizationId: ORG });
    const first = engine.lookup(query);
    await vi.waitFor(() => expect(close.http.post).toHaveBeenCalled());
    close.answer();
    const answer = await first;
    expect(await engine.lookup(query)).toEqual(answer);
    expect(close.http.post).toHaveBeenCalledTimes(1);
    release();
  });
});
