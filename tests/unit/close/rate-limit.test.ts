// Pacing maths for Close's rate limits: backoff, header parsing, budgets, endpoint groups.
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  endpointGroup,
  pacingDelay,
  parseRateLimit,
  parseRetryAfter,
} from '@/utils/close/rate-limit';

describe('rate-limit pacing', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(0, () => 0)).toBe(150);
    expect(backoffDelay(0, () => 1)).toBe(300);
    expect(backoffDelay(3, () => 1)).toBe(2_400);
    expect(backoffDelay(10, () => 1)).toBe(5_000);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(2);
      expect(d).toBeGreaterThanOrEqual(600);
      expect(d).toBeLessThanOrEqual(1_200);
    }
  });

  it('paces by the budget: free when healthy, spread when low, blocked when spent', () => {
    const now = 1_000;
    expect(pacingDelay({}, now)).toBe(0);
    expect(pacingDelay({ limit: 100, remaining: 50, resetAt: now + 5_000 }, now)).toBe(0);
    expect(pacingDelay({ limit: 100, remaining: 4, resetAt: now + 5_000 }, now)).toBe(1_000);
    expect(pacingDelay({ limit: 100, remaining: 0, resetAt: now + 5_000 }, now)).toBe(5_000);
    expect(pacingDelay({ remaining: 0, resetAt: now - 1 }, now)).toBe(0);
    expect(pacingDelay({ blockedUntil: now + 700 }, now)).toBe(700);
  });

  it('parses current, split and legacy rate-limit headers', () => {
    expect(parseRateLimit(new Headers({ RateLimit: 'limit=100, remaining=50, reset=5' }))).toEqual({
      limit: 100,
      remaining: 50,
      resetMs: 5_000,
    });
    expect(
      parseRateLimit(
        new Headers({
          'RateLimit-Limit': '20',
          'RateLimit-Remaining': '1',
          'RateLimit-Reset': '0.25',
        }),
      ),
    ).toEqual({ limit: 20, remaining: 1, resetMs: 250 });
    expect(parseRateLimit(new Headers())).toEqual({});
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter(new Headers({ 'Retry-After': '2' }), 0)).toBe(2_000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(
      parseRetryAfter(new Headers({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now),
    ).toBe(3_000);
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it('groups endpoints by resource and read/write', () => {
    expect(endpointGroup('GET', 'lead/lead_1/')).toBe('read:lead');
    expect(endpointGroup('PUT', 'lead/lead_1/')).toBe('write:lead');
    expect(endpointGroup('POST', 'data/search/')).toBe('read:data');
  });
});
