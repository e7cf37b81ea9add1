// The panel's requests to Close over real HTTP against the fake: search paging, duplicate checks, note edits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPanelService } from '@/entrypoints/background/panel-service';
import {
  ACME_ORG,
  type CloseFake,
  HOOLI,
  httpFor,
  INITECH,
  memoryArea,
  seen,
  startCloseFake,
} from '@/tests/close-client/support';
import { fid } from '@/tests/close-fake/known-ids.ts';
import type { CloseHttp } from '@/utils/close/http';
import { createLeadReadsCache, LEAD_READS_FRESH_MS } from '@/utils/lookup/lead-reads-cache';

let fake: CloseFake;
beforeAll(async () => {
  fake = await startCloseFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const service = (http: CloseHttp) => createPanelService(async () => http);

/** Adds `count` leads named "Paging Co <n>", newest first in Close's default order. */
function seedLeads(count: number): string[] {
  const base = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    // The x ends the number: fid pads with zeros, so paging1 and paging10 would collide.
    const id = fid('lead', `paging${i}x`);
    fake.store.addLead(ACME_ORG, {
      id,
      name: `Paging Co ${i}`,
      date_created: new Date(base + i * 60_000).toISOString().replace('Z', '+00:00'),
    });
    return id;
  });
}

type SearchHits = Awaited<ReturnType<ReturnType<typeof service>['search']>>;
const leadIds = (page: SearchHits) =>
  page.items.flatMap((hit) => (hit.kind === 'lead' ? [hit.lead.id] : []));

/** Pages through a search like "Load more" does; records the requests each later page cost. */
async function pageThrough(panel: ReturnType<typeof service>, query: string) {
  const ids: string[] = [];
  const laterPageRequests: string[][] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    fake.clearRequests();
    const page: SearchHits = await panel.search({ query, cursor });
    if (pages > 0) laterPageRequests.push(seen(fake));
    ids.push(...leadIds(page));
    cursor = page.cursor;
    pages++;
  } while (cursor && pages < 50);
  return { ids, pages, laterPageRequests };
}

describe('search paging', () => {
  it('pages through more than 200 leads, one request of one page each, following Close’s cursor', async () => {
    const seeded = seedLeads(230);
    const { ids, pages, laterPageRequests } = await pageThrough(service(httpFor(fake)), 'Paging');
    expect(ids).toHaveLength(230);
    expect(new Set(ids)).toEqual(new Set(seeded));
    expect(pages).toBe(12);
    for (const requests of laterPageRequests) expect(requests).toEqual(['POST /data/search/']);
    const limits = fake.requests.map((r) => (r.body as { _limit?: number })._limit);
    expect(limits).toEqual([20]);
  });

  it('pages with _skip when search fell back to the legacy query', async () => {
    const seeded = seedLeads(230);
    fake.failNext({ path: '/data/search/', status: 404, times: 1_000 });
    const { ids, laterPageRequests } = await pageThrough(service(httpFor(fake)), 'Paging');
    expect(new Set(ids)).toEqual(new Set(seeded));
    expect(ids).toHaveLength(230);
    // The cursor says which path served the first page: later pages go straight to it.
    for (const requests of laterPageRequests) expect(requests).toEqual(['GET /lead/']);
    const last = fake.requests.at(-1);
    expect(last?.query).toMatchObject({ _limit: '20', _skip: '220' });
  });

  it('picks the search up where it was when Close refuses an old cursor', async () => {
    seedLeads(230);
    const panel = service(httpFor(fake));
    const { ids } = await pageThrough(panel, 'Paging');
    for (const shown of [20, 220]) {
      const page = await panel.search({ query: 'Paging', cursor: `af:${shown}:expired` });
      expect(leadIds(page)).toEqual(ids.slice(shown, shown + 20));
    }
  });
});

