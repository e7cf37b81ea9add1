import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CloseSession } from '@/entrypoints/background/close-session';
import { createTabContexts } from '@/entrypoints/background/tab-context';
import { AppFailure } from '@/utils/app-error';
import type { Lead } from '@/utils/close/types';
import type { LookupEngine } from '@/utils/lookup/engine';
import type { QueryFilters } from '@/utils/lookup/privacy-filter';
import type { LeadMatch, LookupQuery, LookupResult } from '@/utils/lookup/types';
import type { PageSnapshot } from '@/utils/page-snapshot';
import type { TabView } from '@/utils/tab-view';
import { newerOrSame } from '@/utils/ui/tab-view-signal';

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
  options: {
    now?: () => number;
    filters?: () => Promise<QueryFilters>;
    siteEnabled?: (url: string) => Promise<boolean>;
  } = {},
) {
  const engine = { lookupWithRefresh: vi.fn(lookup) } as unknown as LookupEngine;
  const session = {
    engine: async () => ({ engine, organizationId: 'orga_1' }),
  } as unknown as CloseSession;
  const changes: string[] = [];
  const views: TabView[] = [];
  const make = () =>
    createTabContexts({
      session,
      filters:
        options.filters ?? (async () => ({ ownEmails: [], ownDomains: [], neverLookUp: [] })),
      onChange: (view) => {
        changes.push(view.lookup.status);
        views.push(view);
      },
      ...(options.now ? { now: options.now } : {}),
      ...(options.siteEnabled ? { siteEnabled: options.siteEnabled } : {}),
    });
  // `restart()`: a new worker, the same storage.session.
  return { tabs: make(), restart: make, engine, changes, views };
}

