// The content-script lifecycle shared by Gmail and Outlook: one narrow MutationObserver, navigation
// events, a resting-mouse hover listener, and a report only when what the page shows changed.
// Navigation is acted on at once: after a hash/popstate change every mutation batch triggers a scan
// within a frame, and the first reading that is really the new page (not the old thread still in
// the DOM) is reported. Outside navigation, mutation bursts are debounced with a short ceiling.
// Stops when `signal` aborts or `stop()` is called, and then removes every listener it added (a
// re-injected script starts clean).
import type { PageSnapshot } from '@/utils/page-snapshot';

export interface PageWatcherOptions {
  win: Window;
  doc: Document;
  /** Aborts when the content script is invalidated (WXT `ctx.signal`). */
  signal: AbortSignal;
  /**
   * Reads the page; `hover` is the element the mouse rested on last (sticky until navigation);
   * `changed` the nodes whose children changed since the last reading (null: anything may have).
   */
  read: (
    doc: Document,
    url: URL,
    hover: Element | null,
    changed: ReadonlySet<Node> | null,
  ) => PageSnapshot | null;
  /** Called with each new snapshot, or null once when the page stops showing anything. */
  report: (snapshot: PageSnapshot | null) => void;
  /** The stable pane to observe (re-attached when the page replaces it); the body until it exists. */
  rootSelector: string;
  /**
   * Panes outside the root whose changes matter too (Gmail: the compose dock, where a recipient chip
   * appears). Observed like the root; looked up again on scans (at most once a second).
   */
  alsoObserveSelector?: string;
  /** Person chips worth a hover report; no mouse listener when absent. */
  hoverSelector?: string;
  /**
   * What identifies the open item (Gmail: the thread id on its subject). After a navigation a
   * reading with the same identity and the same content is the old page still in the DOM.
   */
  identitySelector?: string;
  /**
   * Whether the URL names an item that is still loading when the pane shows nothing (Gmail: a
   * thread URL while the list is still on screen): such a navigation waits for the item instead of
   * reporting "nothing" first.
   */
  expectsItem?: (url: URL) => boolean;
  /** Quiet time after the last mutation before scanning (outside a navigation). */
  debounceMs?: number;
  /** Longest a stream of mutations can postpone a scan. */
  maxWaitMs?: number;
  /** After a navigation: longest the old page (or an empty pane) is waited out before reporting it anyway. */
  navigationWaitMs?: number;
  /** How long the mouse must rest on a chip before it counts as hovered. */
  hoverMs?: number;
}

export interface PageWatcher {
  /** Scans now (tests, or a background request) and reports if something changed. */
  scanNow(): void;
  stop(): void;
  /** Scans that actually ran (for tests and the bench). */
  readonly scans: number;
}

/** A reading's content without its URL: the same people and title under a new URL is the old page. */
function contentKey(snapshot: PageSnapshot | null): string {
  if (!snapshot) return 'null';
  const { url: _url, ...rest } = snapshot;
  return JSON.stringify(rest);
}

