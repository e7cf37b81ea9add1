// The toolbar badge: how many Close leads match the tab (blank when none or not known yet), counted
// from the same result the panel shows, cached results included.
import { browser } from 'wxt/browser';
import { traced } from '@/utils/diagnostics';
import { resultToShow } from '@/utils/lookup/result-to-show';
import type { TabView } from '@/utils/tab-view';

export function badgeText(view: TabView): string {
  const count = resultToShow(view.lookup)?.leads.length ?? 0;
  if (count === 0) return '';
  return count > 99 ? '99+' : String(count);
}

export function showBadge(view: TabView): void {
  const text = badgeText(view);
  // Fails when the tab is gone.
  void browser.action.setBadgeText({ tabId: view.tabId, text }).catch(traced('set badge'));
  if (text)
    void browser.action
      .setBadgeBackgroundColor({ tabId: view.tabId, color: '#1f3fff' })
      .catch(traced('set badge colour'));
}
