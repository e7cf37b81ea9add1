// Pacing maths for Close's rate limits: backoff, header parsing, per-endpoint-group budgets.
import type { HttpMethod } from '@/utils/close/http-types';

/** Exponential backoff with jitter: base 300 ms doubling per attempt, capped at 5 s, 50–100 % of that. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(5_000, 300 * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Milliseconds until the window resets. */
  resetMs?: number;
}

/**
 * Reads Close's rate-limit headers: the current `RateLimit: limit=…, remaining=…, reset=…`
 * (reset may be decimal seconds), separate `RateLimit-*` headers, or the legacy `X-Rate-Limit-*`.
 */
export function parseRateLimit(headers: Headers): RateLimitInfo {
  const info: RateLimitInfo = {};
  const combined = headers.get('ratelimit');
  if (combined) {
    for (const match of combined.matchAll(/(limit|remaining|reset)\s*=\s*([\d.]+)/gi)) {
      const key = (match[1] as string).toLowerCase();
      const value = Number(match[2]);
      if (!Number.isFinite(value)) continue;
      if (key === 'limit') info.limit = value;
      else if (key === 'remaining') info.remaining = value;
      else info.resetMs = Math.ceil(value * 1000);
    }
  }
  const pick = (...names: string[]): number | undefined => {
    for (const name of names) {
      const raw = headers.get(name);
      if (raw !== null && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
    }
    return undefined;
  };
  info.limit ??= pick('ratelimit-limit', 'x-rate-limit-limit');
  info.remaining ??= pick('ratelimit-remaining', 'x-rate-limit-remaining');
  if (info.resetMs === undefined) {
    const reset = pick('ratelimit-reset', 'x-rate-limit-reset');
    if (reset !== undefined) info.resetMs = Math.ceil(reset * 1000);
  }
  return info;
}

/** `Retry-After` as seconds or an HTTP date, in ms. */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What we know about one endpoint group's budget. */
export interface GroupBudget {
  limit?: number;
  remaining?: number;
  /** Absolute ms when the window resets. */
  resetAt?: number;
  /** Absolute ms before which nothing may be sent (after a 429). */
  blockedUntil?: number;
}

/**
 * How long to hold the next request so we slow down before Close says 429: nothing while the
 * budget is healthy; the rest of the window spread over what is left once `remaining` runs low;
 * the whole window when it is spent.
 */
export function pacingDelay(budget: GroupBudget, now: number): number {
  if (budget.blockedUntil !== undefined && budget.blockedUntil > now) {
    return budget.blockedUntil - now;
  }
  const { remaining, resetAt, limit } = budget;
  if (remaining === undefined || resetAt === undefined || resetAt <= now) return 0;
  const window = resetAt - now;
  if (remaining <= 0) return window;
  const lowWater = Math.max(2, Math.ceil((limit ?? 0) * 0.1));
  if (remaining > lowWater) return 0;
  return Math.ceil(window / (remaining + 1));
}

/**
 * Close limits per endpoint group (unpublished). We approximate a group by the first path segment
 * and whether it reads or writes; `/data/search/` is a read.
 */
export function endpointGroup(method: HttpMethod, path: string): string {
  const segment = path.replace(/^\/+/, '').split(/[/?]/)[0] || 'root';
  const kind = method === 'GET' || segment === 'data' ? 'read' : 'write';
  return `${kind}:${segment}`;
}
