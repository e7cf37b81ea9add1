// Reading a tab on demand (activeTab + scripting): company websites and LinkedIn pages. The reader
// scripts only read the DOM and return a snapshot; what they return is parsed like any page input.
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { traced } from '@/utils/diagnostics';
import { t } from '@/utils/i18n';
import { type PageSnapshot, PageSnapshotSchema } from '@/utils/page-snapshot';
import { SITES, type SiteName, siteForUrl } from '@/utils/sites';

export type PageReading =
  | { kind: 'read'; snapshot: PageSnapshot | null; url: string }
  | { kind: 'watched'; url: string }
  | {
      kind: 'unavailable';
      url: string | null;
      hint: string;
      /** Optional site access that would let Close Look read this page. */
      grant?: 'outlook';
    };

// Getters: the words are looked up when used, never while the module loads.
export const hints = {
  get needsClick() {
    return t('hintNeedsClick');
  },
  get browserPage() {
    return t('hintBrowserPage');
  },
  get siteOff() {
    return t('hintSiteOff');
  },
  get outlookAccess() {
    return t('hintOutlookAccess');
  },
  get nothingOnPage() {
    return t('hintNothingOnPage');
  },
};

async function inject<T>(tabId: number, file: ScriptPublicPath): Promise<T | undefined> {
  const [frame] = await browser.scripting.executeScript({ target: { tabId }, files: [file] });
  return frame?.result as T | undefined;
}

export async function readTab(
  tabId: number,
  isSiteEnabled: (site: SiteName) => Promise<boolean>,
  hasOutlookAccess: () => Promise<boolean>,
): Promise<PageReading> {
  let url: string | null = null;
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => location.href,
    });
    url = typeof frame?.result === 'string' ? frame.result : null;
  } catch {
    const tab = await browser.tabs.get(tabId).catch(traced('read tab address'));
    const known = tab?.url ?? null;
    const browserPage = known !== null && !/^https?:/.test(known);
    return {
      kind: 'unavailable',
      url: known,
      hint: browserPage ? hints.browserPage : hints.needsClick,
    };
  }
  if (!url || !/^https?:/.test(url)) {
    return { kind: 'unavailable', url, hint: hints.browserPage };
  }
  const site = siteForUrl(url) ?? 'anySite';
  if (!(await isSiteEnabled(site))) return { kind: 'unavailable', url, hint: hints.siteOff };
  if (site === 'outlook' && !(await hasOutlookAccess())) {
    // Outlook is read by its registered content script, which needs the optional access.
    return { kind: 'unavailable', url, hint: hints.outlookAccess, grant: 'outlook' };
  }
  // A watching content script holds this page (a switched-off site said so above, rather than
  // showing what its script reported before).
  if (SITES[site].reading === 'watched') return { kind: 'watched', url };
  const raw = await inject<unknown>(tabId, SITES[site].reader).catch(traced('read page on demand'));
  const parsed = raw == null ? null : v.safeParse(PageSnapshotSchema, raw);
  return { kind: 'read', url, snapshot: parsed?.success ? parsed.output : null };
}
