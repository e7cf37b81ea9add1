// A rep's day at team scale: one salesperson's day (200 thread opens of which 50 revisits, 20 notes,
// 10 website look-ups, realistic gaps) replayed against the Close fake through the background's own
// look-up engine, first-screen reads (per organization and lead, utils/lookup/lead-reads-cache.ts)
// and write invalidation, on a virtual clock (cache ages follow it). The panel's side is replayed as
// the panel does it: each lead section shows the open tasks the look-up brought (or asks for them),
// and its timeline from the panel's own activity cache (components/activity-cache.ts, kept while
// the side panel stays open) while the background says its copy is fresh, else through the
// background with the lead's date_updated and when Close answered the look-up showing it (a stale
// page is shown, then asked again `fresh`, or, while that look-up is itself being revalidated,
// again with its new answer); a revalidated look-up reloads a timeline only for a lead with a newer
// date_updated. After a write the background looks the tab's page up again when the write touched
// its look-up (tabs.refreshTouched). Then 50 reps of one organization are overlaid (each starting
// within the first hour) against the organization limit.

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
import { createCloseHttp, type WriteEvent } from '../../utils/close/http';
import { createMemoryLookupCache } from '../../utils/lookup/cache';
import { createLookupEngine } from '../../utils/lookup/engine';
import {
  CONFIRMED_FOR_MS,
  DEFAULT_FRESH_MS,
  SHOWN_AGAIN_MAX_FRESH_TIMES,
} from '../../utils/lookup/fresh-time';
import { affects, lookupsTouchedBy } from '../../utils/lookup/invalidation';
import { createLeadReadsCache } from '../../utils/lookup/lead-reads-cache';
import { refsOf } from '../../utils/lookup/match';
import { createPageMarks } from '../../utils/lookup/page-marks';
import { queryForPage } from '../../utils/lookup/page-query';
import type { LeadMatch } from '../../utils/lookup/types';
import type { PageSnapshot } from '../../utils/page-snapshot';
import {
  memoryArea,
  overLimit,
  pathPattern,
  peak,
  planDay,
  random,
  type Thread,
} from './repday/plan';
import type { BenchSection } from './types';

