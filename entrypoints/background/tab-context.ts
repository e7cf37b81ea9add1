// What each tab shows and what Close knows about it: the page snapshot, its query and the look-up
// state, kept in storage.session so a worker restart loses nothing. Every change updates the badge.
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { toAppError } from '@/utils/app-error';
import { type QueryFilters, queryForPage } from '@/utils/lookup/page-query';
import type { LookupQuery, LookupResult, LookupState } from '@/utils/lookup/types';
import type { PageSnapshot } from '@/utils/page-snapshot';
import type { PageAccess, TabView } from '@/utils/tab-view';
import type { CloseSession } from './close-session';

const key = (tabId: number) => `tab:${tabId}`;

/** A light check of what we stored ourselves: enough to never render a corrupt value. */
const StoredTabViewSchema = v.looseObject({
  tabId: v.number(),
  lookup: v.looseObject({
    status: v.picklist(['idle', 'loading', 'ready', 'error', 'offline', 'rate-limited']),
  }),
  access: v.picklist(['watched', 'on-demand', 'unavailable']),
  updatedAt: v.number(),
});

/** A look-up left "loading" longer than this was cut short by a worker restart: run it again. */
const ABANDONED_MS = 30_000;

export interface TabContexts {
  view(tabId: number): Promise<TabView>;
  report(tabId: number, snapshot: PageSnapshot, access: PageAccess): Promise<TabView>;
  unavailable(
    tabId: number,
    url: string | null,
    hint: string,
    grant?: TabView['grant'],
  ): Promise<TabView>;
  refresh(tabId: number, force: boolean): Promise<TabView>;
  navigated(tabId: number, url: string): Promise<void>;
  forget(tabId: number): Promise<void>;
  /** Runs every stored tab's look-up again (after connecting or switching organizations). */
  refreshAll(): Promise<void>;
}

