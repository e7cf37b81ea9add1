// The first screen's reads per organization and lead (the timeline's first page, open tasks) in
// storage.session, next to the look-ups, for the look-ups' fresh time (10 minutes unless the user
// set another): a page or a lead seen within it asks Close nothing, whichever thread showed the
// lead; an older entry, or one the caller says is out of date, is served at once and revalidated
// in the background, as the look-up is. A write through the client that names the lead drops its
// entries; clear() (the panel's refresh, Clear cached data) drops them all.
import { browser } from 'wxt/browser';
import type { WriteEvent } from '@/utils/close/http';
import { traced } from '@/utils/diagnostics';
import { LOOKUP_MAX_AGE_MS } from '@/utils/lookup/cache';
import { CONFIRMED_FOR_MS, DEFAULT_FRESH_MS } from '@/utils/lookup/fresh-time';
import { isNewNote, touchedBy } from '@/utils/lookup/invalidation';

const PREFIX = 'closeLeadReads:';
/** Within this time (unless the caller gives another) a lead's reads ask Close nothing. */
export const LEAD_READS_FRESH_MS = DEFAULT_FRESH_MS;

interface Entry {
  fetchedAt: number;
  value: unknown;
}

function isEntry(value: unknown): value is Entry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Entry).fetchedAt === 'number' &&
    'value' in value
  );
}

export interface LeadReadKey {
  organizationId: string;
  leadId: string;
  kind: string;
}

export interface ReadOptions<T> {
  /**
   * Whether a cached value is out of date although younger than the fresh time (the look-up shows
   * the lead changed since it was loaded): then it is revalidated as a stale one is.
   */
  outdated?: (value: T) => boolean;
  /**
   * When the caller learned, after the value was loaded, that it was still current (a look-up
   * answered by Close showing the lead's date_updated unchanged): its fresh time then counts from
   * that moment, though never past `confirmedForMs` after the value was loaded.
   */
  confirmedAt?: (value: T) => number | undefined;
  /** A stale entry is served without asking Close yet: the caller asks again once it knows more. */
  deferRevalidation?: boolean;
}

/** An answer, whether it is being revalidated, and for how many more ms it is fresh (0 when stale). */
export interface Served<T> {
  value: T;
  stale: boolean;
  freshFor: number;
}

export interface LeadReadsCache {
  /**
   * The cached answer when fresh, else `load()`'s (stored for next time). A load already running
   * for the key (a background revalidation) is joined instead of asking Close again, unless a
   * write to the lead came after it started. `check` parses a cached value before it is trusted;
   * one that fails it is loaded again.
   */
  read<T>(
    key: LeadReadKey,
    load: () => Promise<T>,
    check: (value: unknown) => value is T,
    options?: ReadOptions<T>,
  ): Promise<T>;
  /**
   * Like `read`, but an entry older than the fresh time (and younger than the maximum age, and
   * not older than a write to the lead) is answered at once with `stale: true` while `load()`
   * revalidates it in the background; a later `read` joins that revalidation.
   */
  readOrRevalidate<T>(
    key: LeadReadKey,
    load: () => Promise<T>,
    check: (value: unknown) => value is T,
    options?: ReadOptions<T>,
  ): Promise<Served<T>>;
  /** Like `read`, with how much longer the answer stays fresh. */
  readFresh<T>(
    key: LeadReadKey,
    load: () => Promise<T>,
    check: (value: unknown) => value is T,
    options?: ReadOptions<T>,
  ): Promise<Served<T>>;
  /**
   * Drops the entries of every lead a write named. Takes effect at once (before the returned
   * promise), so a read right after the write already asks Close. A new note drops nothing: its
   * sender adds it to the lead's cached timeline (`amend`).
   */
  forgetTouched(event: WriteEvent): Promise<void>;
  /**
   * Changes a stored entry in place, keeping its age (a note saved here added to the cached first
   * page). A load already running for the lead stores nothing: it may predate the change.
   */
  amend<T>(
    key: LeadReadKey,
    check: (value: unknown) => value is T,
    change: (value: T) => T,
  ): Promise<void>;
  /** Drops everything (Clear cached data, disconnect). */
  clear(organizationId?: string): Promise<number>;
}

