import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { queryForPage } from '@/utils/lookup/page-query';
import {
  DEFAULT_SETTINGS,
  isNeverLookUp,
  mergeManaged,
  normalizeNeverEntry,
  parseManagedPolicy,
  parseNeverInput,
  parseSettings,
  siteForUrl,
} from '@/utils/settings';

describe('never-look-up entries', () => {
  it('normalizes what people type or paste to an address or a domain', () => {
    expect(normalizeNeverEntry(' Acme.COM ')).toBe('acme.com');
    expect(normalizeNeverEntry('@acme.com')).toBe('acme.com');
    expect(normalizeNeverEntry('*.acme.com')).toBe('acme.com');
    expect(normalizeNeverEntry('https://www.acme.com/about?x=1')).toBe('acme.com');
    expect(normalizeNeverEntry('mailto:Peter@Initech.com')).toBe('peter@initech.com');
    expect(normalizeNeverEntry('eu.acme.co.uk')).toBe('eu.acme.co.uk');
  });

  it('rejects what is neither an address nor a domain', () => {
    for (const bad of ['', 'acme', 'peter@', 'not a domain', 'http://', 'a@b', '-acme.com']) {
      expect(normalizeNeverEntry(bad)).toBeNull();
    }
  });

  it('splits typed input into valid entries (deduplicated) and invalid ones', () => {
    expect(parseNeverInput('acme.com\nPeter@Initech.com, ACME.com; bogus')).toEqual({
      entries: ['acme.com', 'peter@initech.com'],
      invalid: ['bogus'],
    });
  });

  it('covers the same address, the domain, its subdomains and their addresses', () => {
    const never = ['acme.com', 'peter@initech.com'];
    expect(isNeverLookUp('bob@acme.com', never)).toBe(true);
    expect(isNeverLookUp('bob@eu.acme.com', never)).toBe(true);
    expect(isNeverLookUp('eu.acme.com', never)).toBe(true);
    expect(isNeverLookUp('peter@initech.com', never)).toBe(true);
    expect(isNeverLookUp('bill@initech.com', never)).toBe(false);
    expect(isNeverLookUp('bob@notacme.com', never)).toBe(false);
  });

  it('keeps never-look-up addresses and domains out of the query sent to Close', () => {
    const snapshot = {
      source: 'gmail' as const,
      url: 'https://mail.google.com/mail/u/0/#inbox/1',
      people: [
        { email: 'peter@initech.com' },
        { email: 'bob@eu.acme.com' },
        { email: 'jane@globex.com' },
      ],
    };
    const query = queryForPage(snapshot, {
      ownEmails: [],
      ownDomains: [],
      neverLookUp: ['acme.com', 'Peter@Initech.com'],
    });
    expect(query).toEqual({ emails: ['jane@globex.com'], domain: 'globex.com' });
  });
});

describe('reading stored settings', () => {
  it('gives the defaults for a missing or corrupt value', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the good fields of a partly corrupt value and defaults the rest', () => {
    expect(
      parseSettings({
        neverLookUp: ['Acme.com', 42, 'bogus'],
        sites: { gmail: false, outlook: 'yes' },
        cacheMinutes: -5,
      }),
    ).toEqual({
      // A list with a non-string in it is not trusted at all.
      neverLookUp: [],
      sites: { gmail: false, outlook: true, linkedin: true, anySite: true },
      cacheMinutes: DEFAULT_SETTINGS.cacheMinutes,
    });
    expect(parseSettings({ neverLookUp: ['Acme.com', 'bogus'], cacheMinutes: 30 })).toMatchObject({
      neverLookUp: ['acme.com'],
      cacheMinutes: 30,
    });
  });
});

