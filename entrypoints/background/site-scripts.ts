// How content scripts learn a site's switch. storage.local is locked to extension pages, so a
// content script cannot read the settings: instead the background answers each report with the
// switch (`{ siteEnabled }`), refuses reports from a site that is off, and the script stops
// watching. When Gmail is switched back on, its script is injected again into open Gmail tabs.
import { browser } from 'wxt/browser';
import { parseSettings, type SiteName, siteForUrl } from '@/utils/settings';

export const GMAIL_CONTENT_SCRIPT = '/content-scripts/gmail.js';

/** Whether a report from this page may be used, given the switches in force. */
export function reportAllowed(url: string, sites: Record<SiteName, boolean>): boolean {
  const site = siteForUrl(url);
  // Only Gmail and Outlook report by themselves; anything else is not a watched site.
  return (site === 'gmail' || site === 'outlook') && sites[site];
}

/** True when a change of the stored settings turned this site on. */
export function siteTurnedOn(change: { oldValue?: unknown; newValue?: unknown }, site: SiteName) {
  return !parseSettings(change.oldValue).sites[site] && parseSettings(change.newValue).sites[site];
}

/** Starts Gmail's content script again in every open Gmail tab (it stopped when switched off). */
export async function resumeGmailTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: 'https://mail.google.com/*' });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    await browser.scripting
      .executeScript({ target: { tabId: tab.id }, files: [GMAIL_CONTENT_SCRIPT] })
      .catch(() => {});
  }
}
