// A value read from extension storage and kept in memory until storage says it changed (or its
// owner, right after its own write, says so): the report path stops paying storage round trips
// for settings and accounts on every page change. Storage stays the only source of truth; the
// memo dies with the worker.
import { browser } from 'wxt/browser';

export interface StoredMemo<T> {
  /** The value: from memory when nothing changed since it was read, else read again. */
  get(): Promise<T>;
  /** Forgets the value (call after writing what it is read from). */
  invalidate(): void;
  /** Stops following storage. */
  stop(): void;
}

/**
 * `changedBy` says whether a storage change touches what `read` reads. A read that fails is not
 * kept; a read that was running when the value changed is not kept either.
 */
export function storedMemo<T>(
  read: () => Promise<T>,
  changedBy: (keys: string[], area: string) => boolean,
): StoredMemo<T> {
  let memo: Promise<T> | undefined;
  const invalidate = () => {
    memo = undefined;
  };
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (changedBy(Object.keys(changes), area)) invalidate();
  };
  browser.storage.onChanged.addListener(listener);
  return {
    get() {
      if (memo) return memo;
      const reading = read();
      memo = reading;
      reading.catch(() => {
        if (memo === reading) memo = undefined;
      });
      return reading;
    },
    invalidate,
    stop: () => browser.storage.onChanged.removeListener(listener),
  };
}
