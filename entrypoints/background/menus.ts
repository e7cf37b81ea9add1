// "Look up in Close" in the page's context menu: on selected text (an address, a domain, a name)
// and on links (mailto: → the address, others → their domain). A click opens the panel inside the
// click's user gesture and looks the selection up for that tab.
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import type { PageSnapshot } from '@/utils/page-snapshot';

export const LOOKUP_MENU_ID = 'close-look-lookup';

/** What the menu click tells us (a subset of contextMenus.OnClickData). */
export interface MenuClickInfo {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
  pageUrl?: string;
  frameUrl?: string;
}

/** The tab the menu was opened in (a subset of tabs.Tab). */
export interface MenuClickTab {
  id?: number;
  windowId?: number;
  url?: string;
}

export interface MenuLookup {
  tabId: number;
  windowId: number | undefined;
  snapshot: PageSnapshot;
}

const MAX_SELECTION = 500;
const MAX_EMAILS = 50;
const EMAIL_IN_TEXT = /[a-z0-9._%+'-]+@(?:[a-z0-9-]+\.)+[a-z]{2,63}/gi;
const DOMAIN_ONLY = /^(?:https?:\/\/)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,63})(?:[/?#:].*)?$/i;

function webUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function emailsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(EMAIL_IN_TEXT)) {
    const email = match[0].toLowerCase().replace(/^[.'-]+|[.'-]+$/g, '');
    if (!found.includes(email) && found.length < MAX_EMAILS) found.push(email);
  }
  return found;
}

function mailtoAddresses(link: string): string[] {
  if (!/^mailto:/i.test(link)) return [];
  const [to = ''] = link.slice('mailto:'.length).split('?', 1);
  let decoded = to;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    // Keep the raw text: the address pattern below still finds what it can.
  }
  return emailsIn(decoded);
}

/**
 * The look-up a menu click asks for, or null when there is nothing to look up (an empty
 * selection, a link to a non-web page) or the tab is not a web page the panel can follow.
 */
export function snapshotForMenuClick(
  info: MenuClickInfo,
  tab: MenuClickTab | undefined,
): MenuLookup | null {
  if (info.menuItemId !== LOOKUP_MENU_ID) return null;
  const tabId = tab?.id;
  if (tabId === undefined || tabId < 0) return null;
  const url = webUrl(tab?.url) ?? webUrl(info.pageUrl) ?? webUrl(info.frameUrl);
  if (!url) return null;
  const base = { source: 'selection' as const, url };
  const done = (snapshot: PageSnapshot): MenuLookup => ({
    tabId,
    windowId: tab?.windowId,
    snapshot,
  });

  const selection = (info.selectionText ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION);
  if (selection) {
    const emails = emailsIn(selection);
    if (emails.length > 0) {
      return done({
        ...base,
        title: selection,
        people: emails.map((email) => ({ email, role: 'page' as const })),
      });
    }
    const domain = DOMAIN_ONLY.exec(selection)?.[1]?.toLowerCase();
    if (domain) {
      return done({
        ...base,
        title: domain,
        people: [],
        company: { website: `https://${domain}/` },
      });
    }
    // Anything else is a name: Close matches it against lead and contact names.
    return done({
      ...base,
      title: selection,
      people: [],
      company: { name: selection.slice(0, 300) },
    });
  }

  const link = info.linkUrl ?? '';
  const addresses = mailtoAddresses(link);
  if (addresses.length > 0) {
    return done({
      ...base,
      title: addresses.join(', '),
      people: addresses.map((email) => ({ email, role: 'page' as const })),
    });
  }
  const target = webUrl(link);
  if (target) {
    const host = new URL(target).hostname.replace(/^www\./, '');
    return done({ ...base, title: host, people: [], company: { website: target } });
  }
  return null;
}

/** Creates the menu item. Called on install and update (menus persist across worker restarts). */
export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: LOOKUP_MENU_ID,
    title: t('menuLookUpInClose'),
    contexts: ['selection', 'link'],
    documentUrlPatterns: ['https://*/*', 'http://*/*'],
  });
}

export interface MenuDeps {
  /** Opens the panel for the tab; must call the browser synchronously (user gesture). */
  openPanel(target: { tabId: number; windowId: number | undefined }): Promise<void>;
  /** Hands the look-up to the tab context store ('on-demand'). */
  report(tabId: number, snapshot: PageSnapshot): Promise<unknown>;
}

/** The contextMenus.onClicked listener. Not async: the panel must open before the first await. */
export function createMenuClickHandler(
  deps: MenuDeps,
): (info: MenuClickInfo, tab?: MenuClickTab) => void {
  return (info, tab) => {
    const lookup = snapshotForMenuClick(info, tab);
    if (!lookup) return;
    deps.openPanel({ tabId: lookup.tabId, windowId: lookup.windowId }).catch(() => {
      // No gesture (or no panel API): the look-up still lands in the tab's view for the popup.
    });
    void deps.report(lookup.tabId, lookup.snapshot);
  };
}
