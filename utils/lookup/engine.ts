// The lookup engine: page query → matching leads, from the cache when it can, otherwise in one Close search.

import type { CloseHttp, WriteEvent } from '@/utils/close/http';
import { leadsFromSearch, MAX_LEAD_LIMIT } from '@/utils/close/leads';
import { pageSchema, parseWith, RawLeadSchema } from '@/utils/close/schemas';
import {
  and,
  LEAD_SEARCH_FIELDS,
  leadHasDomain,
  leadHasEmail,
  objectType,
  or,
  quote,
  related,
  type SearchNode,
  search,
  searchUnavailable,
  textField,
  websiteValues,
} from '@/utils/close/search';
import type { Lead } from '@/utils/close/types';
import { traced } from '@/utils/diagnostics';
import { t } from '@/utils/i18n';
import {
  LOOKUP_MAX_AGE_MS,
  type LookupCache,
  type LookupCacheEntry,
  lookupCacheKey,
  organizationPrefix,
} from '@/utils/lookup/cache';
import { DEFAULT_FRESH_MS, SHOWN_AGAIN_MAX_FRESH_TIMES } from '@/utils/lookup/fresh-time';
import { affects, lookupsTouchedBy } from '@/utils/lookup/invalidation';
import { buildMatches, normalizeQuery, refsOf } from '@/utils/lookup/match';
import type { PageMarks } from '@/utils/lookup/page-marks';
import type { LookupQuery, LookupResult } from '@/utils/lookup/types';

export interface LookupEngineOptions {
  http: CloseHttp;
  cache: LookupCache;
  organizationId: string;
  now?: () => number;
  /** Younger entries are served without asking Close. Default 10 minutes (the settings' default). */
  freshMs?: number;
  /**
   * What each page last showed. With it, a look-up for a page (`LookupOptions.page`) that showed
   * the same answer less than `freshMs` ago is served again without asking Close, while the answer
   * is younger than SHOWN_AGAIN_MAX_FRESH_TIMES × `freshMs`.
   */
  marks?: PageMarks;
  /** Older entries are not served at all. Default 12 hours. */
  maxAgeMs?: number;
  /** Leads fetched per lookup. Default 50. */
  maxLeads?: number;
  /** Called when a background revalidation of a stale entry has stored a new result. */
  onRevalidated?: (result: LookupResult) => void;
  /** Called when a background revalidation failed (the stale result stays in the cache). */
  onRevalidateFailed?: (query: LookupQuery, error: unknown) => void;
}

export interface LookupOptions {
  /** Skip the cache and ask Close (the panel's refresh button). */
  force?: boolean;
  /** The page the answer is for (its address): what it shows is remembered (`marks`). */
  page?: string;
}

export interface LookupOutcome {
  result: LookupResult;
  /** Present when `result` is stale: resolves with the revalidated result (also sent to `onRevalidated`). */
  refresh?: Promise<LookupResult>;
}

export interface LookupEngine {
  /** The result now: fresh cache (0 requests), stale cache (revalidated in the background), or Close. */
  lookup(query: LookupQuery, options?: LookupOptions): Promise<LookupResult>;
  /** Same as `lookup`, plus the background refresh promise when the answer was stale. */
  lookupWithRefresh(query: LookupQuery, options?: LookupOptions): Promise<LookupOutcome>;
  /** Drops cached lookups this write touched; returns how many. Writes via `http` are handled automatically. */
  invalidate(event: WriteEvent): Promise<number>;
  /** Drops this organization's cached lookups. */
  clear(): Promise<void>;
  /** Stops listening to the client's writes. */
  dispose(): void;
}

const LeadPageSchema = pageSchema(RawLeadSchema);