/** A lead as a look-up returns it, with one contact and one opportunity. */
function match(id: string, email: string): LeadMatch {
  return {
    lead: { id, name: id, contacts: [] } as unknown as Lead,
    matchedBy: [{ kind: 'email', value: email }],
    contacts: [
      {
        id: `cont_${id}`,
        leadId: id,
        name: '',
        title: '',
        emails: [{ email, type: 'office' }],
        phones: [],
      },
    ],
    opportunities: [],
  };
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

  it('blanks a watched page to loading the moment it navigates, never keeping the last thread', async () => {
    const { tabs, views } = setup(async (q) => ({ result: result(q) }));
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    await tabs.navigated(3, 'https://mail.google.com/mail/u/0/#inbox/FMfcgzNext');
    const blank = await tabs.view(3);
    expect(blank).toMatchObject({ snapshot: null, query: null, access: 'watched' });
    expect(blank.lookup).toEqual({ status: 'loading' });
    // The push carried the blank view itself.
    expect(views.at(-1)).toEqual(blank);
    // The script then says the page shows nothing to look up (the list view): idle, not loading.
    await tabs.cleared(3, 'https://mail.google.com/mail/u/0/#inbox/FMfcgzNext');
    expect((await tabs.view(3)).lookup.status).toBe('idle');
  });

  it('forgets a page when the tab leaves its site', async () => {
    const { tabs } = setup(async (q) => ({ result: result(q) }));
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    await tabs.navigated(3, 'https://example.com/');
    expect(await tabs.view(3)).toMatchObject({ snapshot: null, lookup: { status: 'idle' } });
  });

  it("a report of the new thread replaces the blank view with the new thread's look-up", async () => {
    const { tabs } = setup(async (q) => ({ result: result(q) }));
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    await tabs.navigated(3, 'https://mail.google.com/mail/u/0/#inbox/new@hooli.xyz');
    await tabs.report(3, snapshot('new@hooli.xyz'), 'watched');
    const view = await tabs.view(3);
    expect(view.lookup.status).toBe('ready');
    expect(view.query?.emails).toEqual(['new@hooli.xyz']);
  });

  it('writes once, not "loading" then "ready", when a report asks the same question again', async () => {
    const { tabs, changes } = setup(async (q) => ({ result: result(q) }));
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    // Same people, another title (the user opened another thread with Peter).
    await tabs.report(3, { ...snapshot('peter@initech.com'), title: 'Re: TPS' }, 'watched');
    expect(changes).toEqual(['loading', 'ready', 'ready']);
    expect((await tabs.view(3)).snapshot?.title).toBe('Re: TPS');
  });

  it('still shows that a refresh the user asked for is running', async () => {
    const { tabs, changes } = setup(async (q) => ({ result: result(q) }));
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    await tabs.refresh(3, true);
    expect(changes).toEqual(['loading', 'ready', 'loading', 'ready']);
  });

  it('never writes an older page back, not even as "loading", and answers with the newer one', async () => {
    let release!: () => void;
    let calls = 0;
    const filters = async () => {
      // The first report's filters are slow (settings read while the worker wakes).
      if (calls++ === 0) await new Promise<void>((resolve) => (release = resolve));
      return { ownEmails: [], ownDomains: [], neverLookUp: [] };
    };
    const { tabs, views } = setup(async (q) => ({ result: result(q) }), { filters });
    const first = tabs.report(3, snapshot('old@initech.com'), 'watched');
    await vi.waitFor(() => expect(calls).toBe(1));
    await tabs.report(3, snapshot('new@hooli.xyz'), 'watched');
    release();
    const answered = await first;
    expect(answered.query?.emails).toEqual(['new@hooli.xyz']);
    expect(views.map((v) => v.query?.emails[0])).not.toContain('old@initech.com');
    expect((await tabs.view(3)).query?.emails).toEqual(['new@hooli.xyz']);
  });

  it('answers a superseded look-up with what the tab shows now, not its own "loading"', async () => {
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
    const answered = await first;
    expect(answered.query?.emails).toEqual(['new@hooli.xyz']);
    expect(answered.lookup.status).toBe('ready');
  });

  it('stamps every write later than the one before, so the panel can drop older replies', async () => {
    const { tabs, views } = setup(async (q) => ({ result: result(q) }), { now: () => 1_000 });
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    const [loading, ready] = views as [TabView, TabView];
    expect(ready.updatedAt).toBeGreaterThan(loading.updatedAt);
    // A "loading" reply arriving after the "ready" one is not shown over it.
    expect(newerOrSame(loading, ready)).toBe(false);
    expect(newerOrSame(ready, loading)).toBe(true);
    expect(newerOrSame(ready, ready)).toBe(true);
  });

  it('retries a rate-limited look-up once the wait is over, even after a worker restart', async () => {
    let clock = 1_000;
    let limited = true;
    const { tabs, restart, engine } = setup(
      async (q) => {
        if (limited)
          throw new AppFailure({ kind: 'rate_limited', message: 'wait', retryAfterMs: 5_000 });
        return { result: result(q) };
      },
      { now: () => clock },
    );
    expect((await tabs.report(3, snapshot('peter@initech.com'), 'watched')).lookup.status).toBe(
      'rate-limited',
    );
    // The worker stops: its retry timer is gone.
    const restarted = restart();
    limited = false;
    expect((await restarted.view(3)).lookup.status).toBe('rate-limited');
    expect(engine.lookupWithRefresh).toHaveBeenCalledTimes(1);
    clock += 5_000;
    expect((await restarted.view(3)).lookup.status).toBe('ready');
    expect(engine.lookupWithRefresh).toHaveBeenCalledTimes(2);
  });

  it('forgets the views of a site switched off, with their badge, and keeps the rest', async () => {
    const enabled = { gmail: true };
    const siteEnabled = async (url: string) => !url.includes('mail.google.com') || enabled.gmail;
    const { tabs, views, engine } = setup(async (q) => ({ result: result(q) }), { siteEnabled });
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    await tabs.report(4, { ...snapshot('bill@initech.com'), source: 'selection' }, 'on-demand');
    await tabs.report(
      5,
      { source: 'website', url: 'https://www.initech.com/', people: [] },
      'on-demand',
    );
    enabled.gmail = false;
    const callsBefore = vi.mocked(engine.lookupWithRefresh).mock.calls.length;
    await tabs.refreshAll();

    const gmail = await tabs.view(3);
    expect(gmail.snapshot).toBeNull();
    expect(gmail.lookup.status).toBe('idle');
    expect(views.filter((v) => v.tabId === 3).at(-1)?.lookup.status).toBe('idle');
    expect(await fakeBrowser.storage.session.get('tab:3')).toEqual({});
    // A look-up the user asked for from the menu is not a reading of the page: it stays.
    expect((await tabs.view(4)).lookup.status).toBe('ready');
    expect((await tabs.view(5)).lookup.status).toBe('ready');
    // Only the two tabs still allowed were looked up again.
    expect(vi.mocked(engine.lookupWithRefresh).mock.calls.length - callsBefore).toBe(2);
  });

  it('does not show a stored view of a switched-off site, even before any refresh', async () => {
    const enabled = { gmail: true };
    const siteEnabled = async (url: string) => !url.includes('mail.google.com') || enabled.gmail;
    const { tabs, views } = setup(async (q) => ({ result: result(q) }), { siteEnabled });
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    enabled.gmail = false;
    expect((await tabs.view(3)).snapshot).toBeNull();
    expect(views.at(-1)).toMatchObject({ tabId: 3, lookup: { status: 'idle' } });
  });

  it('drops a "switched off" hint once the page is watched again', async () => {
    const { tabs } = setup(async (q) => ({ result: result(q) }));
    const url = 'https://mail.google.com/mail/u/0/#inbox';
    await tabs.unavailable(3, url, 'Reading this site is turned off.');
    const view = await tabs.watched(3, url);
    expect(view).toMatchObject({ access: 'watched', lookup: { status: 'idle' } });
    expect(view.accessHint).toBeUndefined();
    // A page the script reported keeps what it reported.
    await tabs.report(4, snapshot('peter@initech.com'), 'watched');
    expect((await tabs.watched(4, url)).lookup.status).toBe('ready');
  });

  it('looks again for the tabs a write touched, and only those', async () => {
    let leadsFor = (q: LookupQuery): LeadMatch[] =>
      q.emails[0] === 'peter@initech.com' ? [match('lead_initech', 'peter@initech.com')] : [];
    const { tabs, engine } = setup(async (q) => ({
      result: { ...result(q, 0), leads: leadsFor(q) },
    }));
    await tabs.report(3, snapshot('peter@initech.com'), 'watched');
    await tabs.report(4, snapshot('gavin@hooli.xyz'), 'watched');
    await tabs.report(5, snapshot('jo@brightfox.io'), 'watched');
    vi.mocked(engine.lookupWithRefresh).mockClear();

    // The lead's status changed: the tab showing it looks again.
    await tabs.refreshTouched({
      method: 'PUT',
      path: 'lead/lead_initech/',
      body: { status_id: 'stat_customer' },
      response: { id: 'lead_initech', status_id: 'stat_customer' },
    });
    expect(vi.mocked(engine.lookupWithRefresh).mock.calls.map(([q]) => q.emails)).toEqual([
      ['peter@initech.com'],
    ]);

    // A lead created for an address a tab found nothing for: that tab now shows it.
    vi.mocked(engine.lookupWithRefresh).mockClear();
    leadsFor = (q) => [match('lead_brightfox', q.emails[0] as string)];
    await tabs.refreshTouched({
      method: 'POST',
      path: 'lead/',
      body: { name: 'Brightfox', contacts: [{ emails: [{ email: 'jo@brightfox.io' }] }] },
      response: { id: 'lead_brightfox', name: 'Brightfox' },
    });
    expect(vi.mocked(engine.lookupWithRefresh).mock.calls.map(([q]) => q.emails)).toEqual([
      ['jo@brightfox.io'],
    ]);
    const view = await tabs.view(5);
    expect(view.lookup.status === 'ready' && view.lookup.result.leads).toHaveLength(1);
  });
});

