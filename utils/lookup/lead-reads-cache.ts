// The first screen's reads per organization and lead (the timeline's first page, open tasks) in
// storage.session, next to the look-ups: a panel reopened on a page seen in the last two minutes
// asks Close nothing. A write through the client that names the lead drops its entries.
import { browser } from 'wxt/browser';
import type { WriteEvent } from '@/utils/close/http';
import { traced } from '@/utils/diagnostics';
import { touchedBy } from '@/utils/lookup/invalidation';

const PREFIX = 'closeLeadReads:';
/** A reopened panel within this time asks Close nothing. */
export const LEAD_READS_FRESH_MS = 2 * 60_000;

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

export interface LeadReadsCache {
  /**
   * The cached answer when fresh, else `load()`'s (stored for next time). `check` parses a cached
   * value before it is trusted; one that fails it is loaded again.
   */
  read<T>(
    key: { organizationId: string; leadId: string; kind: string },
    load: () => Promise<T>,
    check: (value: unknown) => value is T,
  ): Promise<T>;
  /**
   * Drops the entries of every lead a write named. Takes effect at once (before the returned
   * promise), so a read right after the write already asks Close.
   */
  forgetTouched(event: WriteEvent): Promise<void>;
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
  options: { now?: () => number; freshMs?: number; area?: ReadsArea } = {},
): LeadReadsCache {
  const area: ReadsArea = options.area ?? browser.storage.session;
  const now = options.now ?? Date.now;
  const freshMs = options.freshMs ?? LEAD_READS_FRESH_MS;
  /** Bumped per lead by a write: a load that started before it must not store its answer. */
  const generation = new Map<string, number>();
  /** When a write last named the lead: an entry fetched before that is not used. */
  const writtenAt = new Map<string, number>();

  async function keys(prefix: string): Promise<string[]> {
    return Object.keys(await area.get(null)).filter((key) => key.startsWith(prefix));
  }

  async function prune(): Promise<void> {
    const all = await area.get(null);
    const old = Object.entries(all)
      .filter(
        ([key, value]) =>
          key.startsWith(PREFIX) && (!isEntry(value) || now() - value.fetchedAt > freshMs),
      )
      .map(([key]) => key);
    if (old.length > 0) await area.remove(old);
  }

  return {
    async read({ organizationId, leadId, kind }, load, check) {
      const key = `${PREFIX}${organizationId}:${leadId}:${kind}`;
      const stored = (await area.get(key))[key];
      if (
        isEntry(stored) &&
        now() - stored.fetchedAt <= freshMs &&
        stored.fetchedAt > (writtenAt.get(leadId) ?? -1) &&
        check(stored.value)
      ) {
        return stored.value;
      }
      const before = generation.get(leadId) ?? 0;
      const value = await load();
      if ((generation.get(leadId) ?? 0) === before) {
        await prune().catch(traced('lead reads prune'));
        await area
          .set({ [key]: { fetchedAt: now(), value } satisfies Entry })
          .catch(traced('lead reads store'));
      }
      return value;
    },
    async forgetTouched(event) {
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
      const doomed = await keys(organizationId ? `${PREFIX}${organizationId}:` : PREFIX);
      if (doomed.length > 0) await area.remove(doomed);
      return doomed.length;
    },
  };
}
