// What each tab shows and what Close knows about it: the page snapshot, its query and the look-up
// state, kept in the tab store (storage.session) so a worker restart loses nothing and every
// change reaches the panel as it is stored. Every change updates the badge.

import type { CloseSession } from '@/entrypoints/background/close-session';
import { createTabStore, type TabStore } from '@/entrypoints/background/tab-store';
import { toAppError } from '@/utils/app-error';
import type { WriteEvent } from '@/utils/close/http';
import { affects, lookupsTouchedBy } from '@/utils/lookup/invalidation';
import { refsOf } from '@/utils/lookup/match';
import { type QueryFilters, queryForPage } from '@/utils/lookup/page-query';
import { resultToShow } from '@/utils/lookup/result-to-show';
import type { LookupQuery, LookupResult, LookupState } from '@/utils/lookup/types';
import type { PageSnapshot } from '@/utils/page-snapshot';
import type { PageAccess, TabView } from '@/utils/tab-view';

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
  /**
   * A page its content script watches (Gmail, granted Outlook): the view, where a hint from when
   * it could not be read (switched off, no access) gives way to an empty watched view.
   */
  watched(tabId: number, url: string): Promise<TabView>;
  refresh(tabId: number, force: boolean): Promise<TabView>;
  /**
   * The tab moved to another URL. A watched page (Gmail) shows "loading" until its script reports
   * the new page, so the panel blanks at once instead of showing the last page's leads.
   */
  navigated(tabId: number, url: string): Promise<void>;
  /** A watched page's script saw nothing to look up (Gmail's list view). */
  cleared(tabId: number, url: string): Promise<void>;
  forget(tabId: number): Promise<void>;
  /**
   * Runs every stored tab's look-up again (after connecting, switching organizations or changing
   * settings); forgets the tabs whose site is now switched off.
   */
  refreshAll(): Promise<void>;
  /** Looks again for the tabs whose query or results a write through the Close client touched. */
  refreshTouched(event: WriteEvent): Promise<void>;
}

