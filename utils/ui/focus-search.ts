// The focus-search shortcut's other half: the background stores a request, the panel focuses its
// search box (now, or as soon as it has rendered it) and clears the request.
import { FOCUS_SEARCH_REQUEST_KEY, focusSearchRequestItem } from '@/utils/storage';
import type { StoredValues } from '@/utils/ui/first-read';

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

/**
 * Follows focus requests for this panel. Returns a cleanup. `first`: the page's own read of
 * storage.session, which holds a pending request (utils/ui/first-read.ts).
 */
export function watchFocusSearch(
  doc: Document,
  first: Promise<StoredValues>,
  now: () => number = Date.now,
): () => void {
  const lifetime = new AbortController();
  const handle = (requestedAt: number | null) => {
    if (requestedAt === null || now() - requestedAt > FRESH_MS) return;
    void focusSearchRequestItem.setValue(null);
    focusWhenShown(doc, lifetime.signal);
  };
  void first.then((values) => {
    const requestedAt = values[FOCUS_SEARCH_REQUEST_KEY];
    handle(typeof requestedAt === 'number' ? requestedAt : null);
  });
  const unwatch = focusSearchRequestItem.watch(handle);
  return () => {
    unwatch();
    lifetime.abort();
  };
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target as HTMLElement).isContentEditable
  );
}

/** `/` anywhere in the panel but a text box focuses its search, as on GitHub or Gmail. */
export function focusSearchOnSlash(doc: Document): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typingIn(event.target)) return;
    const input = doc.querySelector<HTMLInputElement>('search input[type="search"]');
    if (!input) return;
    event.preventDefault();
    input.focus();
  };
  doc.addEventListener('keydown', onKey);
  return () => doc.removeEventListener('keydown', onKey);
}
