// A rep's day at team scale: one salesperson's day (200 thread opens of which 50 revisits, 20 notes,
// 10 website look-ups, realistic gaps) replayed against the Close fake through the background's own
// look-up engine, first-screen reads (per organization and lead, utils/lookup/lead-reads-cache.ts)
// and write invalidation, on a virtual clock (cache ages follow it). The panel's side is replayed as
// the panel does it: each lead section shows the open tasks the look-up brought (or asks for them),
// and its timeline from the panel's own activity cache (components/activity-cache.ts, kept while
// the side panel stays open) while the background says its copy is fresh, else through the
// background (with the lead's date_updated; stale pages shown, then asked again `fresh`); a
// revalidated look-up reloads a timeline only for a lead with a newer date_updated. A note makes the
// background look the tab's page up again when it shows the lead (tabs.refreshTouched). Then 50 reps
// of one organization are overlaid (each starting within the first hour) against the org limit.

import {
  activitiesOnMount,
  activityVersion,
  cachedActivities,
  forgetActivities,
  forgetAllActivities,
  rememberActivities,
  updatedSince,
} from '../../components/activity-cache';
import { createPanelService } from '../../entrypoints/background/panel-service';
import { startCloseFake } from '../../tests/close-fake/server.ts';
import { createCloseHttp } from '../../utils/close/http';
import { createMemoryLookupCache } from '../../utils/lookup/cache';
import { createLookupEngine } from '../../utils/lookup/engine';
import { DEFAULT_FRESH_MS } from '../../utils/lookup/fresh-time';
import { createLeadReadsCache, type ReadsArea } from '../../utils/lookup/lead-reads-cache';
import { queryForPage } from '../../utils/lookup/page-query';
import type { LeadMatch } from '../../utils/lookup/types';
import type { PageSnapshot } from '../../utils/page-snapshot';
import type { BenchSection } from './types';

const ORG = 'orga_AcmeSales0000000000000000000000000000000000';
const ME = 'ada@acme-sales.example';
/** Close's documented example: 20 requests/s per key, the organization 3× that (docs/close-api.md). */
const KEY_LIMIT = { limit: 200, windowMs: 10_000 };
const ORG_LIMIT_PER_10S = 600;
const REPS = 50;
/** The product's fresh time (the settings' default) for look-ups and lead reads alike. */
const FRESH_MS = DEFAULT_FRESH_MS;

/** Correspondents in Close (the fake's default dataset) and strangers, as a rep's inbox mixes them. */
const KNOWN = [
  'peter@initech.com',
  'bill@initech.com',
  'milton@initech.com',
  'albert.wesker@umbrella-corp.com',
  'ada.wong@umbrella-corp.com',
  'gavin@hooli.xyz',
  'nina@massivedynamic.com',
  'art@vandelay.com',
  'miles.dyson@cyberdyne.com',
  'thorn@soylent.com',
  'kim@nobody.example',
];
const STRANGERS = Array.from({ length: 60 }, (_, i) => `person${i}@prospect-${i}.example`);

/** Deterministic pseudo-random numbers (mulberry32), so every run replays the same day. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type DayEvent =
  | { kind: 'open'; thread: number; revisit: boolean }
  | { kind: 'note' }
  | { kind: 'website'; domain: string };

interface Thread {
  people: string[];
  subject: string;
}

function planDay(rand: () => number): {
  events: Array<DayEvent & { gapMs: number }>;
  threads: Thread[];
} {
  const pool = [...KNOWN, ...STRANGERS];
  // A few correspondents write most threads (Zipf-like): pick index ~ pool * r².
  const pick = () => pool[Math.floor(pool.length * rand() ** 2)] as string;
  const threads: Thread[] = Array.from({ length: 150 }, (_, i) => {
    const people = [pick()];
    if (rand() < 0.3) people.push(pick());
    return { people: [...new Set(people)], subject: `Thread ${i}` };
  });
  const events: Array<DayEvent & { gapMs: number }> = [];
  // An 8-hour day: ~230 events, gaps exponential around 2 minutes; a revisit is often right after.
  const gap = () => Math.round(-Math.log(1 - rand()) * 120_000);
  let opened = 0;
  let revisits = 0;
  let notes = 0;
  let websites = 0;
  while (opened < 150 || revisits < 50 || notes < 20 || websites < 10) {
    const r = rand();
    if (opened > 5 && revisits < 50 && r < 0.25) {
      // Back to a thread: half of them one of the last few (within the cache time), half older.
      const recent = rand() < 0.5;
      const from = recent ? Math.max(0, opened - 3) : 0;
      const thread = from + Math.floor(rand() * (opened - from));
      events.push({ kind: 'open', thread, revisit: true, gapMs: recent ? 20_000 : gap() });
      revisits++;
    } else if (opened > 0 && notes < 20 && r < 0.35) {
      events.push({ kind: 'note', gapMs: 30_000 });
      notes++;
    } else if (websites < 10 && r < 0.4) {
      const company = pool[Math.floor(rand() * pool.length)] as string;
      events.push({ kind: 'website', domain: company.split('@')[1] as string, gapMs: gap() });
      websites++;
    } else if (opened < 150) {
      events.push({ kind: 'open', thread: opened, revisit: false, gapMs: gap() });
      opened++;
    }
  }
  return { events, threads };
}

/** A Map-backed stand-in for storage.session. */
function memoryArea(): ReadsArea {
  const items = new Map<string, unknown>();
  return {
    async get(keys) {
      if (keys === null) return Object.fromEntries(items);
      return items.has(keys) ? { [keys]: items.get(keys) } : {};
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of [keys].flat()) items.delete(key);
    },
  };
}

