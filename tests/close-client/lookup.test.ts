// The lookup engine over the fake: matches, request counts (cold/warm/stale), invalidation, fallbacks.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ACME_ORG,
  type CloseFake,
  GLOBEX_KEY,
  GLOBEX_ORG,
  HOOLI,
  httpFor,
  INITECH,
  memoryArea,
  seen,
  startCloseFake,
} from '@/tests/close-client/support';
import { fid } from '@/tests/close-fake/known-ids.ts';
import { createContact } from '@/utils/close/contacts';
import { updateLead } from '@/utils/close/leads';
import { createMemoryLookupCache, type LookupCache } from '@/utils/lookup/cache';
import { createLookupEngine, type LookupEngineOptions } from '@/utils/lookup/engine';
import { createPageMarks } from '@/utils/lookup/page-marks';
import type { LookupResult } from '@/utils/lookup/types';

describe.each(['strict', 'lenient'] as const)('against the %s fake', (mode) => {
  let fake: CloseFake;
  beforeAll(async () => {
    fake = await startCloseFake({ mode });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const KNOWN = [
    'peter@initech.com',
    'bill@initech.com',
    'michael.bolton@initech.com',
    'milton@initech.com',
    'albert.wesker@umbrella-corp.com',
    'ada.wong@umbrella-corp.com',
    'gavin@hooli.xyz',
    'nina@massivedynamic.com',
    'art@vandelay.com',
    'miles.dyson@cyberdyne.com',
    'jane.doe@gmail.com',
    'kim@nobody.example',
    'thorn@soylent.com',
    'bill.lumbergh@gmail.com',
  ];
  const UNKNOWN = [
    'a@nowhere.example',
    'b@nowhere.example',
    'c@nowhere.example',
    'd@nowhere.example',
    'e@nowhere.example',
    'f@nowhere.example',
  ];
  const TWENTY = [...KNOWN, ...UNKNOWN];

  function setup(extra: Partial<LookupEngineOptions> = {}) {
    let time = Date.now();
    const http = httpFor(fake);
    const cache = createMemoryLookupCache();
    const engine = createLookupEngine({
      http,
      cache,
      organizationId: ACME_ORG,
      now: () => time,
      ...extra,
    });
    return { http, cache, engine, advance: (ms: number) => (time += ms) };
  }

  describe('matching', () => {
    it('finds the leads for a thread’s addresses and domain, saying why each matched', async () => {
      const { engine } = setup();
      const result = await engine.lookup({
        emails: ['Peter@Initech.com', 'gavin@hooli.xyz', 'stranger@nowhere.example'],
        domain: 'initech.com',
      });
      expect(result.organizationId).toBe(ACME_ORG);
      expect(result.leads.map((m) => m.lead.name)).toEqual(['Initech', 'Hooli']);
      const initech = result.leads[0];
      expect(initech?.matchedBy).toEqual([
        { kind: 'email', value: 'peter@initech.com' },
        { kind: 'domain', value: 'initech.com' },
      ]);
      expect(initech?.contacts[0]?.name).toBe('Peter Gibbons');
      expect(initech?.contacts).toHaveLength(4);
      expect(initech?.opportunities.map((o) => [o.statusLabel, o.pipelineName, o.value])).toEqual(
        expect.arrayContaining([
          ['Proposal Sent', 'Sales', 1200000],
          ['Renewal Due', 'Renewals', 50000],
        ]),
      );
      expect(result.unmatchedEmails).toEqual(['stranger@nowhere.example']);
      expect(result.stale).toBe(false);
    });

    it('matches a company site by domain alone (www and subdomains included)', async () => {
      const { engine } = setup();
      const result = await engine.lookup({ emails: [], domain: 'hooli.xyz' });
      expect(result.leads.map((m) => [m.lead.id, m.matchedBy])).toEqual([
        [HOOLI, [{ kind: 'domain', value: 'hooli.xyz' }]],
      ]);
    });

    it('never looks a free-mail domain up', async () => {
      const { engine } = setup();
      const result = await engine.lookup({ emails: [], domain: 'gmail.com' });
      expect(result.leads).toEqual([]);
      expect(fake.requests).toHaveLength(0);
      const withEmail = await engine.lookup({
        emails: ['jane.doe@gmail.com'],
        domain: 'gmail.com',
      });
      expect(withEmail.leads.map((m) => m.lead.name)).toEqual(['Jane Doe']);
      expect(withEmail.query.domain).toBeUndefined();
    });

    it('falls back to the name only when nothing else matched', async () => {
      const { engine } = setup();
      const result = await engine.lookup({
        emails: ['nobody@nowhere.example'],
        name: 'Massive Dynamic',
      });
      expect(result.leads.map((m) => [m.lead.name, m.matchedBy])).toEqual([
        ['Massive Dynamic', [{ kind: 'name', value: 'Massive Dynamic' }]],
      ]);
      expect(seen(fake)).toEqual(['POST /data/search/', 'POST /data/search/']);
    });

    it('only sees the organization of its key', async () => {
      const http = httpFor(fake, { getApiKey: async () => GLOBEX_KEY });
      const engine = createLookupEngine({
        http,
        cache: createMemoryLookupCache(),
        organizationId: GLOBEX_ORG,
      });
      const result = await engine.lookup({ emails: ['peter@initech.com'] });
      expect(result.leads.map((m) => m.lead.name)).toEqual(['Initech UK']);
    });

    it('uses the legacy query when /data/search/ is refused', async () => {
      const { engine } = setup();
      fake.failNext({ path: '/data/search/', status: 403 });
      const result = await engine.lookup({ emails: ['gavin@hooli.xyz'], domain: 'initech.com' });
      expect(result.leads.map((m) => m.lead.name).sort()).toEqual(['Hooli', 'Initech']);
      expect(seen(fake)).toEqual(['POST /data/search/', 'GET /lead/']);
      // Close said the endpoint is not there: later lookups go straight to the legacy query.
      fake.clearRequests();
      await engine.lookup({ emails: ['art@vandelay.com'] });
      expect(seen(fake)).toEqual(['GET /lead/']);
    });
  });

  describe('what the lead beside a thread needs', () => {
    it('shows the sender under the lead’s contacts with name and address, matched by email', async () => {
      const { engine } = setup();
      const result = await engine.lookup({ emails: ['gavin@hooli.xyz'], domain: 'hooli.xyz' });
      const hooli = result.leads[0];
      expect(hooli?.lead.id).toBe(HOOLI);
      expect(hooli?.matchedBy[0]).toEqual({ kind: 'email', value: 'gavin@hooli.xyz' });
      expect(hooli?.contacts[0]?.name).toBe('Gavin Belson');
      expect(hooli?.contacts[0]?.emails.map((e) => e.email)).toEqual(['gavin@hooli.xyz']);
      expect(hooli?.contacts.every((c) => c.name !== '' && c.emails.length > 0)).toBe(true);
      // Nobody to offer "Add as contact" for: the sender is in Close.
      expect(result.unmatchedEmails).toEqual([]);
      expect(fake.requests.map((r) => r.status)).toEqual([200]);
    });

    it('finds the lead whose url was typed as http://www.<domain>/', async () => {
      fake.store.addLead(ACME_ORG, {
        id: fid('lead', 'typedUrl'),
        name: 'Typed Url Ltd',
        url: 'http://www.typed-url.example/',
      });
      const { engine } = setup();
      const result = await engine.lookup({ emails: [], domain: 'typed-url.example' });
      expect(result.leads.map((m) => [m.lead.name, m.matchedBy])).toEqual([
        ['Typed Url Ltd', [{ kind: 'domain', value: 'typed-url.example' }]],
      ]);
      expect(fake.requests.every((r) => r.status === 200)).toBe(true);
    });

    it('loads every lead whose contacts came back without addresses', async () => {
      fake.setMode({ mode, nestedContacts: 'ids' });
      const { engine } = setup();
      const result = await engine.lookup({ emails: KNOWN, domain: 'initech.com' });
      expect(result.leads).toHaveLength(9);
      expect(result.unmatchedEmails).toEqual([]);
      expect(result.leads.every((m) => m.contacts.every((c) => c.emails.length > 0))).toBe(true);
      const loads = seen(fake).filter((r) => r.startsWith('GET /lead/lead_'));
      expect(loads).toHaveLength(9);
    });

    it('says Close refused the search, and asks no other way, when Close answers 400', async () => {
      const { engine } = setup();
      fake.failNext({ path: '/data/search/', status: 400 });
      await expect(engine.lookup({ emails: ['gavin@hooli.xyz'] })).rejects.toThrow(
        /^Close refused the search: /,
      );
      expect(seen(fake)).toEqual(['POST /data/search/']);
    });
  });

  describe('a company domain with many leads', () => {
    /** 60 newer leads at bigcorp.example and, older, the lead of the address on the page. */
    function seedBigCompany() {
      const base = Date.parse('2025-01-01T00:00:00Z');
      const at = (minutes: number) =>
        new Date(base + minutes * 60_000).toISOString().replace('Z', '+00:00');
      fake.store.addLead(ACME_ORG, {
        id: fid('lead', 'bigcorpHq'),
        name: 'Bigcorp HQ',
        url: 'https://bigcorp.example',
        date_created: at(0),
        contacts: [
          {
            id: fid('cont', 'bigcorpCeo'),
            name: 'Pat Boss',
            emails: [{ email: 'ceo@bigcorp.example' }],
          },
        ],
      });
      for (let i = 0; i < 60; i++) {
        fake.store.addLead(ACME_ORG, {
          id: fid('lead', `bigcorpBranch${i}x`),
          name: `Bigcorp branch ${i}`,
          // A path, not a subdomain: a standard tokenizer keeps `branch1.bigcorp.example` one
          // token, so Close may not find subdomain urls by the domain (docs/close-api.md).
          url: `https://bigcorp.example/branch${i}`,
          date_created: at(10 + i),
        });
      }
    }

    it('never loses the lead of an exact address to newer domain matches', async () => {
      seedBigCompany();
      const { engine } = setup();
      const result = await engine.lookup({
        emails: ['ceo@bigcorp.example'],
        domain: 'bigcorp.example',
      });
      expect(result.leads[0]?.lead.name).toBe('Bigcorp HQ');
      expect(result.leads[0]?.matchedBy).toContainEqual({
        kind: 'email',
        value: 'ceo@bigcorp.example',
      });
      expect(result.unmatchedEmails).toEqual([]);
      // The domain answer was cut at 50, so the address was asked for on its own.
      expect(seen(fake)).toEqual(['POST /data/search/', 'POST /data/search/']);
    });

    it('does the same on the legacy query', async () => {
      seedBigCompany();
      fake.failNext({ path: '/data/search/', status: 404, times: 10 });
      const { engine } = setup();
      const result = await engine.lookup({
        emails: ['ceo@bigcorp.example'],
        domain: 'bigcorp.example',
      });
      expect(result.leads[0]?.lead.name).toBe('Bigcorp HQ');
      expect(result.unmatchedEmails).toEqual([]);
    });
  });

  describe('request counts', () => {
    it('cold: 20 addresses and a domain cost one request', async () => {
      const { engine } = setup();
      const result = await engine.lookup({ emails: TWENTY, domain: 'initech.com' });
      expect(fake.requests).toHaveLength(1);
      // Every one of the 9 Acme leads has one of the known addresses.
      expect(result.leads).toHaveLength(9);
      expect(result.unmatchedEmails.sort()).toEqual([...UNKNOWN].sort());
    });

    it("brings the lead's open tasks in the same request (no task request of the panel's own)", async () => {
      const { engine } = setup();
      fake.store.addTask(ACME_ORG, INITECH, { id: fid('task', 'openone'), text: 'Send the quote' });
      fake.store.addTask(ACME_ORG, INITECH, {
        id: fid('task', 'doneone'),
        text: 'Old call',
        is_complete: true,
      });
      const result = await engine.lookup({ emails: ['peter@initech.com'], domain: 'initech.com' });
      expect(seen(fake)).toEqual(['POST /data/search/']);
      const initech = result.leads.find((m) => m.lead.id === INITECH);
      const open = fake.store.tasksOfLead(INITECH).filter((t) => !t.is_complete);
      expect(initech?.tasks?.map((t) => t.text).sort()).toEqual(open.map((t) => t.text).sort());
      expect(initech?.tasks?.map((t) => t.text)).toContain('Send the quote');
      expect(initech?.tasks?.map((t) => t.text)).not.toContain('Old call');
    });

    it('warm: a fresh cached lookup costs nothing', async () => {
      const { engine } = setup();
      const cold = await engine.lookup({ emails: TWENTY, domain: 'initech.com' });
      fake.clearRequests();
      const warm = await engine.lookup({ emails: [...TWENTY].reverse(), domain: 'INITECH.com' });
      expect(fake.requests).toHaveLength(0);
      expect(warm.leads).toEqual(cold.leads);
    });

    it('stale: served at once from the cache, then one request in the background', async () => {
      const onRevalidated = vi.fn<(r: LookupResult) => void>();
      const { engine, advance } = setup({ onRevalidated });
      await engine.lookup({ emails: TWENTY, domain: 'initech.com' });
      // Fresh for 10 minutes by default: within them nothing is asked.
      advance(9 * 60_000);
      fake.clearRequests();
      expect(
        (await engine.lookupWithRefresh({ emails: TWENTY, domain: 'initech.com' })).refresh,
      ).toBeUndefined();
      expect(fake.requests).toHaveLength(0);
      advance(2 * 60_000);
      fake.clearRequests();
      fake.latency(100);
      const { result, refresh } = await engine.lookupWithRefresh({
        emails: TWENTY,
        domain: 'initech.com',
      });
      expect(result.stale).toBe(true);
      expect(fake.requests).toHaveLength(0);
      const fresh = await refresh;
      expect(fresh?.stale).toBe(false);
      expect(fake.requests).toHaveLength(1);
      expect(onRevalidated).toHaveBeenCalledWith(fresh);
      fake.clearRequests();
      expect((await engine.lookup({ emails: TWENTY, domain: 'initech.com' })).stale).toBe(false);
      expect(fake.requests).toHaveLength(0);
    });

    it('shows a thread seen less than the fresh time ago what it showed then, unasked, up to twice the fresh time', async () => {
      const { engine, advance } = setup({ marks: createPageMarks(ACME_ORG, memoryArea()) });
      const query = { emails: ['peter@initech.com'] };
      const thread = (n: number) => ({ page: `https://mail.google.com/mail/u/0/#inbox/t${n}` });
      const first = await engine.lookup(query, thread(1));
      // Thread 2 has the same people: it shows the same answer, 8 minutes old.
      advance(8 * 60_000);
      await engine.lookup(query, thread(2));
      // Thread 2 again 5 minutes later: the answer is 13 minutes old, but it is what thread 2
      // showed 5 minutes ago. Shown again as it was, nothing asked.
      advance(5 * 60_000);
      fake.clearRequests();
      const again = await engine.lookupWithRefresh(query, thread(2));
      expect(again.refresh).toBeUndefined();
      expect(again.result.stale).toBe(false);
      expect(again.result.fetchedAt).toBe(first.fetchedAt);
      expect(again.result.shownAgainAt).toBe(first.fetchedAt + 8 * 60_000);
      expect(fake.requests).toHaveLength(0);
      // Thread 1 last showed it 13 minutes ago, and a thread never shown it is new to it: both
      // get the cached answer marked stale while Close is asked again.
      const other = await engine.lookupWithRefresh(query, thread(3));
      expect(other.result.stale).toBe(true);
      await other.refresh;
      expect(fake.requests).toHaveLength(1);
    });

    it('asks Close again for a seen thread once the answer is twice the fresh time old, or after a write', async () => {
      const { engine, advance, http } = setup({ marks: createPageMarks(ACME_ORG, memoryArea()) });
      const query = { emails: ['peter@initech.com'] };
      const page = 'https://mail.google.com/mail/u/0/#inbox/t1';
      await engine.lookup(query, { page });
      // Seen every 9 minutes: shown again while the answer is younger than 20 minutes.
      advance(9 * 60_000);
      await engine.lookup(query, { page });
      advance(9 * 60_000);
      fake.clearRequests();
      expect((await engine.lookupWithRefresh(query, { page })).refresh).toBeUndefined();
      advance(9 * 60_000);
      const old = await engine.lookupWithRefresh(query, { page });
      expect(old.result.stale).toBe(true);
      expect(old.result.shownAgainAt).toBeUndefined();
      await old.refresh;
      expect(fake.requests).toHaveLength(1);
      // A write to the lead drops the answer: the next showing asks Close, seen or not.
      await updateLead(http, INITECH, { description: 'Seen-here check' });
      advance(60_000);
      fake.clearRequests();
      const afterWrite = await engine.lookupWithRefresh(query, { page });
      expect(afterWrite.result.leads[0]?.lead.description).toBe('Seen-here check');
      expect(seen(fake)).toEqual(['POST /data/search/']);
    });

    it('shares one search between identical lookups in flight', async () => {
      const { engine } = setup();
      fake.latency(30);
      await Promise.all([
        engine.lookup({ emails: ['gavin@hooli.xyz'] }),
        engine.lookup({ emails: ['GAVIN@hooli.xyz'] }),
      ]);
      expect(fake.requests).toHaveLength(1);
    });

    it('force skips the cache', async () => {
      const { engine } = setup();
      await engine.lookup({ emails: ['gavin@hooli.xyz'] });
      await engine.lookup({ emails: ['gavin@hooli.xyz'] }, { force: true });
      expect(fake.requests).toHaveLength(2);
    });
  });

  describe('invalidation by writes through the client', () => {
    it('a lead update drops the lookups that show that lead, and only those', async () => {
      const { http, engine, cache } = setup();
      await engine.lookup({ emails: ['peter@initech.com'] });
      await engine.lookup({ emails: ['gavin@hooli.xyz'] });
      await updateLead(http, INITECH, { description: 'Updated from the panel' });
      fake.clearRequests();
      const again = await engine.lookup({ emails: ['peter@initech.com'] });
      expect(again.leads[0]?.lead.description).toBe('Updated from the panel');
      expect(fake.requests).toHaveLength(1);
      fake.clearRequests();
      await engine.lookup({ emails: ['gavin@hooli.xyz'] });
      expect(fake.requests).toHaveLength(0);
      expect((await cache.keys()).length).toBe(2);
    });

    it('adding a contact with a looked-up address makes that lookup ask again', async () => {
      const { http, engine } = setup();
      const before = await engine.lookup({ emails: ['newbie@hooli.xyz'] });
      expect(before.leads).toEqual([]);
      await createContact(http, {
        leadId: HOOLI,
        name: 'Newbie',
        emails: [{ email: 'newbie@hooli.xyz' }],
      });
      const after = await engine.lookup({ emails: ['newbie@hooli.xyz'] });
      expect(after.leads.map((m) => m.lead.id)).toEqual([HOOLI]);
    });

    it('a result fetched while a write landed is not cached', async () => {
      const { http, engine } = setup();
      fake.latency(80);
      const pending = engine.lookup({ emails: ['peter@initech.com'] });
      await new Promise((r) => setTimeout(r, 20));
      await updateLead(http, INITECH, { description: 'raced' });
      await pending;
      fake.latency(0);
      fake.clearRequests();
      const next = await engine.lookup({ emails: ['peter@initech.com'] });
      expect(next.leads[0]?.lead.description).toBe('raced');
      expect(fake.requests).toHaveLength(1);
    });

    it('keeps organizations apart in a shared cache', async () => {
      const cache: LookupCache = createMemoryLookupCache();
      const acme = createLookupEngine({ http: httpFor(fake), cache, organizationId: ACME_ORG });
      const globex = createLookupEngine({
        http: httpFor(fake, { getApiKey: async () => GLOBEX_KEY }),
        cache,
        organizationId: GLOBEX_ORG,
      });
      const a = await acme.lookup({ emails: ['peter@initech.com'] });
      const g = await globex.lookup({ emails: ['peter@initech.com'] });
      expect(a.leads[0]?.lead.id).toBe(INITECH);
      expect(g.leads[0]?.lead.name).toBe('Initech UK');
      expect(fake.requests).toHaveLength(2);
      await globex.clear();
      fake.clearRequests();
      await acme.lookup({ emails: ['peter@initech.com'] });
      expect(fake.requests).toHaveLength(0);
    });
  });
});
