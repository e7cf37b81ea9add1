// The one rule for which look-up result a tab shows, and the badge counting from it.
import { describe, expect, it } from 'vitest';
import { badgeText } from '@/entrypoints/background/badge';
import type { AppError } from '@/utils/app-error';
import { resultToShow } from '@/utils/lookup/result-to-show';
import type { LeadMatch, LookupResult, LookupState } from '@/utils/lookup/types';
import type { TabView } from '@/utils/tab-view';

const match = (id: string) => ({ lead: { id, name: id } }) as LeadMatch;
const result = (...ids: string[]): LookupResult => ({
  organizationId: 'orga_1',
  query: { emails: [] },
  leads: ids.map(match),
  unmatchedEmails: [],
  fetchedAt: 0,
  stale: false,
});
const error: AppError = { kind: 'network', message: 'offline' };

describe('resultToShow', () => {
  const fresh = result('lead_new');
  const old = result('lead_old');
  const cases: [string, LookupState | undefined, LookupResult | null][] = [
    ['nothing yet', undefined, null],
    ['idle', { status: 'idle' }, null],
    ['ready: the fresh result', { status: 'ready', result: fresh }, fresh],
    ['loading: the previous result stays', { status: 'loading', previous: old }, old],
    ['loading with nothing before', { status: 'loading' }, null],
    ['offline: what the cache had', { status: 'offline', error, cached: old }, old],
    ['offline with an empty cache', { status: 'offline', error, cached: null }, null],
    ['rate-limited: what the cache had', { status: 'rate-limited', retryAt: 1, cached: old }, old],
    ['failed', { status: 'error', error }, null],
  ];
  it.each(cases)('%s', (_name, state, expected) => {
    expect(resultToShow(state)).toBe(expected);
  });
});

describe('the toolbar badge', () => {
  const view = (lookup: LookupState) => ({ tabId: 1, lookup }) as TabView;

  it('counts the leads the panel shows, cached results included', () => {
    expect(badgeText(view({ status: 'ready', result: result('a', 'b') }))).toBe('2');
    expect(badgeText(view({ status: 'offline', error, cached: result('a') }))).toBe('1');
    expect(badgeText(view({ status: 'rate-limited', retryAt: 1, cached: result('a') }))).toBe('1');
    expect(badgeText(view({ status: 'loading', previous: result('a', 'b', 'c') }))).toBe('3');
  });

  it('is blank when nothing matched or nothing is known, and caps at 99+', () => {
    expect(badgeText(view({ status: 'ready', result: result() }))).toBe('');
    expect(badgeText(view({ status: 'error', error }))).toBe('');
    const many = Array.from({ length: 120 }, (_, i) => `lead_${i}`);
    expect(badgeText(view({ status: 'ready', result: result(...many) }))).toBe('99+');
  });
});