export function watchPage(options: PageWatcherOptions): PageWatcher {
  const { win, doc, signal, read, report, rootSelector, hoverSelector } = options;
  const debounceMs = options.debounceMs ?? 50;
  const maxWaitMs = options.maxWaitMs ?? 200;
  const navigationWaitMs = options.navigationWaitMs ?? 1500;
  const hoverMs = options.hoverMs ?? 300;
  // Our own lifetime: `stop()` (switched off) must remove the listeners too, not only `signal`.
  const lifetime = new AbortController();

  let observedRoot: Element | null = null;
  let observingBody = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt = 0;
  let hoverTimer: ReturnType<typeof setTimeout> | undefined;
  let hoverTarget: EventTarget | null = null;
  let hovered: Element | null = null;
  let lastKey = '';
  let lastContent = 'null';
  /** The URL of the last scan: a hashchange that leaves it as it was is no navigation. */
  let lastUrl = '';
  let scans = 0;
  let stopped = false;
  /** Targets of the mutations since the last scan; null: unknown (first scan, pane replaced). */
  let changed: Set<Node> | null = null;
  /** Set from a navigation until the new page is reported: what the old page looked like. */
  let navigation: { since: number; identity: string | null; content: string } | null = null;
  let navigationTimer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (delay: number = debounceMs): void => {
    if (stopped) return;
    const now = Date.now();
    if (!firstPendingAt) firstPendingAt = now;
    const wait = Math.max(0, Math.min(delay, firstPendingAt + maxWaitMs - now));
    clearTimeout(timer);
    timer = setTimeout(flush, wait);
  };

  /** Notes where the page changed (no DOM reads), so the reader can skip what did not. */
  const note = (records: MutationRecord[]): void => {
    if (changed) for (const record of records) changed.add(record.target);
  };
  // Mutation callbacks only note and schedule; no DOM work happens inside them. While a navigation
  // is pending, each batch is looked at right away (batches of one frame coalesce into one scan).
  const onMutations = (records: MutationRecord[]): void => {
    note(records);
    schedule(navigation ? 0 : debounceMs);
  };
  const observer = new MutationObserver(onMutations);
  // The pane itself swapped: anything may have changed.
  const parentObserver = new MutationObserver((records) => {
    if (records.length > 0) changed = null;
    schedule(navigation ? 0 : debounceMs);
  });
  const extraObserver = new MutationObserver(onMutations);
  let extras: Element[] = [];
  let extrasFoundAt = -Infinity;

  function attachExtras(): void {
    const selector = options.alsoObserveSelector;
    if (!selector) return;
    const now = Date.now();
    const intact = extras.length > 0 && extras.every((e) => e.isConnected);
    if (intact && now - extrasFoundAt < 1000) return;
    extrasFoundAt = now;
    const found = [...doc.querySelectorAll(selector)].slice(0, 10);
    if (found.length === extras.length && found.every((e, i) => e === extras[i])) return;
    extraObserver.disconnect();
    extras = found;
    for (const element of found) extraObserver.observe(element, { childList: true, subtree: true });
  }

  function attach(): void {
    attachExtras();
    const root = doc.querySelector(rootSelector);
    if (root !== null && root === observedRoot) return;
    if (root === null && observingBody) return;
    observingBody = false;
    observer.disconnect();
    parentObserver.disconnect();
    observedRoot = root;
    changed = null;
    if (root) {
      observer.observe(root, { childList: true, subtree: true });
      // Gmail swaps the whole [role=main] on some navigations: its parent's child list shows that.
      if (root.parentNode) parentObserver.observe(root.parentNode, { childList: true });
    } else if (doc.body) {
      // Until the pane exists (page still loading) watch the body; switch once it appears.
      observer.observe(doc.body, { childList: true, subtree: true });
      observingBody = true;
    }
  }

  function flush(): void {
    timer = undefined;
    firstPendingAt = 0;
    scan();
  }

  function identity(): string | null {
    if (!options.identitySelector) return null;
    const element = doc.querySelector(options.identitySelector);
    if (!element) return null;
    return [...element.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
  }

  /** During a navigation: whether this reading is still the old page (or the new item not yet drawn). */
  function stillOld(snapshot: PageSnapshot | null, url: URL): boolean {
    if (!navigation) return false;
    if (Date.now() - navigation.since >= navigationWaitMs) return false;
    if (!snapshot) return options.expectsItem?.(url) ?? false;
    return contentKey(snapshot) === navigation.content && identity() === navigation.identity;
  }

  function scan(): void {
    if (stopped || signal.aborted) return;
    note(observer.takeRecords());
    if (parentObserver.takeRecords().length > 0) changed = null;
    attach();
    scans++;
    let snapshot: PageSnapshot | null = null;
    const url = new URL(win.location.href);
    lastUrl = url.href;
    const since = changed;
    changed = new Set();
    try {
      snapshot = read(doc, url, hovered?.isConnected ? hovered : null, since);
    } catch {
      // A reader bug must never break the page; report nothing for this scan.
      snapshot = null;
      changed = null;
    }
    // The old thread is still in the DOM under the new URL: wait for the swap (the observer sees
    // it) rather than report the last thread's people as this one's.
    if (stillOld(snapshot, url)) return;
    endNavigation();
    const key = snapshot ? JSON.stringify(snapshot) : 'null';
    if (key === lastKey) return;
    lastKey = key;
    lastContent = contentKey(snapshot);
    report(snapshot);
  }

  function endNavigation(): void {
    navigation = null;
    clearTimeout(navigationTimer);
    navigationTimer = undefined;
  }

  const onNavigate = (): void => {
    hovered = null;
    if (win.location.href === lastUrl) {
      schedule(0);
      return;
    }
    navigation = { since: Date.now(), identity: identity(), content: lastContent };
    clearTimeout(navigationTimer);
    // However the page changes (or not), the wait ends with a scan.
    navigationTimer = setTimeout(scan, navigationWaitMs);
    clearTimeout(timer);
    firstPendingAt = 0;
    timer = setTimeout(flush, 0);
  };

  const onHoverRest = (): void => {
    hoverTimer = undefined;
    const target = hoverTarget;
    hoverTarget = null;
    if (!hoverSelector || !target || typeof (target as Element).closest !== 'function') return;
    const chip = (target as Element).closest(hoverSelector);
    // Sticky: moving off a chip keeps the last one, so the user can reach the side panel.
    if (!chip || chip === hovered) return;
    hovered = chip;
    scan();
  };

  const onMouseOver = (event: Event): void => {
    hoverTarget = event.target;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(onHoverRest, hoverMs);
  };

  function stop(): void {
    if (stopped) return;
    stopped = true;
    lifetime.abort();
    observer.disconnect();
    parentObserver.disconnect();
    extraObserver.disconnect();
    extras = [];
    clearTimeout(timer);
    clearTimeout(hoverTimer);
    endNavigation();
    observedRoot = null;
    observingBody = false;
    hovered = null;
    hoverTarget = null;
  }

  if (signal.aborted) {
    stop();
  } else {
    signal.addEventListener('abort', stop, { once: true, signal: lifetime.signal });
    const listen = { signal: lifetime.signal, passive: true } as const;
    // Gmail navigates by hash; pushState navigations (Outlook) change the observed pane, which the
    // observer sees. (WXT's 'wxt:locationchange' is only dispatched to ctx.addEventListener, under a
    // per-script name, so a plain window listener for it never fired.)
    win.addEventListener('hashchange', onNavigate, listen);
    win.addEventListener('popstate', onNavigate, listen);
    if (hoverSelector) doc.addEventListener('mouseover', onMouseOver, { ...listen, capture: true });
    attach();
    schedule(0);
  }

  return {
    scanNow: scan,
    stop,
    get scans() {
      return scans;
    },
  };
}