describe('tab contexts after an organization switch', () => {
  beforeEach(() => fakeBrowser.reset());

  function switchable() {
    let organizationId: string | null = 'orga_a';
    const lookup = vi.fn(async (query: LookupQuery) => ({
      result: { ...result(query, 2), organizationId: organizationId as string },
    }));
    const engine = { lookupWithRefresh: lookup } as unknown as LookupEngine;
    const session = {
      engine: async () => {
        if (!organizationId) throw new AppFailure({ kind: 'not_connected', message: 'gone' });
        return { engine, organizationId };
      },
    } as unknown as CloseSession;
    const tabs = createTabContexts({
      session,
      filters: async () => ({ ownEmails: [], ownDomains: [], neverLookUp: [] }),
    });
    return {
      tabs,
      lookup,
      switchTo: (id: string | null) => {
        organizationId = id;
      },
    };
  }

  it("never keeps the previous organization's leads as the offline fallback", async () => {
    const { tabs, lookup, switchTo } = switchable();
    await tabs.report(7, snapshot('peter@initech.com'), 'watched');
    switchTo('orga_b');
    lookup.mockRejectedValueOnce(new AppFailure({ kind: 'network', message: 'offline' }));
    await tabs.refreshAll();
    const view = await tabs.view(7);
    expect(view.lookup).toMatchObject({ status: 'offline', cached: null });
  });

  it('keeps the answer on screen while the same organization asks again', async () => {
    const { tabs, lookup } = switchable();
    await tabs.report(7, snapshot('peter@initech.com'), 'watched');
    lookup.mockRejectedValueOnce(new AppFailure({ kind: 'network', message: 'offline' }));
    await tabs.refreshAll();
    const view = await tabs.view(7);
    expect(view.lookup.status).toBe('offline');
    expect(view.lookup.status === 'offline' && view.lookup.cached?.organizationId).toBe('orga_a');
  });

  it('drops the results once no account is left', async () => {
    const { tabs, switchTo } = switchable();
    await tabs.report(7, snapshot('peter@initech.com'), 'watched');
    switchTo(null);
    await tabs.refreshAll();
    const view = await tabs.view(7);
    expect(view.lookup.status).toBe('error');
    expect(JSON.stringify(view.lookup)).not.toContain('orga_a');
  });
});
