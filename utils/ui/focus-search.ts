// The focus-search shortcut's other half: the background stores a request, the panel focuses its
// search box (now, or as soon as it has rendered it) and clears the request.
import { focusSearchRequestItem } from '../storage';

/** A request older than this was meant for a panel that opened long ago. */
const FRESH_MS = 10_000;
const WAIT_MS = 5_000;

function focusWhenShown(doc: Document, signal: AbortSignal): void {
  const find = () => doc.querySelector<HTMLInputElement>('search input[type="search"]');
  const found = find();
  if (found) {
    found.focus();
    return;
  }
  const observer = new MutationObserver(() => {
    const input = find();
    if (!input) return;
    observer.disconnect();
    input.focus();
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  const stop = () => observer.disconnect();
  setTimeout(stop, WAIT_MS);
  signal.addEventListener('abort', stop);
}

/** Follows focus requests for this panel. Returns a cleanup. */
export function watchFocusSearch(doc: Document, now: () => number = Date.now): () => void {
  const lifetime = new AbortController();
  const handle = (requestedAt: number | null) => {
    if (requestedAt === null || now() - requestedAt > FRESH_MS) return;
    void focusSearchRequestItem.setValue(null);
    focusWhenShown(doc, lifetime.signal);
  };
  void focusSearchRequestItem.getValue().then(handle);
  const unwatch = focusSearchRequestItem.watch(handle);
  return () => {
    unwatch();
    lifetime.abort();
  };
}