export function createTabContexts(deps: {
  session: CloseSession;
  filters: () => Promise<QueryFilters>;
  now?: () => number;
  onChange?: (view: TabView) => void;
  /** Whether the site of a page is switched on in settings. Default: every site is. */
  siteEnabled?: (url: string) => Promise<boolean>;
  store?: TabStore;
}): TabContexts {
  const now = deps.now ?? Date.now;
  const store = deps.store ?? createTabStore();
  /** The newest run per tab; an older run never overwrites a newer one. */
  const runs = new Map<number, number>();
  /** Tabs whose look-up is running in this worker (so a read does not start another). */
  const running = new Map<number, number>();
  let lastStamp = 0;
  /**
   * `updatedAt` for a write: the time, but always after the previous write of this worker, so the
   * UI can drop a reply older than the view it shows even when two writes share a millisecond.
   */
  const stamp = () => {
    lastStamp = Math.max(now(), lastStamp + 1);
    return lastStamp;
  };

  function empty(tabId: number, url: string | null = null): TabView {
    return {
      tabId,
      url,
      snapshot: null,
      query: null,
      lookup: { status: 'idle' },
      access: 'unavailable',
      updatedAt: stamp(),
    };
  }

  const read = (tabId: number) => store.read(tabId);
  const storedViews = () => store.all();

  async function write(view: TabView): Promise<TabView> {
    await store.write(view);
    deps.onChange?.(view);
    return view;
  }

  /** A view showing what a switched-off site's page holds may not be kept or shown. */
  async function allowed(view: TabView): Promise<boolean> {
    if (!view.snapshot || !view.url || !deps.siteEnabled) return true;
    // "Look up in Close" is the user's own request, not a reading of the page.
    if (view.snapshot.source === 'selection') return true;
    return deps.siteEnabled(view.url);
  }

  /** Forgets a tab's view (and its badge); a look-up still running for it writes nothing back. */
  async function clear(view: TabView): Promise<TabView> {
    runs.set(view.tabId, (runs.get(view.tabId) ?? 0) + 1);
    await store.remove(view.tabId);
    const cleared = empty(view.tabId, view.url);
    deps.onChange?.(cleared);
    return cleared;
  }

  /** A look-up that should run again now: cut short by a worker restart, or a rate limit passed. */
  function due(view: TabView): boolean {
    if (running.has(view.tabId)) return false;
    const { lookup } = view;
    if (lookup.status === 'loading') return now() - view.updatedAt > ABANDONED_MS;
    // The retry timer dies with the worker; the next read of the tab retries instead.
    if (lookup.status === 'rate-limited') return now() >= lookup.retryAt;
    return false;
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
    const { tabId } = base;
    const run = (runs.get(tabId) ?? 0) + 1;
    runs.set(tabId, run);
    running.set(tabId, run);
    try {
      return await runLookUp(base, force, () => runs.get(tabId) === run);
    } finally {
      if (running.get(tabId) === run) running.delete(tabId);
    }
  }

  async function runLookUp(
    base: TabView,
    force: boolean,
    current: () => boolean,
  ): Promise<TabView> {
    // A newer run (or a navigation) took over: answer with what the tab shows now, never with this
    // run's older page.
    const superseded = async () => (await read(base.tabId)) ?? empty(base.tabId);
    const query = base.snapshot ? queryForPage(base.snapshot, await deps.filters()) : null;
    if (!current()) return superseded();
    if (!query) {
      return write({ ...base, query: null, lookup: { status: 'idle' }, updatedAt: stamp() });
    }
    // The organization asked: another organization's answer (before a switch or a disconnect) is
    // never kept on screen, nor shown as the offline or rate-limited fallback.
    let active: Awaited<ReturnType<CloseSession['engine']>> | null = null;
    let unavailable: unknown;
    try {
      active = await deps.session.engine();
    } catch (error) {
      unavailable = error;
    }
    if (!current()) return superseded();
    const last = sameQuery(base.query, query) ? resultToShow(base.lookup) : null;
    const previous = active && last?.organizationId === active.organizationId ? last : null;
    const loading: TabView = {
      ...base,
      query,
      lookup: previous ? { status: 'loading', previous } : { status: 'loading' },
      updatedAt: stamp(),
    };
    // The same question with its answer on screen: the answer stays until the new one lands (no
    // extra write per report). A refresh the user asked for shows that it is running.
    if (!previous || force) await write(loading);
    try {
      if (!active) throw unavailable;
      const outcome = await active.engine.lookupWithRefresh(query, {
        force,
        ...(base.snapshot ? { page: base.snapshot.url } : {}),
      });
      if (!current()) return superseded();
      const ready = await write({
        ...loading,
        lookup: { status: 'ready', result: outcome.result },
        updatedAt: stamp(),
      });
      outcome.refresh?.then(
        async (fresh) => {
          if (current())
            await write({
              ...ready,
              lookup: { status: 'ready', result: fresh },
              updatedAt: stamp(),
            });
        },
        () => {
          // The stale result stays on screen, still marked stale.
        },
      );
      return ready;
    } catch (error) {
      if (!current()) return superseded();
      const lookup = failed(error, previous);
      const view = await write({ ...loading, lookup, updatedAt: stamp() });
      if (lookup.status === 'rate-limited') {
        const run = runs.get(base.tabId) ?? 0;
        setTimeout(
          () => void refreshIfCurrent(base.tabId, run),
          Math.max(0, lookup.retryAt - now()),
        );
      }
      return view;
    }
  }

  async function viewOf(tabId: number): Promise<TabView> {
    const view = await read(tabId);
    if (!view) return empty(tabId);
    if (!(await allowed(view))) return clear(view);
    return due(view) ? lookUp(view, false) : view;
  }

  async function refreshIfCurrent(tabId: number, run: number) {
    if (runs.get(tabId) !== run) return;
    const view = await read(tabId);
    if (view) await lookUp(view, false);
  }

  return {
    view: viewOf,
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
          updatedAt: stamp(),
        });
        return lookUp(held, false);
      }
      if (
        existing?.snapshot &&
        JSON.stringify(existing.snapshot) === JSON.stringify(snapshot) &&
        existing.lookup.status !== 'error'
      ) {
        return due(existing) ? lookUp(existing, false) : existing;
      }
      // What the page reports replaces any hint about why it could not be read.
      const { accessHint: _hint, grant: _grant, ...base } = existing ?? empty(tabId);
      return lookUp({ ...base, url: snapshot.url, snapshot, access }, false);
    },
    async unavailable(tabId, url, hint, grant) {
      runs.set(tabId, (runs.get(tabId) ?? 0) + 1);
      return write({ ...empty(tabId, url), accessHint: hint, ...(grant ? { grant } : {}) });
    },
    async watched(tabId, url) {
      const view = await viewOf(tabId);
      // Only a stored hint gives way; a report being looked up right now is left alone.
      if (view.accessHint === undefined || view.snapshot || running.has(tabId)) return view;
      return write({ ...empty(tabId, url), access: 'watched' });
    },
    async refresh(tabId, force) {
      const view = await read(tabId);
      return view ? lookUp(view, force) : empty(tabId);
    },
    async navigated(tabId, url) {
      const view = await read(tabId);
      if (!view || view.url === url) return;
      runs.set(tabId, (runs.get(tabId) ?? 0) + 1);
      // A watched page (Gmail) reports again by itself within moments: until then the panel shows
      // a skeleton, never the last page's leads. (Left loading, `due` looks again after a while.)
      const watched =
        view.access === 'watched' && sameOrigin(view.url, url) && (await allowed({ ...view, url }));
      await write({
        ...empty(tabId, url),
        ...(watched ? { access: 'watched', lookup: { status: 'loading' } } : {}),
      });
    },
    async cleared(tabId, url) {
      const view = await read(tabId);
      if (!view) return;
      if (view.url === url && !view.snapshot && view.lookup.status === 'idle') return;
      runs.set(tabId, (runs.get(tabId) ?? 0) + 1);
      await write({
        ...empty(tabId, url),
        access: view.access === 'watched' ? 'watched' : 'unavailable',
      });
    },
    async forget(tabId) {
      runs.delete(tabId);
      await store.remove(tabId);
    },
    async refreshAll() {
      const keep: TabView[] = [];
      for (const view of await storedViews()) {
        if (await allowed(view)) keep.push(view);
        else await clear(view);
      }
      await Promise.all(keep.map((view) => lookUp(view, false)));
    },
    async refreshTouched(event) {
      const touched = lookupsTouchedBy(event);
      const views = (await storedViews()).filter((view) => {
        if (!view.query) return false;
        const result = resultToShow(view.lookup);
        return affects(touched, view.query, result ? refsOf(result.leads) : []);
      });
      await Promise.all(views.map((view) => lookUp(view, false)));
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

function sameOrigin(a: string | null, b: string): boolean {
  try {
    return a !== null && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function sameQuery(a: LookupQuery | null, b: LookupQuery): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
