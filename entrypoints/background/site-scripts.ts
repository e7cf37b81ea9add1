// How content scripts learn a site's switch. storage.local is locked to extension pages, so a
// content script cannot read the settings: instead the background answers each report with the
// switch (`{ siteEnabled }`), refuses reports from a site that is off, and the script stops
// watching. When Gmail is switched back on (by the user or the admin's policy), its script is
// injected again into open Gmail tabs.

import { browser } from 'wxt/browser';
import { traced } from '@/utils/diagnostics';
import { reportsByItself, SITES, type SiteName, siteForUrl } from '@/utils/sites';
import { GMAIL_SWITCH_KEY } from '@/utils/storage';

export const GMAIL_CONTENT_SCRIPT = SITES.gmail.reader;

/** Whether a report from this page may be used, given the switches in force. */
export function reportAllowed(url: string, sites: Record<SiteName, boolean>): boolean {
  const site = siteForUrl(url);
  return reportsByItself(site) && sites[site];
}

/**
 * Follows Gmail's switch in force (the user's settings with the admin's policy over them): call
 * `check()` on start and after every change of either; when the switch went from off to on, Gmail
 * tabs are resumed. The last switch is stored, so a change that wakes the worker is still seen.
 */
export function createGmailSwitchWatch(deps: {
  gmailOn: () => Promise<boolean>;
  resume: () => Promise<void>;
}): { check(): Promise<void> } {
  let queue: Promise<void> = Promise.resolve();
  return {
    check() {
      const run = queue.then(async () => {
        const on = await deps.gmailOn();
        const last = (await browser.storage.session.get(GMAIL_SWITCH_KEY))[GMAIL_SWITCH_KEY];
        await browser.storage.session.set({ [GMAIL_SWITCH_KEY]: on });
        if (last === false && on) await deps.resume();
      });
      queue = run.catch(traced('gmail switch check'));
      return run;
    },
  };
}

/** Starts Gmail's content script again in every open Gmail tab (it stopped when switched off). */
export async function resumeGmailTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: [...SITES.gmail.origins] });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    await browser.scripting
      .executeScript({ target: { tabId: tab.id }, files: [GMAIL_CONTENT_SCRIPT] })
      .catch(traced('resume gmail tab'));
  }
}