const ORG = 'orga_AcmeSales0000000000000000000000000000000000';
const ME = 'ada@acme-sales.example';
/** Close's documented example: 20 requests/s per key, the organization 3× that (docs/close-api.md). */
const KEY_LIMIT = { limit: 200, windowMs: 10_000 };
const ORG_LIMIT_PER_10S = 600;
const REPS = 50;
/** The product's fresh time (the settings' default) for look-ups and lead reads alike. */
const FRESH_MS = DEFAULT_FRESH_MS;

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
      marks: createPageMarks(ORG, memoryArea()),
      organizationId: ORG,
      now: () => clock,
      freshMs,
    });
    const leadReads = createLeadReadsCache({ now: () => clock, area: memoryArea(), freshMs });
    let lastWrite: WriteEvent | null = null;
    http.onWrite((event) => {
      lastWrite = event;
      void leadReads.forgetTouched(event);
    });
    const panel = createPanelService(async () => http, {
      leadReads,
      organizationId: async () => ORG,
    });
    const filters = { ownEmails: [ME], ownDomains: ['acme-sales.example'], neverLookUp: [] };
    const { events, threads } = planDay(random(13));

    forgetAllActivities();
    /** The look-up a lead section shows: when Close answered it, and whether it is being revalidated. */
    type Seen = { at: number; stale: boolean; shownAgainAt?: number | undefined };
    /** Leads whose stale timeline waits for the revalidated look-up (ActivityTimeline `waiting`). */
    const waiting = new Set<string>();

    /** A lead section's timeline as ActivityTimeline loads it (after its panel cache said ask). */
    async function loadTimeline(match: LeadMatch, seen: Seen): Promise<void> {
      const leadId = match.lead.id;
      const ask = {
        leadId,
        cursor: null,
        leadUpdated: match.lead.dateUpdated,
        leadSeenAt: seen.at,
        lookupStale: seen.stale,
        ...(seen.shownAgainAt ? { pageShownAt: seen.shownAgainAt } : {}),
      };
      const version = activityVersion(ORG, leadId);
      let page = await panel.loadActivities(ask);
      waiting.delete(leadId);
      if (page.stale && seen.stale) waiting.add(leadId);
      else if (page.stale) page = await panel.loadActivities({ ...ask, fresh: true });
      const freshUntil = page.stale ? 0 : clock + (page.freshFor ?? DEFAULT_FRESH_MS);
      rememberActivities(ORG, leadId, version, {
        ...page,
        leadUpdated: match.lead.dateUpdated,
        freshUntil,
      });
    }

    /** A lead section mounting: its timeline from the panel's cache, else from the background. */
    async function timeline(match: LeadMatch, seen: Seen): Promise<void> {
      if (activitiesOnMount(ORG, match.lead.id, match.lead.dateUpdated, clock).ask)
        await loadTimeline(match, seen);
    }

    /**
     * A section updated in place by a revalidated look-up: the timeline asks again for a newer
     * date_updated, or when it was waiting for this answer; a lead new to the answer mounts.
     */
    async function updated(match: LeadMatch, before: LeadMatch[], seen: Seen): Promise<void> {
      const was = before.find((m) => m.lead.id === match.lead.id);
      if (!was) return timeline(match, seen);
      const cached = cachedActivities(ORG, match.lead.id);
      if (updatedSince(match.lead.dateUpdated, cached?.leadUpdated ?? was.lead.dateUpdated)) {
        forgetActivities(ORG, match.lead.id);
        await loadTimeline(match, seen);
      } else if (waiting.has(match.lead.id)) await loadTimeline(match, seen);
    }

    /** A lead section as it mounts: its open tasks (from the look-up when it brought them) and timeline. */
    async function section(match: LeadMatch, seen: Seen): Promise<void> {
      await Promise.all([
        match.tasks ? undefined : panel.loadTasks({ leadId: match.lead.id }),
        timeline(match, seen),
      ]);
    }

    const lookups = { fresh: 0, shownAgain: 0, revalidated: 0, asked: 0 };
    /** What the panel asks when it shows a page: the look-up, then each lead section's reads. */
    async function show(snapshot: PageSnapshot): Promise<LeadMatch[]> {
      const query = queryForPage(snapshot, filters);
      if (!query) return [];
      const before = fake.requests.length;
      const outcome = await engine.lookupWithRefresh(query, { page: snapshot.url });
      const tally = snapshot.source === 'gmail';
      if (tally && outcome.refresh) lookups.revalidated++;
      else if (tally && fake.requests.length > before) lookups.asked++;
      else if (tally && outcome.result.shownAgainAt) lookups.shownAgain++;
      else if (tally) lookups.fresh++;
      const { fetchedAt: at, stale, shownAgainAt } = outcome.result;
      const shown = { at, stale, shownAgainAt };
      await Promise.all(outcome.result.leads.map((m) => section(m, shown)));
      // A revalidated look-up updates the sections in place (tasks come with the new answer).
      const refreshed = await outcome.refresh?.catch(() => undefined);
      const now = { at: refreshed?.fetchedAt ?? 0, stale: false };
      if (refreshed)
        await Promise.all(refreshed.leads.map((m) => updated(m, outcome.result.leads, now)));
      return (refreshed ?? outcome.result).leads;
    }

    /** The background looks the page on screen up again after a write; the panel updates in place. */
    async function refreshInPlace(page: { snapshot: PageSnapshot; leads: LeadMatch[] }) {
      const query = queryForPage(page.snapshot, filters);
      if (!query) return;
      const fresh = await engine.lookup(query);
      const seen = { at: fresh.fetchedAt, stale: fresh.stale };
      await Promise.all(fresh.leads.map((m) => updated(m, page.leads, seen)));
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
        lastWrite = null;
        await panel.addNote({ leadId, text: 'Called back, sending the quote.' });
        // The panel shows the new note on top (no reload) and forgets its copy of the timeline;
        // the background drops what the write touched and looks the tab's page up again when the
        // write touched its look-up (tabs.refreshTouched; a new note touches none, and is added to
        // the lead's cached timeline instead). The note's round trip: a second later.
        forgetActivities(ORG, leadId);
        clock += 1_000;
        const write = lastWrite as WriteEvent | null;
        const query = current ? queryForPage(current.snapshot, filters) : null;
        if (
          current &&
          write &&
          query &&
          affects(lookupsTouchedBy(write), query, refsOf(current.leads))
        )
          await refreshInPlace(current);
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
          'look-ups of thread opens: fresh / shown again to a thread seen ≤ the fresh time ago (0 requests) / stale, revalidated / asked',
          `${lookups.fresh} / ${lookups.shownAgain} / ${lookups.revalidated} / ${lookups.asked}`,
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
        'Thread opens count every request the page causes: the look-up (and its background revalidation) and what each lead section asks (open tasks unless the look-up brought them, the first timeline page unless the open panel or the background has it fresh). Budgets: ≤ 1.2 requests per distinct thread, 0 for revisits within the cache time, no 429 for 50 reps.',
        `Fresh time ${minutes} (the settings' default) for look-ups, lead reads and the first timeline page per organization and lead. A timeline page past it is kept while a look-up answered by Close after it shows the lead's date_updated unchanged (assumed to move with new activity, docs/close-api.md), ${CONFIRMED_FOR_MS / 3_600_000} h at most after it was loaded; while the look-up shown is itself being revalidated, its new answer decides. A new note from Close Look is added to the cached timeline and touches no look-up.`,
        `A "revisit within the cache time" is a thread opened again within the fresh time of its last open. Its look-up may be older than that (an answer shared with an earlier thread of the same people): the thread is then shown again what it showed, unasked, while the answer is younger than ${SHOWN_AGAIN_MAX_FRESH_TIMES} fresh times (utils/lookup/page-marks.ts), and so is the timeline page it showed with it.`,
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
