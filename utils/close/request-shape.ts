// How a call to Close is spelled: its path, its query, the key that lets identical reads share one
// request, the time-zone header, and per-endpoint-group state made on first use.
import type { Query } from '@/utils/close/http-types';

/**
 * This computer's UTC offset in hours (`-4`, `5.5`), as Close's own client sends it in
 * `x-tz-offset`: Close uses it for dates it fills in, such as `date_won` (docs/close-api.md, "Headers").
 */
export function tzOffsetHours(date = new Date()): string {
  return String(-date.getTimezoneOffset() / 60);
}

/** The query as Close gets it: no empty values, every value a string. */
export function cleanQuery(query: Query | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    out[key] = String(value);
  }
  return out;
}

/** `/lead` → `lead/`. */
export function normalizePath(path: string): string {
  const trimmed = path.replace(/^\/+/, '');
  // Close only routes paths with a trailing slash.
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/**
 * Identical reads in flight share one request, but only for the same API key: two accounts'
 * reads of the same path must never share an answer. The key stays in this in-memory map for
 * the life of the request only, and is never logged.
 */
export function coalesceKey(apiKey: string, path: string, query: Query | undefined): string {
  const entries = Object.entries(cleanQuery(query) ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return `${apiKey}\n${path}?${new URLSearchParams(entries).toString()}`;
}

/** One value per endpoint group (a rate-limit budget, a semaphore), made on first use. */
export function perGroup<T>(make: () => T): (group: string) => T {
  const values = new Map<string, T>();
  return (group) => {
    let value = values.get(group);
    if (value === undefined) {
      value = make();
      values.set(group, value);
    }
    return value;
  };
}