describe('duplicate checks before creating a lead', () => {
  const filters = async () => ({
    ownEmails: ['ada@acme-sales.example'],
    ownDomains: ['acme-sales.example'],
    neverLookUp: ['initech.com', 'art@vandelay.com'],
  });

  it('finds the lead a new one would duplicate', async () => {
    const panel = createPanelService(async () => httpFor(fake), { filters });
    const found = await panel.findDuplicates({
      name: 'Hooli',
      url: 'https://hooli.xyz',
      emails: ['gavin@hooli.xyz'],
    });
    expect(found.map((d) => d.lead.name)).toEqual(['Hooli']);
  });

  it('sends nothing on the never-look-up list, and none of the user’s own addresses or domain', async () => {
    const panel = createPanelService(async () => httpFor(fake), { filters });
    const found = await panel.findDuplicates({
      name: 'initech.com',
      url: 'https://www.initech.com/about',
      emails: [
        'peter@initech.com',
        'art@vandelay.com',
        'ada@acme-sales.example',
        'grace@acme-sales.example',
      ],
    });
    expect(found).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('asks nothing at all when the lead’s website is blocked, as a page look-up would', async () => {
    const panel = createPanelService(async () => httpFor(fake), {
      filters: async () => ({ ownEmails: [], ownDomains: [], neverLookUp: ['eu.hooli.xyz'] }),
    });
    const found = await panel.findDuplicates({
      name: 'Hooli Europe',
      url: 'https://eu.hooli.xyz',
      emails: ['gavin@hooli.xyz'],
    });
    expect(found).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('still checks what is allowed, without the blocked parts', async () => {
    const panel = createPanelService(async () => httpFor(fake), { filters });
    const found = await panel.findDuplicates({
      name: '',
      url: null,
      emails: ['peter@initech.com', 'miles.dyson@cyberdyne.com', 'art@vandelay.com'],
    });
    expect(found.map((d) => d.lead.name)).toEqual(['Cyberdyne Systems']);
    const sent = JSON.stringify(fake.requests.map((r) => [r.path, r.query, r.body]));
    expect(sent).not.toMatch(/initech|vandelay/i);
  });
});

describe('note edits', () => {
  it('keeps a rich note rich: html updates note_html, text alone replaces it', async () => {
    const http = httpFor(fake);
    const panel = service(http);
    const note = await panel.addNote({ leadId: HOOLI, text: 'plain' });
    const rich = await panel.updateNote({
      noteId: note.id,
      text: 'Call back Tuesday',
      html: '<p>Call back <b>Tuesday</b></p>',
    });
    expect(rich.noteHtml).toContain('<b>Tuesday</b>');
    expect(rich.note).toContain('Call back Tuesday');
    expect(fake.requests.at(-1)?.body).toEqual({
      note_html: '<body><p>Call back <b>Tuesday</b></p></body>',
    });
    const plain = await panel.updateNote({ noteId: note.id, text: 'Just text' });
    expect(plain.note).toBe('Just text');
    expect(fake.requests.at(-1)?.body).toEqual({ note: 'Just text' });
  });
});

describe('tasks from the panel', () => {
  it("assigns a new task to the connected user and lists it with the lead's open tasks", async () => {
    fake.setMode({ mode: 'strict', listDelayMs: 0 });
    const grace = 'user_GraceHopper00000000000000000000000000000000';
    const panel = createPanelService(async () => httpFor(fake), { userId: async () => grace });
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const task = await panel.createTask({ leadId: HOOLI, text: 'Call Gavin', due });
    expect(task).toMatchObject({ text: 'Call Gavin', due, assignedTo: grace });
    expect((await panel.loadTasks({ leadId: HOOLI })).map((t) => t.id)).toEqual([task.id]);
    const done = await panel.updateTask({ taskId: task.id, patch: { isComplete: true } });
    expect(done.isComplete).toBe(true);
    expect(await panel.loadTasks({ leadId: HOOLI })).toEqual([]);
  });
});

describe('the timeline kept warm', () => {
  /** Initech's date_updated as the look-ups show it. */
  const MONDAY = '2024-06-10T15:30:00.000000+00:00';

  /** The panel service with the background's lead reads, on a clock the test moves (`time.now`). */
  function warmPanel() {
    const time = { now: Date.now() };
    const http = httpFor(fake);
    const leadReads = createLeadReadsCache({ now: () => time.now, area: memoryArea() });
    const panel = createPanelService(async () => http, {
      leadReads,
      organizationId: async () => ACME_ORG,
    });
    return { time, http, leadReads, panel };
  }

  it('shows a first page older than the fresh time at once, then the fresh one from one request in the background', async () => {
    const { time, panel } = warmPanel();
    const first = await panel.loadActivities({ leadId: INITECH, cursor: null });
    time.now += LEAD_READS_FRESH_MS + 1;
    // A colleague logs a call meanwhile.
    fake.store.addActivity(ACME_ORG, INITECH, {
      id: fid('acti', 'colleaguecall'),
      _type: 'Call',
      activity_at: new Date(time.now).toISOString(),
      note: 'Called Peter about the renewal',
    });
    fake.clearRequests();
    const stale = await panel.loadActivities({ leadId: INITECH, cursor: null });
    expect(stale.stale).toBe(true);
    expect(stale.items.map((a) => a.id)).toEqual(first.items.map((a) => a.id));
    const fresh = await panel.loadActivities({ leadId: INITECH, cursor: null, fresh: true });
    expect(fresh.stale).toBeUndefined();
    expect(fresh.items.map((a) => a.id)).toContain(fid('acti', 'colleaguecall'));
    expect(seen(fake)).toEqual([expect.stringMatching(/^GET \/activity\//)]);
  });

  it('adds a note saved here to the cached page: shown at once, no request while the page is fresh', async () => {
    fake.setMode({ mode: 'strict', listDelayMs: 0 });
    const { time, http, leadReads, panel } = warmPanel();
    http.onWrite((event) => void leadReads.forgetTouched(event));
    await panel.loadActivities({ leadId: INITECH, cursor: null });
    time.now += 60_000;
    const note = await panel.addNote({ leadId: INITECH, text: 'Quote sent' });
    fake.clearRequests();
    const after = await panel.loadActivities({ leadId: INITECH, cursor: null });
    expect(after.stale).toBeUndefined();
    expect(after.items[0]?.id).toBe(note.id);
    expect(seen(fake)).toEqual([]);
    // Older than the fresh time: the page with the note at once, then Close's list (one request).
    time.now += LEAD_READS_FRESH_MS;
    const stale = await panel.loadActivities({ leadId: INITECH, cursor: null });
    expect(stale.stale).toBe(true);
    expect(stale.items.map((a) => a.id)).toContain(note.id);
    const fresh = await panel.loadActivities({ leadId: INITECH, cursor: null, fresh: true });
    expect(fresh.items.map((a) => a.id)).toContain(note.id);
    expect(seen(fake)).toEqual([expect.stringMatching(/^GET \/activity\//)]);
  });

  it('keeps a page past the fresh time while a look-up answered later shows the same date_updated, two hours at most', async () => {
    const { time, panel } = warmPanel();
    const ask = { leadId: INITECH, cursor: null, leadUpdated: MONDAY };
    await panel.loadActivities(ask);
    time.now += 30 * 60_000;
    fake.clearRequests();
    // The look-up shown is itself being revalidated: the old page, nothing asked yet.
    const waiting = await panel.loadActivities({
      ...ask,
      leadSeenAt: time.now - 25 * 60_000,
      lookupStale: true,
    });
    expect(waiting.stale).toBe(true);
    expect(seen(fake)).toEqual([]);
    // Its new answer (Close, a second ago) shows the same date_updated: the page is current.
    const confirmed = await panel.loadActivities({ ...ask, leadSeenAt: time.now - 1000 });
    expect(confirmed.stale).toBeUndefined();
    expect(confirmed.freshFor).toBe(LEAD_READS_FRESH_MS - 1000);
    expect(seen(fake)).toEqual([]);
    // Never past two hours after the page was loaded, whatever the look-ups say.
    time.now += 91 * 60_000;
    const old = await panel.loadActivities({ ...ask, leadSeenAt: time.now - 1000 });
    expect(old.stale).toBe(true);
    await panel.loadActivities({ ...ask, leadSeenAt: time.now - 1000, fresh: true });
    expect(seen(fake)).toEqual([expect.stringMatching(/^GET \/activity\//)]);
  });

  it('keeps the page a thread showed when its look-up is shown again to that thread, unasked', async () => {
    const { time, panel } = warmPanel();
    // Close answered the look-up 8 minutes before the page was loaded.
    const loadedAt = time.now;
    const ask = {
      leadId: INITECH,
      cursor: null,
      leadUpdated: MONDAY,
      leadSeenAt: loadedAt - 8 * 60_000,
    };
    await panel.loadActivities(ask);
    // A thread showed that look-up and this page 5 minutes later, and is opened again 6 minutes
    // after that: the look-up is shown to it again as it was, and so is the page.
    const shownAt = loadedAt + 5 * 60_000;
    time.now = shownAt + 6 * 60_000;
    fake.clearRequests();
    const again = await panel.loadActivities({ ...ask, pageShownAt: shownAt });
    expect(again.stale).toBeUndefined();
    expect(again.freshFor).toBe(LEAD_READS_FRESH_MS - 6 * 60_000);
    expect(seen(fake)).toEqual([]);
    // A page loaded for another date_updated is not what the thread showed; nor is any page for a
    // look-up not shown again: both past the fresh time, so served stale and asked again.
    const changed = await panel.loadActivities({
      ...ask,
      leadUpdated: '2024-06-11T09:00:00.000000+00:00',
      pageShownAt: shownAt,
    });
    expect(changed.stale).toBe(true);
    expect((await panel.loadActivities(ask)).stale).toBe(true);
  });

  it('asks once per lead within the fresh time, whichever page showed it, until the look-up shows a newer date_updated', async () => {
    const { time, panel } = warmPanel();
    // Peter's thread, then Bill's thread: both are Initech people, one lead.
    const first = await panel.loadActivities({
      leadId: INITECH,
      cursor: null,
      leadUpdated: MONDAY,
    });
    expect(first.freshFor).toBe(LEAD_READS_FRESH_MS);
    time.now += LEAD_READS_FRESH_MS - 60_000;
    fake.clearRequests();
    const again = await panel.loadActivities({
      leadId: INITECH,
      cursor: null,
      leadUpdated: MONDAY,
    });
    expect(again.items).toEqual(first.items);
    expect(again.freshFor).toBe(60_000);
    expect(seen(fake)).toEqual([]);
    // A colleague's call moved the lead's date_updated (assumed: docs/close-api.md); the look-up
    // shows the newer date: the page is shown at once and asked again, one request.
    fake.store.addActivity(ACME_ORG, INITECH, {
      id: fid('acti', 'mondaycall'),
      _type: 'Call',
      activity_at: new Date(time.now).toISOString(),
      note: 'Called Bill back',
    });
    const tuesday = '2024-06-11T09:00:00.000000+00:00';
    const stale = await panel.loadActivities({
      leadId: INITECH,
      cursor: null,
      leadUpdated: tuesday,
    });
    expect(stale).toMatchObject({ stale: true, freshFor: 0 });
    const fresh = await panel.loadActivities({
      leadId: INITECH,
      cursor: null,
      fresh: true,
      leadUpdated: tuesday,
    });
    expect(fresh.items.map((a) => a.id)).toContain(fid('acti', 'mondaycall'));
    expect(seen(fake)).toEqual([expect.stringMatching(/^GET \/activity\//)]);
    // Then fresh again for that date_updated: nothing asked.
    fake.clearRequests();
    await panel.loadActivities({ leadId: INITECH, cursor: null, leadUpdated: tuesday });
    expect(seen(fake)).toEqual([]);
  });
});
