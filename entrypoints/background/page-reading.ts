// Reading a tab on demand (activeTab + scripting): company websites and LinkedIn pages. The reader
// scripts only read the DOM and return a snapshot; what they return is parsed like any page input.
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type PageSnapshot, PageSnapshotSchema } from '@/utils/page-snapshot';

export type PageReading =
  | { kind: 'read'; snapshot: PageSnapshot | null; url: string }
  | { kind: 'watched'; url: string }
  | { kind: 'unavailable'; url: string | null; hint: string };

const WATCHED_HOSTS = ['mail.google.com'];
const LINKEDIN_HOSTS = ['www.linkedin.com', 'linkedin.com'];

export const hints = {
  needsClick:
    'Close Look reads a website only when you ask: click the Close Look icon in the toolbar (or press its shortcut) on this page.',
  browserPage: 'Close Look cannot read browser pages. Open a website, an email or a profile.',
  siteOff: 'Reading this site is turned off in Close Look settings.',
} as const;

async function inject<T>(tabId: number, file: string): Promise<T | undefined> {
  const [frame] = await browser.scripting.executeScript({
    target: { tabId },
    files: [file as '/page-reader.js'],
  });
  return frame?.result as T | undefined;
}

export async function readTab(
  tabId: number,
  isSiteEnabled: (site: 'linkedin' | 'anySite') => Promise<boolean>,
): Promise<PageReading> {
  let url: string | null = null;
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => location.href,
    });
    url = typeof frame?.result === 'string' ? frame.result : null;
  } catch {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
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
  const host = new URL(url).hostname;
  if (WATCHED_HOSTS.includes(host)) return { kind: 'watched', url };
  const linkedin = LINKEDIN_HOSTS.includes(host);
  if (!(await isSiteEnabled(linkedin ? 'linkedin' : 'anySite'))) {
    return { kind: 'unavailable', url, hint: hints.siteOff };
  }
  const raw = await inject<unknown>(
    tabId,
    linkedin ? '/linkedin-reader.js' : '/page-reader.js',
  ).catch(() => undefined);
  const parsed = raw == null ? null : v.safeParse(PageSnapshotSchema, raw);
  return { kind: 'read', url, snapshot: parsed?.success ? parsed.output : null };
}
