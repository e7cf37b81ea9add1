// The one rule for which look-up result a tab shows (panel, popup, badge, the background's own
// "last answer"): the fresh result; while loading, the previous one; when Close is unreachable or
// asked us to wait, what the cache had; nothing when idle or failed.
import type { LookupResult, LookupState } from '@/utils/lookup/types';

export function resultToShow(state: LookupState | undefined): LookupResult | null {
  if (!state) return null;
  switch (state.status) {
    case 'ready':
      return state.result;
    case 'loading':
      return state.previous ?? null;
    case 'offline':
    case 'rate-limited':
      return state.cached;
    default:
      return null;
  }
}
