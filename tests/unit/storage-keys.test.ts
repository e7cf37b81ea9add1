// Every stored item's key is declared in utils/storage.ts; the tab view's key round-trips.
import { describe, expect, it } from 'vitest';
import { GMAIL_SWITCH_KEY, LOOKUP_CACHE_PREFIX, tabIdOfKey, tabViewKey } from '@/utils/storage';

describe('storage keys', () => {
  it('finds the tab a tab-view key belongs to, and nothing in other keys', () => {
    expect(tabIdOfKey(tabViewKey(42))).toBe(42);
    expect(tabIdOfKey('tab:')).toBeNull();
    expect(tabIdOfKey('tab:12x')).toBeNull();
    expect(tabIdOfKey(GMAIL_SWITCH_KEY)).toBeNull();
    expect(tabIdOfKey(`${LOOKUP_CACHE_PREFIX}tab:1`)).toBeNull();
  });
});
