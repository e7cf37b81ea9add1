// The toolbar badge: how many Close leads match the tab (blank when none or not known yet).
import { browser } from 'wxt/browser';
import type { TabView } from '@/utils/tab-view';

export function badgeText(view: TabView): string {
  const { lookup } = view;
  const result =
    lookup.status === 'ready'
      ? lookup.result
      : lookup.status === 'loading'
        ? lookup.previous
        : null;
  const count = result?.leads.length ?? 0;
  if (count === 0) return '';
  return count > 99 ? '99+' : String(count);
}

export function showBadge(view: TabView): void {
  const text = badgeText(view);
  void browser.action.setBadgeText({ tabId: view.tabId, text }).catch(() => {
    // The tab is gone.
  });
  if (text)
    void browser.action
      .setBadgeBackgroundColor({ tabId: view.tabId, color: '#1f3fff' })
      .catch(() => {});
}
