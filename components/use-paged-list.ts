// A list Close answers page by page ("Load more"): the newest request wins, a late answer to an
// older one is dropped, and a failed request can be asked again exactly.
import { useRef, useState } from 'preact/hooks';
import type { Paged } from '@/components/panel-model';
import { type AppError, toAppError } from '@/utils/app-error';

/** `loading` asks for the first page, `more` for the next one. */
export type PagedListStatus = 'idle' | 'loading' | 'more';

export interface PagedList<T> {
  items: T[];
  /** Where the next page starts; null when there is none. */
  cursor: string | null;
  status: PagedListStatus;
  error: AppError | null;
  /**
   * Asks for the page starting at `from` (null: the first page, replacing what is shown; a cursor:
   * the next page, appended). `onLoaded` sees the whole list once the answer is the newest request's.
   */
  fetchPage(
    from: string | null,
    load: (from: string | null) => Promise<Paged<T>>,
    onLoaded?: (items: T[], cursor: string | null) => void,
  ): Promise<void>;
  /** Asks again for the page that failed last (nothing when none failed). */
  retry(): void;
  /** Shows `items` as they are (e.g. from a cache), dropping any answer still on its way. */
  show(items: T[], cursor: string | null): void;
}

export function usePagedList<T>(
  initial: { items?: T[]; cursor?: string | null; status?: PagedListStatus } = {},
): PagedList<T> {
  const [items, setItems] = useState<T[]>(initial.items ?? []);
  const [cursor, setCursor] = useState<string | null>(initial.cursor ?? null);
  const [status, setStatus] = useState<PagedListStatus>(initial.status ?? 'idle');
  const [error, setError] = useState<AppError | null>(null);
  const generation = useRef(0);
  /** The items as last set, for appending a page without waiting for a render. */
  const current = useRef(items);
  const failed = useRef<(() => Promise<void>) | null>(null);

  function setList(next: T[], nextCursor: string | null) {
    current.current = next;
    setItems(next);
    setCursor(nextCursor);
  }

  async function fetchPage(
    from: string | null,
    load: (from: string | null) => Promise<Paged<T>>,
    onLoaded?: (items: T[], cursor: string | null) => void,
  ) {
    const mine = ++generation.current;
    setStatus(from ? 'more' : 'loading');
    setError(null);
    failed.current = null;
    try {
      const page = await load(from);
      if (mine !== generation.current) return;
      const all = from ? [...current.current, ...page.items] : page.items;
      setList(all, page.cursor);
      onLoaded?.(all, page.cursor);
    } catch (caught) {
      if (mine !== generation.current) return;
      setError(toAppError(caught));
      failed.current = () => fetchPage(from, load, onLoaded);
    } finally {
      if (mine === generation.current) setStatus('idle');
    }
  }

  return {
    items,
    cursor,
    status,
    error,
    fetchPage,
    retry: () => void failed.current?.(),
    show(next, nextCursor) {
      generation.current++;
      setList(next, nextCursor);
      setStatus('idle');
      setError(null);
      failed.current = null;
    },
  };
}
