// The content-script lifecycle shared by Gmail and Outlook: one narrow MutationObserver, debounced
// (with a max wait) and run when the browser is idle, navigation events, a resting-mouse hover
// listener, and a report only when what the page shows changed. Stops when `signal` aborts or
// `stop()` is called, and then removes every listener it added (a re-injected script starts clean).
import type { PageSnapshot } from '../page-snapshot';

export interface PageWatcherOptions {
  win: Window;
  doc: Document;
  /** Aborts when the content script is invalidated (WXT `ctx.signal`). */
  signal: AbortSignal;
  /** Reads the page; `hover` is the element the mouse rested on last (sticky until navigation). */
  read: (doc: Document, url: URL, hover: Element | null) => PageSnapshot | null;
  /** Called with each new snapshot, or null once when the page stops showing anything. */
  report: (snapshot: PageSnapshot | null) => void;
  /** The stable pane to observe (re-attached when the page replaces it); the body until it exists. */
  rootSelector: string;
  /** Person chips worth a hover report; no mouse listener when absent. */
  hoverSelector?: string;
  /** Quiet time after the last mutation before scanning. */
  debounceMs?: number;
  /** Longest a stream of mutations can postpone a scan. */
  maxWaitMs?: number;
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

type IdleWindow = Window & {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

export function watchPage(options: PageWatcherOptions): PageWatcher {
  const { win, doc, signal, read, report, rootSelector, hoverSelector } = options;
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const hoverMs = options.hoverMs ?? 300;
  const idleWin = win as IdleWindow;
  // Our own lifetime: `stop()` (switched off) must remove the listeners too, not only `signal`.
  const lifetime = new AbortController();

  let observedRoot: Element | null = null;
  let observingBody = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idleHandle = 0;
  let firstPendingAt = 0;
  let hoverTimer: ReturnType<typeof setTimeout> | undefined;
  let hoverTarget: EventTarget | null = null;
  let hovered: Element | null = null;
  let lastKey = '';
  let scans = 0;
  let stopped = false;

  const schedule = (delay: number = debounceMs): void => {
    if (stopped) return;
    const now = Date.now();
    if (!firstPendingAt) firstPendingAt = now;
    const wait = Math.max(0, Math.min(delay, firstPendingAt + maxWaitMs - now));
    clearTimeout(timer);
    timer = setTimeout(flush, wait);
  };

  // Mutation callbacks only schedule; no DOM work happens inside them.
  const observer = new MutationObserver(() => schedule());
  const parentObserver = new MutationObserver(() => schedule());

  function attach(): void {
    const root = doc.querySelector(rootSelector);
    if (root !== null && root === observedRoot) return;
    if (root === null && observingBody) return;
    observingBody = false;
    observer.disconnect();
    parentObserver.disconnect();
    observedRoot = root;
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
    if (stopped) return;
    if (idleWin.requestIdleCallback) {
      idleHandle = idleWin.requestIdleCallback(scan, { timeout: 500 });
    } else {
      scan();
    }
  }

  function scan(): void {
    idleHandle = 0;
    if (stopped || signal.aborted) return;
    attach();
    scans++;
    let snapshot: PageSnapshot | null = null;
    try {
      snapshot = read(doc, new URL(win.location.href), hovered?.isConnected ? hovered : null);
    } catch {
      // A reader bug must never break the page; report nothing for this scan.
      snapshot = null;
    }
    const key = snapshot ? JSON.stringify(snapshot) : 'null';
    if (key === lastKey) return;
    lastKey = key;
    report(snapshot);
  }

  const onNavigate = (): void => {
    hovered = null;
    schedule(50);
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
    clearTimeout(timer);
    clearTimeout(hoverTimer);
    if (idleHandle) idleWin.cancelIdleCallback?.(idleHandle);
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
