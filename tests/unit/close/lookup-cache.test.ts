// Lookup caches (memory and storage.session), free-mail domains, matching and write invalidation — pure.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Lead } from '@/utils/close/types';
import { isFreeMailDomain } from '@/utils/domain/free-mail';
import {
  createMemoryLookupCache,
  type LookupCache,
  type LookupCacheEntry,
  lookupCacheKey,
} from '@/utils/lookup/cache';
import { affects, isNewNote, lookupsTouchedBy, touchedBy } from '@/utils/lookup/invalidation';
import { buildMatches, normalizeQuery } from '@/utils/lookup/match';
import { createSessionLookupCache } from '@/utils/lookup/session-cache';

const ORG = 'orga_1';
/** Stored times near now: the storage.session cache prunes what is older than 12 hours. */
const T = Date.now();

function entry(storedAt = T): LookupCacheEntry {
  return {
    version: 1,
    organizationId: ORG,
    storedAt,
    refs: ['lead_a', 'cont_a'],
    result: {
      organizationId: ORG,
      query: { emails: ['jo@acme.example'] },
      leads: [],
      unmatchedEmails: ['jo@acme.example'],
      fetchedAt: storedAt,
      stale: false,
    },
  };
}

describe.each([
  ['memory', () => createMemoryLookupCache()],
  ['storage.session', () => createSessionLookupCache()],
] as Array<[string, () => LookupCache]>)('%s lookup cache', (_name, make) => {
  beforeEach(() => fakeBrowser.reset());

  it('stores, lists and deletes entries', async () => {
    const cache = make();
    const key = lookupCacheKey(ORG, 'q1');
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, entry(T + 5));
    await cache.set(lookupCacheKey(ORG, 'q2'), entry(T + 6));
    expect(await cache.get(key)).toEqual(entry(T + 5));
    expect((await cache.keys()).sort()).toEqual([key, lookupCacheKey(ORG, 'q2')].sort());
    await cache.delete([key]);
    expect(await cache.get(key)).toBeUndefined();
    expect(await cache.keys()).toEqual([lookupCacheKey(ORG, 'q2')]);
  });

  it('lists entries by prefix and forgets one organization on disconnect', async () => {
    const cache = make();
    const other = { ...entry(), organizationId: 'orga_2' };
    await cache.set(lookupCacheKey(ORG, 'q1'), entry());
    await cache.set(lookupCacheKey(ORG, 'q2'), entry());
    await cache.set(lookupCacheKey('orga_2', 'q1'), other);
    expect((await cache.entries(lookupCacheKey(ORG, ''))).map(([k]) => k).sort()).toEqual(
      [lookupCacheKey(ORG, 'q1'), lookupCacheKey(ORG, 'q2')].sort(),
    );
    expect(await cache.clearOrganization(ORG)).toBe(2);
    expect(await cache.entries()).toEqual([[lookupCacheKey('orga_2', 'q1'), other]]);
  });
});

