import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import {
  createMenuClickHandler,
  LOOKUP_MENU_ID,
  snapshotForMenuClick,
} from '@/entrypoints/background/menus';
import { queryForPage } from '@/utils/lookup/page-query';
import { type PageSnapshot, PageSnapshotSchema } from '@/utils/page-snapshot';

const tab = { id: 12, windowId: 3, url: 'https://news.example.org/article?id=9' };
const click = (extra: Record<string, string>) => ({
  menuItemId: LOOKUP_MENU_ID,
  pageUrl: tab.url,
  ...extra,
});
const noFilters = { ownEmails: [], ownDomains: [], neverLookUp: [] };

function lookupOf(info: Record<string, string>) {
  const found = snapshotForMenuClick(click(info), tab);
  if (!found) throw new Error('expected a look-up');
  // What the background's tab-context store receives must pass the page snapshot schema.
  expect(v.safeParse(PageSnapshotSchema, found.snapshot).success).toBe(true);
  return { ...found, query: queryForPage(found.snapshot, noFilters) };
}

describe('"Look up in Close" on a selection or a link', () => {
  it('looks up a selected email address, lower-cased, for the tab it was chosen in', () => {
    const found = lookupOf({ selectionText: '  Peter@Initech.com ' });
    expect(found.tabId).toBe(12);
    expect(found.windowId).toBe(3);
    expect(found.snapshot).toMatchObject({
      source: 'selection',
      url: tab.url,
      people: [{ email: 'peter@initech.com' }],
    });
    expect(found.query).toEqual({ emails: ['peter@initech.com'], domain: 'initech.com' });
  });

  it('finds every address in a pasted header line', () => {
    const found = lookupOf({
      selectionText: 'Peter <peter@initech.com>, Bill Lumbergh <bill@initech.com>; ada@gmail.com',
    });
    expect(found.snapshot.people.map((p) => p.email)).toEqual([
      'peter@initech.com',
      'bill@initech.com',
      'ada@gmail.com',
    ]);
  });

  it('looks up a selected domain or web address as a company domain', () => {
    expect(lookupOf({ selectionText: 'www.Initech.com' }).query).toEqual({
      emails: [],
      domain: 'initech.com',
    });
    expect(lookupOf({ selectionText: 'https://initech.com/about' }).query).toEqual({
      emails: [],
      domain: 'initech.com',
    });
  });

  it('looks up other selected text as a name', () => {
    const found = lookupOf({ selectionText: 'Initech   Corporation' });
    expect(found.query).toEqual({ emails: [], name: 'Initech Corporation' });
  });

  it('looks up the address of a mailto: link, and the domain of an ordinary link', () => {
    expect(lookupOf({ linkUrl: 'mailto:Peter%40Initech.com?subject=Hello' }).query).toEqual({
      emails: ['peter@initech.com'],
      domain: 'initech.com',
    });
    expect(lookupOf({ linkUrl: 'https://www.initech.com/pricing' }).query).toEqual({
      emails: [],
      domain: 'initech.com',
    });
  });

  it('prefers the selection over the link it sits in', () => {
    const found = lookupOf({
      selectionText: 'bill@initech.com',
      linkUrl: 'https://www.example.com/',
    });
    expect(found.query).toEqual({ emails: ['bill@initech.com'], domain: 'initech.com' });
  });

  it('does nothing for other menus, empty clicks, non-web links and non-web tabs', () => {
    expect(snapshotForMenuClick({ menuItemId: 'other', selectionText: 'a@b.com' }, tab)).toBeNull();
    expect(snapshotForMenuClick(click({ selectionText: '   ' }), tab)).toBeNull();
    expect(snapshotForMenuClick(click({ linkUrl: 'javascript:alert(1)' }), tab)).toBeNull();
    expect(
      snapshotForMenuClick(
        { menuItemId: LOOKUP_MENU_ID, selectionText: 'a@initech.com', pageUrl: 'chrome://newtab/' },
        { id: 4, url: 'chrome://newtab/' },
      ),
    ).toBeNull();
    expect(snapshotForMenuClick(click({ selectionText: 'a@initech.com' }), undefined)).toBeNull();
  });

  it('opens the panel before anything is awaited, then reports the look-up', async () => {
    const calls: string[] = [];
    const reported: Array<[number, PageSnapshot]> = [];
    const handler = createMenuClickHandler({
      openPanel: vi.fn(async (target) => {
        calls.push(`open ${target.tabId}/${target.windowId}`);
      }),
      report: vi.fn(async (tabId, snapshot) => {
        calls.push('report');
        reported.push([tabId, snapshot]);
      }),
    });
    handler(click({ selectionText: 'peter@initech.com' }), tab);
    // Both calls happened synchronously, the panel first (the user gesture ends at the first await).
    expect(calls).toEqual(['open 12/3', 'report']);
    expect(reported[0]?.[1].people).toEqual([{ email: 'peter@initech.com', role: 'page' }]);
  });

  it('still reports the look-up when the browser refuses to open the panel', async () => {
    const report = vi.fn(async () => {});
    const handler = createMenuClickHandler({
      openPanel: () => Promise.reject(new Error('no gesture')),
      report,
    });
    handler(click({ selectionText: 'peter@initech.com' }), tab);
    await Promise.resolve();
    expect(report).toHaveBeenCalledWith(12, expect.objectContaining({ source: 'selection' }));
  });
});
