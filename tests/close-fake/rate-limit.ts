// Per-endpoint-group fixed-window rate limiting and the `RateLimit` header (docs/close-api.md).

import type { EndpointGroup } from '@/tests/close-fake/router/types.ts';

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

/** Budget reported (never enforced) when no limit is switched on. */
const REPORTED_DEFAULT: RateLimitConfig = { limit: 600, windowMs: 10_000 };

export interface RateDecision {
  allowed: boolean;
  /** `limit=…, remaining=…, reset=…` (reset in whole seconds, rounded up). */
  header: string;
  /** Seconds until the window resets (for Retry-After), rounded up, at least 1. */
  retryAfter: number;
}

/**
 * Windows are counted per (group, API key), as Close limits per endpoint group and key.
 * `'all'` applies its limit to every group that has no limit of its own, each group on its own count.
 */
export class RateLimiter {
  private configs = new Map<EndpointGroup | 'all', RateLimitConfig>();
  private windows = new Map<string, { start: number; count: number }>();

  set(group: EndpointGroup | 'all', config: RateLimitConfig | null): void {
    if (config) {
      if (!(config.limit >= 0) || !(config.windowMs > 0))
        throw new Error('rateLimit: bad limit/windowMs');
      this.configs.set(group, { ...config });
    } else {
      this.configs.delete(group);
    }
    this.windows.clear();
  }

  clear(): void {
    this.configs.clear();
    this.windows.clear();
  }

  check(group: EndpointGroup | 'unknown', key: string, now = Date.now()): RateDecision {
    const configured = (group !== 'unknown' && this.configs.get(group)) || this.configs.get('all');
    const config = configured || REPORTED_DEFAULT;
    const id = `${group}|${key}`;
    let win = this.windows.get(id);
    if (!win || now - win.start >= config.windowMs) {
      win = { start: now, count: 0 };
      this.windows.set(id, win);
    }
    const resetSeconds = Math.max(1, Math.ceil((win.start + config.windowMs - now) / 1000));
    if (configured && win.count >= config.limit) {
      return {
        allowed: false,
        header: `limit=${config.limit}, remaining=0, reset=${resetSeconds}`,
        retryAfter: resetSeconds,
      };
    }
    win.count += 1;
    const remaining = Math.max(0, config.limit - win.count);
    return {
      allowed: true,
      header: `limit=${config.limit}, remaining=${remaining}, reset=${resetSeconds}`,
      retryAfter: resetSeconds,
    };
  }
}