describe('storage.session cache', () => {
  beforeEach(() => fakeBrowser.reset());

  it('survives a new instance (a worker restart) and ignores other session items', async () => {
    await fakeBrowser.storage.session.set({ unrelated: 1 });
    await createSessionLookupCache().set('k', entry());
    const restarted = createSessionLookupCache();
    expect(await restarted.get('k')).toEqual(entry());
    expect(await restarted.keys()).toEqual(['k']);
    expect(await fakeBrowser.storage.session.get('unrelated')).toEqual({ unrelated: 1 });
  });

  it('drops entries written by another version of the code', async () => {
    await fakeBrowser.storage.session.set({ 'closeLookupCache:k': { ...entry(), version: 0 } });
    expect(await createSessionLookupCache().get('k')).toBeUndefined();
  });

  it('removes entries older than the maximum age whenever it stores one', async () => {
    let now = T;
    const cache = createSessionLookupCache({ maxAgeMs: 60_000, now: () => now });
    await cache.set(lookupCacheKey(ORG, 'old'), entry(T));
    await cache.set(lookupCacheKey('orga_2', 'old'), { ...entry(T), organizationId: 'orga_2' });
    await fakeBrowser.storage.session.set({
      [`closeLookupCache:${lookupCacheKey(ORG, 'v0')}`]: { ...entry(T), version: 0 },
    });
    now = T + 61_000;
    await cache.set(lookupCacheKey(ORG, 'new'), entry(now));
    expect(await cache.keys()).toEqual([lookupCacheKey(ORG, 'new')]);
  });

  it('keeps at most a set number of entries per organization, dropping the oldest fetched', async () => {
    const cache = createSessionLookupCache({ maxEntriesPerOrganization: 3 });
    await cache.set(lookupCacheKey('orga_2', 'keep'), { ...entry(T), organizationId: 'orga_2' });
    for (const i of [4, 1, 3, 2, 5]) await cache.set(lookupCacheKey(ORG, `q${i}`), entry(T + i));
    expect((await cache.keys()).sort()).toEqual(
      [
        lookupCacheKey(ORG, 'q3'),
        lookupCacheKey(ORG, 'q4'),
        lookupCacheKey(ORG, 'q5'),
        lookupCacheKey('orga_2', 'keep'),
      ].sort(),
    );
  });

  it('does not grow past its cap across many look-ups', async () => {
    const cache = createSessionLookupCache();
    for (let i = 0; i < 230; i++) await cache.set(lookupCacheKey(ORG, `q${i}`), entry(T + i));
    const stored = Object.keys(await fakeBrowser.storage.session.get(null));
    expect(stored).toHaveLength(200);
    expect(stored).not.toContain(`closeLookupCache:${lookupCacheKey(ORG, 'q29')}`);
    expect(stored).toContain(`closeLookupCache:${lookupCacheKey(ORG, 'q30')}`);
  });
});

describe('isFreeMailDomain', () => {
  it('knows personal mailbox providers, country variants included', () => {
    for (const d of [
      'gmail.com',
      'GoogleMail.com',
      'outlook.com',
      'hotmail.co.uk',
      'hotmail.fr',
      'live.com',
      'yahoo.co.jp',
      'yahoo.com',
      'icloud.com',
      'me.com',
      'aol.com',
      'proton.me',
      'protonmail.com',
      'gmx.de',
      'gmx.net',
      'web.de',
      'yandex.ru',
      'mail.ru',
      'qq.com',
      '163.com',
      'zoho.com',
      'fastmail.com',
      'hey.com',
      'jo@gmail.com',
    ]) {
      expect(isFreeMailDomain(d), d).toBe(true);
    }
  });

  it('does not flag company domains', () => {
    for (const d of [
      'initech.com',
      'acme.io',
      'yahoo.acme.com',
      'gmail.com.evil.example',
      'mailchimp.com',
      'hooli.xyz',
      '',
    ]) {
      expect(isFreeMailDomain(d), d).toBe(false);
    }
  });
});

const lead = (over: Partial<Lead> = {}): Lead => ({
  id: 'lead_a',
  name: 'Acme',
  description: '',
  url: 'https://www.acme.example/',
  statusId: null,
  statusLabel: 'Potential',
  htmlUrl: 'https://app.close.com/lead/lead_a/',
  custom: {},
  dateCreated: '2024-01-01T00:00:00+00:00',
  dateUpdated: '2024-01-02T00:00:00+00:00',
  contacts: [
    {
      id: 'cont_b',
      leadId: 'lead_a',
      name: 'Bo',
      title: '',
      emails: [{ email: 'bo@acme.example', type: 'office' }],
      phones: [],
    },
    {
      id: 'cont_a',
      leadId: 'lead_a',
      name: 'Jo',
      title: '',
      emails: [{ email: 'Jo@Acme.example', type: 'office' }],
      phones: [],
    },
  ],
  opportunities: [],
  ...over,
});