export function createLookupEngine(options: LookupEngineOptions): LookupEngine {
  const { http, cache, organizationId } = options;
  const now = options.now ?? Date.now;
  const freshMs = options.freshMs ?? DEFAULT_FRESH_MS;
  const maxAgeMs = options.maxAgeMs ?? LOOKUP_MAX_AGE_MS;
  const maxLeads = options.maxLeads ?? 50;
  const marks = options.marks;

  /** Look-ups asking Close now, with the write generation they started in. */
  const inflight = new Map<string, { generation: number; result: Promise<LookupResult> }>();
  /** Bumped on every write so a fetch that raced a write is not cached. */
  let writeGeneration = 0;
  let pendingInvalidation: Promise<unknown> = Promise.resolve();
  /** Once Close says Advanced Filtering is missing (403/404), stop asking for it. */
  let legacyOnly = false;
  /** Set by dispose(): a fetch still running then stores nothing (its organization may be gone). */
  let disposed = false;

  const unsubscribe = http.onWrite((event) => {
    writeGeneration++;
    const run = invalidate(event).catch(traced('look-up cache invalidate', 0));
    pendingInvalidation = Promise.all([pendingInvalidation, run]);
  });

  function keyOf(query: LookupQuery): string {
    return lookupCacheKey(
      organizationId,
      JSON.stringify([query.emails, query.domain ?? '', query.name ?? '']),
    );
  }

  /** Leads Close found, and whether its answer was cut at the limit (more may match). */
  type Found = { leads: Lead[]; cut: boolean };

  async function filterLeads(node: SearchNode, limit: number): Promise<Found> {
    const response = await search(http, {
      query: and(objectType('lead'), node),
      _fields: LEAD_SEARCH_FIELDS,
      _limit: limit,
      results_limit: limit,
    });
    const cut = response.data.length >= limit;
    // Leads whose contacts came back without addresses are loaded whole, every one of them.
    return { leads: await leadsFromSearch(http, response.data), cut };
  }

  async function legacyLeads(clauses: string[], limit: number): Promise<Found> {
    const raw = await http.get('lead/', {
      query: {
        query: `${clauses.join(' OR ')} sort:-created`,
        _limit: Math.min(MAX_LEAD_LIMIT, limit),
      },
    });
    const page = parseWith(LeadPageSchema, raw, t('closeWhatFoundLeads'));
    const data = (raw as { data: Array<Record<string, unknown> & { id: string }> }).data;
    return { leads: await leadsFromSearch(http, data), cut: page.has_more };
  }

  /**
   * Advanced Filtering first; the legacy `query` parameter only when Advanced Filtering is
   * unavailable (403/404). A 400 (our query refused) is thrown as "Close refused the search".
   */
  async function findLeads(
    node: SearchNode,
    legacyClauses: string[],
    limit = maxLeads,
  ): Promise<Found> {
    if (!legacyOnly) {
      try {
        return await filterLeads(node, limit);
      } catch (error) {
        if (!searchUnavailable(error)) throw error;
        const status = (error as { status?: number }).status;
        if (status === 403 || status === 404) legacyOnly = true;
      }
    }
    return legacyLeads(legacyClauses, limit);
  }

  const emailClauses = (emails: string[]) => emails.map((e) => `email_address:${quote(e)}`);

  /**
   * Asks Close: one search for all addresses and the domain. Only when that answer was cut at the
   * limit (a company domain with many leads, newest first) and some address found nothing, one
   * more search for those addresses alone, so a lead found by exact address is never pushed out
   * by domain matches. One more by name only if nothing matched.
   */
  async function fetchResult(query: LookupQuery): Promise<LookupResult> {
    const nodes: SearchNode[] = [];
    const legacy: string[] = [];
    if (query.emails.length > 0) {
      nodes.push(leadHasEmail(query.emails));
      legacy.push(...emailClauses(query.emails));
    }
    if (query.domain) {
      nodes.push(leadHasDomain(query.domain));
      // No documented keyword takes a domain: plain-text phrases, re-checked locally.
      legacy.push(...websiteValues(query.domain).slice(0, 2).map(quote));
    }
    let built = { matches: [] as LookupResult['leads'], unmatchedEmails: query.emails };
    if (nodes.length > 0) {
      const found = await findLeads(
        nodes.length === 1 ? (nodes[0] as SearchNode) : or(...nodes),
        legacy,
      );
      built = buildMatches(found.leads, query);
      const missing = built.unmatchedEmails;
      if (found.cut && missing.length > 0) {
        const byAddress = await findLeads(
          leadHasEmail(missing),
          emailClauses(missing),
          MAX_LEAD_LIMIT,
        );
        built = buildMatches([...byAddress.leads, ...found.leads], query);
      }
    }
    if (built.matches.length === 0 && query.name) {
      const name = query.name;
      const { leads } = await findLeads(
        or(
          textField('lead', 'name', 'phrase', name),
          related('lead', 'contact', textField('contact', 'name', 'phrase', name)),
        ),
        [`name:${quote(name)}`],
      );
      built = { matches: buildMatches(leads, query, true).matches, unmatchedEmails: query.emails };
    }
    return {
      organizationId,
      query,
      leads: built.matches,
      unmatchedEmails: built.unmatchedEmails,
      fetchedAt: now(),
      stale: false,
    };
  }

  /**
   * Fetches (shared between identical concurrent look-ups started since the last write) and
   * stores the result. The caller gets the answer as soon as Close gives it: storing it takes
   * several storage calls and runs behind, while identical look-ups keep sharing this answer.
   */
  function fetchAndStore(key: string, query: LookupQuery, force = false): Promise<LookupResult> {
    const shared = inflight.get(key);
    // A forced look-up ("Try again") asks Close now, whatever is already on its way.
    if (!force && shared && shared.generation === writeGeneration) return shared.result;
    const generation = writeGeneration;
    const result = fetchResult(query);
    const running = { generation, result };
    inflight.set(key, running);
    void result
      .then(async (fetched) => {
        // A write landed while we were asking: our answer may predate it, so do not keep it.
        const unchanged = () => !disposed && generation === writeGeneration;
        if (!unchanged()) return;
        const entry: LookupCacheEntry = {
          version: 1,
          organizationId,
          result: fetched,
          storedAt: fetched.fetchedAt,
          refs: refsOf(fetched.leads),
        };
        await cache.set(key, entry).catch(traced('look-up cache store'));
        // A write (whose invalidation ran before the entry landed) or a dispose meanwhile means
        // the stored answer may predate it.
        if (!unchanged()) await cache.delete(key).catch(traced('look-up cache drop'));
      })
      .catch(() => {
        // A failed look-up stores nothing; its caller has the error.
      })
      .finally(() => {
        if (inflight.get(key) === running) inflight.delete(key);
      });
    return result;
  }

  async function readCache(key: string): Promise<LookupCacheEntry | undefined> {
    await pendingInvalidation;
    try {
      const entry = await cache.get(key);
      return entry && entry.organizationId === organizationId ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  async function lookupWithRefresh(
    rawQuery: LookupQuery,
    lookupOptions: LookupOptions = {},
  ): Promise<LookupOutcome> {
    const query = normalizeQuery(rawQuery);
    if (query.emails.length === 0 && !query.domain && !query.name) {
      return {
        result: {
          organizationId,
          query,
          leads: [],
          unmatchedEmails: [],
          fetchedAt: now(),
          stale: false,
        },
      };
    }
    const key = keyOf(query);
    const { page } = lookupOptions;
    /** The page shows the answer Close gave at `storedAt` (remembered for the seen-here rule). */
    const shown = (storedAt: number) => {
      if (page !== undefined && marks)
        void marks.set(page, { key, storedAt, shownAt: now() }).catch(traced('page mark'));
    };
    if (!lookupOptions.force) {
      const [entry, mark] = await Promise.all([
        readCache(key),
        page !== undefined && marks
          ? marks.get(page).catch(() => undefined)
          : Promise.resolve(undefined),
      ]);
      const age = entry ? now() - entry.storedAt : Number.POSITIVE_INFINITY;
      // Seen here: this page showed this very answer less than the fresh time ago.
      const seenHere =
        entry !== undefined &&
        mark?.key === key &&
        mark.storedAt === entry.storedAt &&
        now() - mark.shownAt < freshMs &&
        age < SHOWN_AGAIN_MAX_FRESH_TIMES * freshMs;
      if (entry && age >= 0 && age < freshMs) {
        shown(entry.storedAt);
        return { result: { ...entry.result, stale: false } };
      }
      if (entry && seenHere) {
        shown(entry.storedAt);
        return { result: { ...entry.result, stale: false, shownAgainAt: mark.shownAt } };
      }
      if (entry && age < maxAgeMs) {
        const refresh = fetchAndStore(key, query).then(
          (result) => {
            shown(result.fetchedAt);
            options.onRevalidated?.(result);
            return result;
          },
          (error: unknown) => {
            options.onRevalidateFailed?.(query, error);
            throw error;
          },
        );
        // The caller may ignore `refresh`; a failed background refresh is reported via the callback.
        refresh.catch(traced('background refresh'));
        return { result: { ...entry.result, stale: true }, refresh };
      }
    }
    const result = await fetchAndStore(key, query, lookupOptions.force);
    shown(result.fetchedAt);
    return { result };
  }

  async function invalidate(event: WriteEvent): Promise<number> {
    const touched = lookupsTouchedBy(event);
    // One read of every entry of this organization, not one per key.
    const entries = await cache.entries(organizationPrefix(organizationId));
    const doomed = entries
      .filter(([, entry]) => !entry || affects(touched, entry.result.query, entry.refs))
      .map(([key]) => key);
    if (doomed.length > 0) await cache.delete(doomed);
    return doomed.length;
  }

  return {
    async lookup(query, lookupOptions) {
      return (await lookupWithRefresh(query, lookupOptions)).result;
    },
    lookupWithRefresh,
    invalidate,
    async clear() {
      await cache.clearOrganization(organizationId);
    },
    dispose() {
      disposed = true;
      unsubscribe();
    },
  };
}