export function createTabContexts(deps: {
  session: CloseSession;
  filters: () => Promise<QueryFilters>;
  now?: () => number;
  onChange?: (view: TabView) => void;
}): TabContexts {
  const now = deps.now ?? Date.now;
  /** The newest run per tab; an older run never overwrites a newer one. */
  const runs = new Map<number, number>();

  function empty(tabId: number, url: string | null = null): TabView {
    return {
      tabId,
      url,
      snapshot: null,
      query: null,
      lookup: { status: 'idle' },
      access: 'unavailable',
      updatedAt: now(),
    };
  }

  async function read(tabId: number): Promise<TabView | null> {
    const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)];
    return v.is(StoredTabViewSchema, stored) ? (stored as unknown as TabView) : null;
  }

  async function write(view: TabView): Promise<TabView> {
    await browser.storage.session.set({ [key(view.tabId)]: view });
    deps.onChange?.(view);
    return view;
  }

  function lastResult(state: LookupState | undefined): LookupResult | null {
    if (!state) return null;
    if (state.status === 'ready') return state.result;
    if (state.status === 'loading') return state.previous ?? null;
    if (state.status === 'offline' || state.status === 'rate-limited') return state.cached;
    return null;
  }

  function failed(error: unknown, cached: LookupResult | null): LookupState {
    const appError = toAppError(error);
    if (appError.kind === 'network' || appError.kind === 'timeout') {
      return { status: 'offline', error: appError, cached };
    }
    if (appError.kind === 'rate_limited') {
      return { status: 'rate-limited', retryAt: now() + (appError.retryAfterMs ?? 5_000), cached };
    }
    return { status: 'error', error: appError };
  }

  async function lookUp(base: TabView, force: boolean): Promise<TabView> {
    const run = (runs.get(base.tabId) ?? 0) + 1;
    runs.set(base.tabId, run);
    const current = () => runs.get(base.tabId) === run;
    const query = base.snapshot ? queryForPage(base.snapshot, await deps.filters()) : null;
    if (!query) {
      return write({ ...base, query: null, lookup: { status: 'idle' }, updatedAt: now() });
    }
    const previous = sameQuery(base.query, query) ? lastResult(base.lookup) : null;
    const loading: TabView = {
      ...base,
      query,
      lookup: previous ? { status: 'loading', previous } : { status: 'loading' },
      updatedAt: now(),
    };
    await write(loading);
    try {
      const { engine } = await deps.session.engine();
      const outcome = await engine.lookupWithRefresh(query, { force });
      if (!current()) return loading;
      const ready = await write({
        ...loading,
        lookup: { status: 'ready', result: outcome.result },
      });
      outcome.refresh?.then(
        async (fresh) => {
          if (current())
            await write({ ...ready, lookup: { status: 'ready', result: fresh }, updatedAt: now() });
        },
        () => {
          // The stale result stays on screen, still marked stale.
        },
      );
      return ready;
    } catch (error) {
      if (!current()) return loading;
      const lookup = failed(error, previous);
      const view = await write({ ...loading, lookup, updatedAt: now() });
      if (lookup.status === 'rate-limited') {
        setTimeout(
          () => void refreshIfCurrent(base.tabId, run),
          Math.max(0, lookup.retryAt - now()),
        );
      }
      return view;
    }
  }

  async function refreshIfCurrent(tabId: number, run: number) {
    if (runs.get(tabId) !== run) return;
    const view = await read(tabId);
    if (view) await lookUp(view, false);
  }

  return {
    async view(tabId) {
      const view = await read(tabId);
      if (!view) return empty(tabId);
      if (view.lookup.status === 'loading' && now() - view.updatedAt > ABANDONED_MS) {
        return lookUp(view, false);
      }
      return view;
    },
    async report(tabId, snapshot, access) {
      const existing = await read(tabId);
      if (heldBySelection(existing, snapshot)) return existing as TabView;
      if (snapshot.source === 'selection') {
        // Stored before the look-up starts, so a page reading that arrives meanwhile sees the hold.
        const held = await write({
          ...(existing ?? empty(tabId)),
          url: snapshot.url,
          snapshot,
          access,
          query: null,
          lookup: { status: 'loading' },
          updatedAt: now(),
        });
        return lookUp(held, false);
      }
      if (
        existing?.snapshot &&
        JSON.stringify(existing.snapshot) === JSON.stringify(snapshot) &&
        existing.lookup.status !== 'error'
      ) {
        return existing;
      }
      return lookUp({ ...(existing ?? empty(tabId)), url: snapshot.url, snapshot, access }, false);
    },
    async unavailable(tabId, url, hint, grant) {
      runs.set(tabId, (runs.get(tabId) ?? 0) + 1);
      return write({ ...empty(tabId, url), accessHint: hint, ...(grant ? { grant } : {}) });
    },
    async refresh(tabId, force) {
      const view = await read(tabId);
      return view ? lookUp(view, force) : empty(tabId);
    },
    async navigated(tabId, url) {
      const view = await read(tabId);
      if (!view || view.url === url) return;
      runs.set(tabId, (runs.get(tabId) ?? 0) + 1);
      // A watched page (Gmail) reports again by itself; keep its access so the panel knows.
      await write({
        ...empty(tabId, url),
        access: view.access === 'watched' ? 'watched' : 'unavailable',
      });
    },
    async forget(tabId) {
      runs.delete(tabId);
      await browser.storage.session.remove(key(tabId));
    },
    async refreshAll() {
      const all = await browser.storage.session.get(null);
      for (const [name, value] of Object.entries(all)) {
        if (name.startsWith('tab:') && v.is(StoredTabViewSchema, value)) {
          await lookUp(value as unknown as TabView, false);
        }
      }
    },
  };
}

/**
 * A look-up the user asked for ("Look up in Close" on a selection or link) holds the tab until it
 * navigates: the page's own reports and on-demand readings do not replace it.
 */
export function heldBySelection(existing: TabView | null, incoming: PageSnapshot): boolean {
  return (
    existing?.snapshot?.source === 'selection' &&
    incoming.source !== 'selection' &&
    existing.url === incoming.url
  );
}

function sameQuery(a: LookupQuery | null, b: LookupQuery): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
