// "Clear cached data": every stored look-up (all organizations) and every tab's view, from
// storage.session, with the badges they drove.
import { browser } from 'wxt/browser';
import { traced } from '@/utils/diagnostics';
import { clearPageMarks } from '@/utils/lookup/page-marks';
import { createSessionLookupCache } from '@/utils/lookup/session-cache';
import { tabIdOfKey } from '@/utils/tab-view-stored';

export async function clearCachedData(): Promise<{ lookups: number; tabs: number }> {
  const cache = createSessionLookupCache();
  const lookupKeys = await cache.keys();
  await cache.delete(lookupKeys);
  await clearPageMarks();
  const all = await browser.storage.session.get(null);
  const tabKeys = Object.keys(all).filter((k) => tabIdOfKey(k) !== null);
  if (tabKeys.length > 0) await browser.storage.session.remove(tabKeys);
  for (const key of tabKeys) {
    const tabId = tabIdOfKey(key) as number;
    await browser.action.setBadgeText({ tabId, text: '' }).catch(traced('clear badge'));
  }
  return { lookups: lookupKeys.length, tabs: tabKeys.length };
}