describe("an admin's managed policy", () => {
  it('reads only the keys it knows and ignores malformed ones', () => {
    expect(
      parseManagedPolicy({
        neverLookUp: ['Competitor.com'],
        sites: { linkedin: false, gmail: 'off' },
        cacheMinutes: 'ten',
        other: true,
      }),
    ).toEqual({ neverLookUp: ['competitor.com'], sites: { linkedin: false } });
    expect(parseManagedPolicy(undefined)).toEqual({});
  });

  it('wins over the user: its entries are added and locked, its switches override', () => {
    const user = {
      neverLookUp: ['mine.com'],
      sites: { gmail: true, outlook: true, linkedin: true, anySite: true },
      cacheMinutes: 10,
    };
    const { settings, locks } = mergeManaged(user, {
      neverLookUp: ['competitor.com', 'mine.com'],
      sites: { linkedin: false },
      cacheMinutes: 0,
    });
    expect(settings).toEqual({
      neverLookUp: ['competitor.com', 'mine.com'],
      sites: { gmail: true, outlook: true, linkedin: false, anySite: true },
      cacheMinutes: 0,
    });
    expect(locks).toEqual({
      neverLookUp: ['competitor.com', 'mine.com'],
      sites: { gmail: false, outlook: false, linkedin: true, anySite: false },
      cacheMinutes: true,
    });
  });

  it('changes nothing when there is no policy', () => {
    const { settings, locks } = mergeManaged(DEFAULT_SETTINGS, {});
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(locks.cacheMinutes).toBe(false);
    expect(Object.values(locks.sites)).toEqual([false, false, false, false]);
  });
});

describe('which site a page belongs to', () => {
  it('knows Gmail, the Outlook hosts and LinkedIn; everything else is "any site"', () => {
    expect(siteForUrl('https://mail.google.com/mail/u/0/')).toBe('gmail');
    expect(siteForUrl('https://outlook.office365.com/mail/')).toBe('outlook');
    expect(siteForUrl('https://outlook.live.com/mail/0/')).toBe('outlook');
    expect(siteForUrl('https://www.linkedin.com/in/ada')).toBe('linkedin');
    expect(siteForUrl('https://initech.com/')).toBe('anySite');
    expect(siteForUrl('not a url')).toBeNull();
  });
});

describe('the stored settings item', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('migrates v1 (entries as typed) to v2 (normalized, invalid ones dropped)', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        neverLookUp: [' Acme.com', '@Globex.com', 'not valid', 'acme.com'],
        sites: { gmail: false, outlook: true, linkedin: true, anySite: true },
        cacheMinutes: 15,
      },
      settings$: { v: 1 },
    });
    // Items migrate when defined: import the module fresh, after seeding the v1 value.
    const { vi } = await import('vitest');
    vi.resetModules();
    const { readSettings, settingsItem } = await import('@/utils/storage');
    await settingsItem.migrate();
    expect(await readSettings()).toEqual({
      neverLookUp: ['acme.com', 'globex.com'],
      sites: { gmail: false, outlook: true, linkedin: true, anySite: true },
      cacheMinutes: 15,
    });
    // The stored value itself was rewritten, not just read through the parser.
    const stored = await fakeBrowser.storage.local.get(['settings', 'settings$']);
    expect((stored.settings as { neverLookUp: string[] }).neverLookUp).toEqual([
      'acme.com',
      'globex.com',
    ]);
    expect(stored.settings$).toEqual({ v: 2 });
  });

  it('reads the defaults when the stored value is corrupt', async () => {
    await fakeBrowser.storage.local.set({ settings: 'corrupt', settings$: { v: 2 } });
    const { readSettings } = await import('@/utils/storage');
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it("merges the admin's policy from storage.managed over the user's settings", async () => {
    const { readEffectiveSettings, writeSettings } = await import('@/utils/storage');
    await writeSettings({ ...DEFAULT_SETTINGS, neverLookUp: ['mine.com'] });
    await fakeBrowser.storage.managed.set({
      neverLookUp: ['competitor.com'],
      sites: { gmail: false },
    });
    const { settings, locks } = await readEffectiveSettings();
    expect(settings.neverLookUp).toEqual(['competitor.com', 'mine.com']);
    expect(settings.sites.gmail).toBe(false);
    expect(locks.sites.gmail).toBe(true);
  });

  it('treats an unreadable managed area (Firefox without a policy) as no policy', async () => {
    const { readEffectiveSettings } = await import('@/utils/storage');
    fakeBrowser.storage.managed.get = () =>
      Promise.reject(new Error('Managed storage manifest not found'));
    expect((await readEffectiveSettings()).settings).toEqual(DEFAULT_SETTINGS);
  });
});