/** The part of a storage area the cache uses (storage.session in the extension). */
export interface ReadsArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export function createLeadReadsCache(
  options: {
    now?: () => number;
    /** The fresh time, or where to read it (the user's cache setting, as the look-ups use). */
    freshMs?: number | (() => Promise<number>);
    maxAgeMs?: number;
    /** How long after a load a confirmation (`confirmedAt`) may still keep the value fresh. */
    confirmedForMs?: number;
    area?: ReadsArea;
  } = {},
): LeadReadsCache {
  const area: ReadsArea = options.area ?? browser.storage.session;
  const now = options.now ?? Date.now;
  const setting = options.freshMs;
  async function freshMs(): Promise<number> {
    if (typeof setting === 'number') return setting;
    if (!setting) return LEAD_READS_FRESH_MS;
    return setting().catch(traced('lead reads fresh time', LEAD_READS_FRESH_MS));
  }
  const maxAgeMs = options.maxAgeMs ?? LOOKUP_MAX_AGE_MS;
  const confirmedForMs = options.confirmedForMs ?? CONFIRMED_FOR_MS;
  /** Bumped per lead by a write: a load that started before it must not store its answer. */
  const generation = new Map<string, number>();
  /** When a write last named the lead: an entry fetched before that is not used. */
  const writtenAt = new Map<string, number>();
  /**
   * Per organization ('' for all): bumped by clear(), so a load that started before must not store
   * its answer either, and when clear() last ran, so an entry fetched before that is not used (even
   * one still being removed). Clearing one organization leaves the others' reads alone.
   */
  const epochs = new Map<string, number>();
  const clearedAt = new Map<string, number>();
  const stamp = ({ organizationId, leadId }: LeadReadKey) =>
    `${epochs.get('') ?? 0}/${epochs.get(organizationId) ?? 0}/${generation.get(leadId) ?? 0}`;
  /** Loads running per storage key, with the lead's stamp when they started. */
  const inflight = new Map<string, { promise: Promise<unknown>; stamp: string }>();

  const storageKey = ({ organizationId, leadId, kind }: LeadReadKey) =>
    `${PREFIX}${organizationId}:${leadId}:${kind}`;

  async function keys(prefix: string): Promise<string[]> {
    return Object.keys(await area.get(null)).filter((key) => key.startsWith(prefix));
  }

  async function prune(): Promise<void> {
    const all = await area.get(null);
    const old = Object.entries(all)
      .filter(
        ([key, value]) =>
          key.startsWith(PREFIX) && (!isEntry(value) || now() - value.fetchedAt > maxAgeMs),
      )
      .map(([key]) => key);
    if (old.length > 0) await area.remove(old);
  }

  /** The stored entry when it may be shown (parsed, not older than a write); with its age. */
  async function stored<T>(
    key: LeadReadKey,
    check: (value: unknown) => value is T,
  ): Promise<{ value: T; age: number } | null> {
    const item = (await area.get(storageKey(key)))[storageKey(key)];
    const dropped = Math.max(
      clearedAt.get('') ?? -1,
      clearedAt.get(key.organizationId) ?? -1,
      writtenAt.get(key.leadId) ?? -1,
    );
    if (!isEntry(item) || item.fetchedAt <= dropped) return null;
    const age = now() - item.fetchedAt;
    if (age < 0 || age > maxAgeMs || !check(item.value)) return null;
    return { value: item.value, age };
  }

  /** Loads and stores, shared with any load of the key that no write has overtaken. */
  function loadShared<T>(key: LeadReadKey, load: () => Promise<T>): Promise<T> {
    const id = storageKey(key);
    const current = stamp(key);
    const running = inflight.get(id);
    if (running && running.stamp === current) return running.promise as Promise<T>;
    const promise = (async () => {
      const value = await load();
      if (stamp(key) === current) {
        await prune().catch(traced('lead reads prune'));
        await area
          .set({ [id]: { fetchedAt: now(), value } satisfies Entry })
          .catch(traced('lead reads store'));
      }
      return value;
    })().finally(() => {
      if (inflight.get(id)?.promise === promise) inflight.delete(id);
    });
    inflight.set(id, { promise, stamp: current });
    return promise;
  }

  /** How much longer a stored entry may be served without asking Close (≤ 0: not at all). */
  async function freshFor<T>(
    hit: { value: T; age: number },
    options: ReadOptions<T> | undefined,
  ): Promise<number> {
    if (options?.outdated?.(hit.value)) return -1;
    const fresh = await freshMs();
    const left = fresh - hit.age;
    const at = now();
    const confirmed = options?.confirmedAt?.(hit.value);
    if (confirmed === undefined || confirmed <= at - hit.age || confirmed > at) return left;
    return Math.max(left, Math.min(fresh - (at - confirmed), confirmedForMs - hit.age));
  }

  async function readFresh<T>(
    key: LeadReadKey,
    load: () => Promise<T>,
    check: (value: unknown) => value is T,
    readOptions?: ReadOptions<T>,
  ): Promise<Served<T>> {
    const hit = await stored(key, check);
    const left = hit ? await freshFor(hit, readOptions) : 0;
    if (hit && left >= 0) return { value: hit.value, stale: false, freshFor: left };
    const value = await loadShared(key, load);
    return { value, stale: false, freshFor: await freshMs() };
  }

  return {
    async read(key, load, check, readOptions) {
      return (await readFresh(key, load, check, readOptions)).value;
    },
    readFresh,
    async readOrRevalidate(key, load, check, readOptions) {
      const hit = await stored(key, check);
      const left = hit ? await freshFor(hit, readOptions) : 0;
      if (hit && left >= 0) return { value: hit.value, stale: false, freshFor: left };
      if (hit) {
        // Shown now; the panel asks again (read) and joins this load for the fresh answer.
        if (!readOptions?.deferRevalidation)
          loadShared(key, load).catch(traced('revalidate a lead read'));
        return { value: hit.value, stale: true, freshFor: 0 };
      }
      return { value: await loadShared(key, load), stale: false, freshFor: await freshMs() };
    },
    async amend(key, check, change) {
      generation.set(key.leadId, (generation.get(key.leadId) ?? 0) + 1);
      const id = storageKey(key);
      const item = (await area.get(id))[id];
      if (!isEntry(item) || !check(item.value)) return;
      await area.set({ [id]: { fetchedAt: item.fetchedAt, value: change(item.value) } });
    },
    async forgetTouched(event) {
      if (isNewNote(event)) return;
      const leads = [...touchedBy(event).ids].filter((id) => id.startsWith('lead_'));
      if (leads.length === 0) return;
      for (const lead of leads) {
        generation.set(lead, (generation.get(lead) ?? 0) + 1);
        writtenAt.set(lead, now());
      }
      const doomed = (await keys(PREFIX)).filter((key) =>
        leads.some((lead) => key.split(':')[2] === lead),
      );
      if (doomed.length > 0) await area.remove(doomed);
    },
    async clear(organizationId) {
      const scope = organizationId ?? '';
      epochs.set(scope, (epochs.get(scope) ?? 0) + 1);
      clearedAt.set(scope, now());
      const doomed = await keys(organizationId ? `${PREFIX}${organizationId}:` : PREFIX);
      if (doomed.length > 0) await area.remove(doomed);
      return doomed.length;
    },
  };
}