describe('matching', () => {
  it('normalizes addresses and drops free-mail or malformed domains', () => {
    expect(
      normalizeQuery({
        emails: [' B@x.io', 'a@x.io', 'b@x.io', 'nope'],
        domain: 'www.Acme.example.',
      }),
    ).toEqual({
      emails: ['a@x.io', 'b@x.io'],
      domain: 'acme.example',
    });
    expect(normalizeQuery({ emails: [], domain: 'gmail.com', name: '  ' })).toEqual({ emails: [] });
  });

  it('says why a lead matched, puts matching contacts first and lists unmatched addresses', () => {
    const { matches, unmatchedEmails } = buildMatches([lead()], {
      emails: ['jo@acme.example', 'x@y.example'],
      domain: 'acme.example',
    });
    expect(matches[0]?.matchedBy).toEqual([
      { kind: 'email', value: 'jo@acme.example' },
      { kind: 'domain', value: 'acme.example' },
    ]);
    expect(matches[0]?.contacts.map((c) => c.name)).toEqual(['Jo', 'Bo']);
    expect(unmatchedEmails).toEqual(['x@y.example']);
  });

  it('drops leads Close matched more loosely than we accept', () => {
    const { matches } = buildMatches(
      [lead({ url: 'https://acme.example.evil.io', contacts: [] })],
      {
        emails: [],
        domain: 'acme.example',
      },
    );
    expect(matches).toEqual([]);
  });
});

describe('write invalidation', () => {
  const query = { emails: ['jo@acme.example'], domain: 'acme.example' };

  it('hits entries showing a record the write names', () => {
    const touched = touchedBy({
      method: 'PUT',
      path: 'contact/cont_a/',
      body: { title: 'CEO' },
      response: {},
    });
    expect(affects(touched, { emails: [] }, ['lead_a', 'cont_a'])).toBe(true);
    expect(affects(touched, { emails: [] }, ['lead_z'])).toBe(false);
  });

  it('hits entries whose address or domain a new contact adds', () => {
    const touched = touchedBy({
      method: 'POST',
      path: 'contact/',
      body: { lead_id: 'lead_q', emails: [{ email: 'JO@acme.example' }] },
      response: { id: 'cont_new', lead_id: 'lead_q' },
    });
    expect(affects(touched, query, [])).toBe(true);
    expect(affects(touched, { emails: [], domain: 'acme.example' }, [])).toBe(true);
    expect(affects(touched, { emails: ['zz@other.example'] }, [])).toBe(false);
  });

  it('hits name lookups when a lead with that name is created', () => {
    const touched = touchedBy({
      method: 'POST',
      path: 'lead/',
      body: { name: 'Massive Dynamic' },
      response: { id: 'lead_n' },
    });
    expect(affects(touched, { emails: [], name: 'massive dynamic' }, [])).toBe(true);
    expect(affects(touched, { emails: [], name: 'Initech' }, [])).toBe(false);
  });

  it('leaves look-ups alone for a new note (it changes nothing they show), not for a note edit', () => {
    const note = {
      method: 'POST' as const,
      path: 'activity/note/',
      body: { lead_id: 'lead_a', note: 'Called' },
      response: { id: 'acti_n', lead_id: 'lead_a' },
    };
    expect(isNewNote(note)).toBe(true);
    expect(affects(lookupsTouchedBy(note), query, ['lead_a'])).toBe(false);
    // The lead's timeline still knows about it: the lead-reads cache adds the note in place.
    expect(touchedBy(note).ids.has('lead_a')).toBe(true);
    const edit = { ...note, method: 'PUT' as const, path: 'activity/note/acti_n/' };
    expect(isNewNote(edit)).toBe(false);
    expect(affects(lookupsTouchedBy(edit), query, ['lead_a'])).toBe(true);
    const call = { ...note, path: 'activity/call/' };
    expect(affects(lookupsTouchedBy(call), query, ['lead_a'])).toBe(true);
  });
});