/** A request's path without the API prefix and with Close ids folded: `GET /lead/{id}/`. */
function pathPattern(path: string): string {
  return path.replace(/^\/api\/v1/, '').replace(/\/[a-z]+_[A-Za-z0-9]+/g, '/{id}');
}

/** Most requests in any window of `windowMs` (times sorted ascending). */
function peak(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Requests over the organization limit in fixed 10 s windows (what Close would answer with 429). */
function overLimit(times: number[], limit: number, windowMs: number): number {
  const counts = new Map<number, number>();
  for (const t of times)
    counts.set(Math.floor(t / windowMs), (counts.get(Math.floor(t / windowMs)) ?? 0) + 1);
  let over = 0;
  for (const count of counts.values()) over += Math.max(0, count - limit);
  return over;
}

/** Replays the day with look-ups and lead reads fresh for `freshMs`. */
async function replay(freshMs: number): Promise<{ section: BenchSection; perThread: number }> {
  const fake = await startCloseFake();
  fake.rateLimit('all', KEY_LIMIT);
  try {
    let clock = Date.UTC(2026, 0, 5, 9);
    const dayStart = clock;
    const requestTimes: number[] = [];
    const http = createCloseHttp({
      baseURL: `${fake.url}/api/v1/`,
      getApiKey: async () => 'api_test_acme',
      fetch: (input, init) => {
        requestTimes.push(clock);
        return fetch(input, init);
      },
    });
    const engine = createLookupEngine({
      http,
      cache: createMemoryLookupCache(),
      organizationId: ORG,
      now: () => clock,
      freshMs,
    });
    const leadReads = createLeadReadsCache({ now: () => clock, area: memoryArea(), freshMs });
    http.onWrite((event) => {
      void leadReads.forgetTouched(event);
    });
    const panel = createPanelService(async () => http, {
      leadReads,
      organizationId: async () => ORG,
    });
    const filters = { ownEmails: [ME], ownDomains: ['acme-sales.example'], neverLookUp: [] };
    const { events, threads } = planDay(random(13));

    forgetAllActivities();
    /** A lead section's timeline as ActivityTimeline loads it (after its panel cache said ask). */
    async function loadTimeline(match: LeadMatch): Promise<void> {
      const leadId = match.lead.id;
      const leadUpdated = match.lead.dateUpdated;
      const version = activityVersion(ORG, leadId);
      let page = await panel.loadActivities({ leadId, cursor: null, leadUpdated });
      const stale = page.stale === true;
      if (stale)
        page = await panel.loadActivities({ leadId, cursor: null, fresh: true, leadUpdated });
      const freshUntil = clock + (page.freshFor ?? DEFAULT_FRESH_MS);
      rememberActivities(ORG, leadId, version, { ...page, leadUpdated, freshUntil });
    }

    /** A lead section mounting: its timeline from the panel's cache, else from the background. */
    async function timeline(match: LeadMatch): Promise<void> {
      if (activitiesOnMount(ORG, match.lead.id, match.lead.dateUpdated, clock).ask)
        await loadTimeline(match);
    }

    /** A section updated in place by a revalidated look-up: reloads only for a newer date_updated. */
    async function updated(match: LeadMatch, before: LeadMatch[]): Promise<void> {
      const was = before.find((m) => m.lead.id === match.lead.id);
      if (!was) return timeline(match);
      const cached = cachedActivities(ORG, match.lead.id);
      if (updatedSince(match.lead.dateUpdated, cached?.leadUpdated ?? was.lead.dateUpdated)) {
        forgetActivities(ORG, match.lead.id);
        await loadTimeline(match);
      }
    }

    /** A lead section as it mounts: its open tasks (from the look-up when it brought them) and timeline. */
    async function section(match: LeadMatch): Promise<void> {
      await Promise.all([
        match.tasks ? undefined : panel.loadTasks({ leadId: match.lead.id }),
        timeline(match),
      ]);
    }

    const lookups = { fresh: 0, revalidated: 0, asked: 0 };
    /** What the panel asks when it shows a page: the look-up, then each lead section's reads. */
    async function show(snapshot: PageSnapshot): Promise<LeadMatch[]> {
      const query = queryForPage(snapshot, filters);
      if (!query) return [];
      const before = fake.requests.length;
      const outcome = await engine.lookupWithRefresh(query);
      const tally = snapshot.source === 'gmail';
      if (tally && outcome.refresh) lookups.revalidated++;
      else if (tally && fake.requests.length > before) lookups.asked++;
      else if (tally) lookups.fresh++;
      await Promise.all(outcome.result.leads.map(section));
      // A revalidated look-up updates the sections in place: a lead with a newer date_updated
      // reloads its timeline, a lead new to the answer mounts; tasks come with the new answer.
      const refreshed = await outcome.refresh?.catch(() => undefined);
      if (refreshed)
        await Promise.all(refreshed.leads.map((m) => updated(m, outcome.result.leads)));
      return (refreshed ?? outcome.result).leads;
    }

    /** The background looks the page on screen up again after a write; the panel updates in place. */
    async function refreshInPlace(page: { snapshot: PageSnapshot; leads: LeadMatch[] }) {
      const query = queryForPage(page.snapshot, filters);
      if (!query) return;
      const fresh = await engine.lookup(query);
      await Promise.all(fresh.leads.map((m) => updated(m, page.leads)));
      page.leads = fresh.leads;
    }

    const lastOpened = new Map<number, number>();
    /** The page on screen and the leads it shows (the tab the background looks up again after a write). */
    let current: { snapshot: PageSnapshot; leads: LeadMatch[] } | null = null;
    /** Requests of thread opens per method and path (ids folded). */
    const openPaths = new Map<string, number>();
    let openSearches = 0;
    let openTimelines = 0;
    let openTasks = 0;
    let lastLeads: string[] = [];
    const counts = {
      first: 0,
      firstReq: 0,
      revisitFresh: 0,
      revisitFreshReq: 0,
      revisitLater: 0,
      revisitLaterReq: 0,
      noteReq: 0,
      websiteReq: 0,
    };
    for (const event of events) {
      clock += event.gapMs;
      const before = fake.requests.length;
      if (event.kind === 'open') {
        const thread = threads[event.thread] as Thread;
        const snapshot: PageSnapshot = {
          source: 'gmail',
          url: `https://mail.google.com/mail/u/0/#inbox/thread${event.thread}`,
          title: thread.subject,
          people: [
            ...thread.people.map((email) => ({ email, role: 'from' as const })),
            { email: ME, role: 'to' as const },
          ],
          ownEmails: [ME],
        };
        const seen = lastOpened.get(event.thread);
        const leads = await show(snapshot);
        current = { snapshot, leads };
        if (leads.length > 0) lastLeads = leads.map((m) => m.lead.id);
        lastOpened.set(event.thread, clock);
        const used = fake.requests.length - before;
        for (const request of fake.requests.slice(before)) {
          const path = `${request.method} ${pathPattern(request.path)}`;
          openPaths.set(path, (openPaths.get(path) ?? 0) + 1);
          if (request.path.includes('/data/search/')) openSearches++;
          else if (request.path.includes('/activity/')) openTimelines++;
          else if (request.path.includes('/task/')) openTasks++;
        }
        if (!event.revisit) {
          counts.first++;
          counts.firstReq += used;
        } else if (seen !== undefined && clock - seen <= freshMs) {
          counts.revisitFresh++;
          counts.revisitFreshReq += used;
        } else {
          counts.revisitLater++;
          counts.revisitLaterReq += used;
        }
      } else if (event.kind === 'note') {
        // A note on the lead of the last thread that had one.
        const leadId = lastLeads[0];
        if (!leadId) continue;
        await panel.addNote({ leadId, text: 'Called back, sending the quote.' });
        // The panel shows the new note on top (no reload) and forgets its copy of the timeline;
        // the background dropped the lead's reads and the look-ups naming it, and looks the tab's
        // page up again when it shows the lead (the note's round trip: a second later).
        forgetActivities(ORG, leadId);
        clock += 1_000;
        if (current?.leads.some((m) => m.lead.id === leadId)) await refreshInPlace(current);
        counts.noteReq += fake.requests.length - before;
      } else {
        const snapshot: PageSnapshot = {
          source: 'website',
          url: `https://www.${event.domain}/`,
          people: [],
        };
        current = { snapshot, leads: await show(snapshot) };
        counts.websiteReq += fake.requests.length - before;
      }
    }
    const total = fake.requests.length;
    const tooMany = fake.requests.filter((r) => r.status === 429).length;
    const distinct = threads.length;
    const times = requestTimes.map((t) => t - dayStart).sort((a, b) => a - b);
    const peak10s = peak(times, 10_000);
    const peak60s = peak(times, 60_000);
    // 50 reps of one organization, each starting their day within the first hour.
    const offsets = random(7);
    const org = Array.from({ length: REPS }, () => Math.floor(offsets() * 3_600_000))
      .flatMap((offset) => times.map((t) => t + offset))
      .sort((a, b) => a - b);
    const orgPeak10s = peak(org, 10_000);
    const org429 = overLimit(org, ORG_LIMIT_PER_10S, 10_000);
    const fit = Math.floor(ORG_LIMIT_PER_10S / Math.max(1, peak10s));
    const perThread =
      (counts.firstReq + counts.revisitFreshReq + counts.revisitLaterReq) / distinct;
    const minutes = `${Math.round(freshMs / 60_000)} min`;
    const table: BenchSection = {
      title: "A rep's day against the fake (Close's rate limits; virtual clock)",
      columns: ['measure', 'value'],
      rows: [
        [
          `thread opens (first / revisits ≤ ${minutes} / later revisits)`,
          `${counts.first} / ${counts.revisitFresh} / ${counts.revisitLater}`,
        ],
        ['requests for first opens', counts.firstReq],
        [`requests for revisits within the cache time (${minutes})`, counts.revisitFreshReq],
        ['requests for later revisits', counts.revisitLaterReq],
        ['requests per distinct thread (all thread opens)', perThread.toFixed(2)],
        [
          '… of which look-ups / timeline pages / open-task lists',
          [openSearches, openTimelines, openTasks]
            .map((n) => (n / distinct).toFixed(2))
            .join(' / '),
        ],
        [
          'thread opens by path',
          [...openPaths]
            .sort((a, b) => b[1] - a[1])
            .map(([path, n]) => `${path} ${n}`)
            .join(' · '),
        ],
        [
          'look-ups of thread opens: fresh (0 requests) / stale, revalidated / asked',
          `${lookups.fresh} / ${lookups.revalidated} / ${lookups.asked}`,
        ],
        ['requests for 20 notes (write + the tab looked up again)', counts.noteReq],
        ['requests for 10 website look-ups', counts.websiteReq],
        ['requests in the day, all', total],
        ['429 answers (per-key limit 20/s)', tooMany],
        ['one rep at peak: requests in 10 s / in 60 s', `${peak10s} / ${peak60s}`],
        [
          `${REPS} reps of one organization: peak requests in 10 s (limit ${ORG_LIMIT_PER_10S})`,
          orgPeak10s,
        ],
        [`${REPS} reps: requests over the organization limit (429s)`, org429],
        ['reps that fit under the organization limit if all peak together', fit],
      ],
      notes: [
        'Thread opens count every request the page causes: the look-up (and its background revalidation) and what each lead section asks (open tasks unless the look-up brought them, the first timeline page unless the open panel has it). Budgets: ≤ 1.2 requests per distinct thread, 0 for revisits within the cache time, no 429 for 50 reps.',
        'Close limits per endpoint group and key (example 20/s) and per organization (3×, 60/s); the day is replayed on a virtual clock, the organization overlay offsets each rep by up to an hour.',
      ],
    };
    return { section: table, perThread };
  } finally {
    await fake.close();
  }
}

export async function run(): Promise<BenchSection> {
  const { section } = await replay(FRESH_MS);
  // The same day and code with other cache times (the user's "Keep look-ups for" setting), which
  // the look-ups, the lead reads and the timeline all follow.
  const others: string[] = [];
  for (const minutes of [2, 5, 15, 30]) {
    const { perThread } = await replay(minutes * 60_000);
    others.push(`${minutes} min: ${perThread.toFixed(2)}`);
  }
  section.rows.push(['requests per distinct thread with another cache time', others.join(' · ')]);
  return section;
}
