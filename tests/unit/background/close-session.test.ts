import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCloseSession } from '@/entrypoints/background/close-session';
import type { ConnectionService } from '@/entrypoints/background/connection';
import type { StoredAccount } from '@/utils/account-store';
import type { WriteEvent } from '@/utils/close/http';
import { type LookupCacheEntry, lookupCacheKey } from '@/utils/lookup/cache';
import { createSessionLookupCache } from '@/utils/lookup/session-cache';

const ORG = 'orga_acme';
const account = { apiKey: 'api_acme', organizationId: ORG } as StoredAccount;
const connection = { activeAccount: async () => account } as unknown as ConnectionService;

/** Close answering every request with the lead it was asked to change. */
const close = vi.fn(
  async () =>
    new Response(JSON.stringify({ id: 'lead_initech', status_id: 'stat_customer' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    }),
);

/** What an earlier worker cached for Peter's thread: the Initech lead. */
async function cacheInitechLookup(): Promise<string> {
  const query = { emails: ['peter@initech.com'] };
  const key = lookupCacheKey(ORG, JSON.stringify([query.emails, '', '']));
  const entry: LookupCacheEntry = {
    version: 1,
    organizationId: ORG,
    storedAt: Date.now(),
    refs: ['lead_initech'],
    result: {
      organizationId: ORG,
      query,
      leads: [],
      unmatchedEmails: [],
      fetchedAt: Date.now(),
      stale: false,
    },
  };
  await createSessionLookupCache().set(key, entry);
  return key;
}

describe('the Close session', () => {
  beforeEach(() => fakeBrowser.reset());

  it("drops the cached look-ups a panel write touched, even when it is the new worker's first request", async () => {
    const key = await cacheInitechLookup();
    const afterWrite = vi.fn<(event: WriteEvent) => void>();
    // A new worker: nothing has looked anything up yet, so no engine exists before the write.
    const session = createCloseSession(connection, { fetch: close, afterWrite });
    const http = await session.http();
    await http.put('lead/lead_initech/', { status_id: 'stat_customer' });

    await vi.waitFor(() => expect(afterWrite).toHaveBeenCalledTimes(1));
    expect(afterWrite.mock.calls[0]?.[0]).toMatchObject({
      method: 'PUT',
      path: 'lead/lead_initech/',
    });
    // By the time the tabs are told, the stale answer is gone from the cache.
    expect(await createSessionLookupCache().get(key)).toBeUndefined();
  });

  it('drops the cached look-ups a write touched even when it lands just after a reset', async () => {
    const key = await cacheInitechLookup();
    const afterWrite = vi.fn<(event: WriteEvent) => void>();
    const session = createCloseSession(connection, { fetch: close, afterWrite });
    const http = await session.http();
    // An organization switch or a settings change forgets the engine; no look-up has run since.
    session.reset();
    await http.put('lead/lead_initech/', { status_id: 'stat_customer' });

    await vi.waitFor(() => expect(afterWrite).toHaveBeenCalledTimes(1));
    expect(await createSessionLookupCache().get(key)).toBeUndefined();
  });

  it('shares one engine between concurrent first calls', async () => {
    const session = createCloseSession(connection, { fetch: close });
    const [a, b] = await Promise.all([session.engine(), session.engine(), session.http()]);
    expect(a.engine).toBe(b.engine);
  });
});
