import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CloseSession } from '@/entrypoints/background/close-session';
import { createTabContexts } from '@/entrypoints/background/tab-context';
import { AppFailure } from '@/utils/app-error';
import type { LookupEngine } from '@/utils/lookup/engine';
import type { LookupQuery, LookupResult } from '@/utils/lookup/types';
import type { PageSnapshot } from '@/utils/page-snapshot';

const snapshot = (email: string): PageSnapshot => ({
  source: 'gmail',
  url: `https://mail.google.com/mail/u/0/#inbox/${email}`,
  people: [{ email, role: 'from' }],
});
const result = (query: LookupQuery, leads = 1): LookupResult => ({
  organizationId: 'orga_1',
  query,
  leads: Array.from({ length: leads }, () => ({}) as LookupResult['leads'][number]),
  unmatchedEmails: [],
  fetchedAt: 1,
  stale: false,
});

function setup(
  lookup: (q: LookupQuery) => Promise<{ result: LookupResult; refresh?: Promise<LookupResult> }>,
) {
  const engine = { lookupWithRefresh: vi.fn(lookup) } as unknown as LookupEngine;
  const session = {
    engine: async () => ({ engine, organizationId: 'orga_1' }),
  } as unknown as CloseSession;
  const changes: string[] = [];
  const tabs = createTabContexts({
    session,
    filters: async () => ({ ownEmails: [], ownDomains: [], neverLookUp: [] }),
    onChange: (view) => changes.push(view.lookup.status),
  });
  return { tabs, engine, changes };
}

describe('tab contexts', () => {
  beforeEach(() => fakeBrowser.reset());

  it('looks a reported page up and keeps the result for the panel', async () => {
    const { tabs, changes } = setup(async (q) => ({ result: result(q) }));
    const view = await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    expect(view.lookup.status).toBe('ready');
    expect(changes).toEqual(['loading', 'ready']);
    expect((await tabs.view(3)).lookup).toMatchObject({ status: 'ready', result: { leads: [{}] } });
  });

  it('does not ask again when the same page reports the same people', async () => {
    const { tabs, engine } = setup(async (q) => ({ result: result(q) }));
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    expect(engine.lookupWithRefresh).toHaveBeenCalledTimes(1);
  });

  it('shows saved results marked offline when Close cannot be reached', async () => {
    let fail = false;
    const { tabs } = setup(async (q) => {
      if (fail) throw new AppFailure({ kind: 'network', message: 'offline' });
      return { result: result(q) };
    });
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    fail = true;
    const view = await tabs.refresh(3, true);
    expect(view.lookup).toMatchObject({ status: 'offline', cached: { leads: [{}] } });
  });

  it('says when Close is rate limiting and when it will try again', async () => {
    const { tabs } = setup(async () => {
      throw new AppFailure({ kind: 'rate_limited', message: 'wait', retryAfterMs: 60_000 });
    });
    const view = await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    expect(view.lookup.status).toBe('rate-limited');
  });

  it('replaces a stale answer with the refreshed one', async () => {
    let refreshed!: (r: LookupResult) => void;
    const { tabs } = setup(async (q) => ({
      result: { ...result(q), stale: true },
      refresh: new Promise<LookupResult>((resolve) => {
        refreshed = resolve;
      }),
    }));
    const view = await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    expect(view.lookup).toMatchObject({ status: 'ready', result: { stale: true } });
    refreshed(result(view.query as LookupQuery, 2));
    await vi.waitFor(async () =>
      expect((await tabs.view(3)).lookup).toMatchObject({
        result: { stale: false, leads: [{}, {}] },
      }),
    );
  });

  it('never lets an older look-up overwrite a newer page', async () => {
    const gates: Array<() => void> = [];
    const { tabs } = setup(
      (q) => new Promise((resolve) => gates.push(() => resolve({ result: result(q) }))),
    );
    const first = tabs.report(3, snapshot('old@initech.com'), 'watched');
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    const second = tabs.report(3, snapshot('new@hooli.xyz'), 'watched');
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    gates[1]?.();
    await second;
    gates[0]?.();
    await first;
    expect((await tabs.view(3)).query?.emails).toEqual(['new@hooli.xyz']);
  });

  it('forgets a page when the tab navigates elsewhere', async () => {
    const { tabs } = setup(async (q) => ({ result: result(q) }));
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    await tabs.navigated(3, 'https://mail.google.com/mail/u/0/#inbox');
    expect((await tabs.view(3)).lookup.status).toBe('idle');
  });
});
