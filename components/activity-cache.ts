// Activity a panel has loaded, per organization and lead, for the panel's lifetime: a lead section
// that mounts again (the page was revisited, a pinned lead joined the matches) shows it at once,
// and asks the background again only once the background's own copy (per organization and lead,
// utils/lookup/lead-reads-cache.ts) is no longer fresh: the background says for how long it is.
// A write to the lead from the panel, a newer date_updated on the lead (docs/close-api.md: assumed
// to move with new activity), or the panel's "Try again" forgets its entry.
import type { Activity } from '@/utils/close/types';
import { updatedSince } from '@/utils/lookup/updated-since';

export { updatedSince };

export interface CachedActivities {
  /** Every page loaded so far, in Close's order. */
  items: Activity[];
  /** Where "Load more" continues; null when there is no more. */
  cursor: string | null;
  /** The lead's date_updated when the first page was asked for; a lead updated since has newer activity. */
  leadUpdated?: string | undefined;
  /** Until when (ms) the background's copy of the first page is fresh; absent counts as old. */
  freshUntil?: number | undefined;
}

/** Enough for a working session; the oldest entry goes first. */
const MAX_LEADS = 50;

const entries = new Map<string, CachedActivities>();
const versions = new Map<string, number>();
/** Counts "forget everything" (the panel's Try again); part of every lead's version. */
let epoch = 0;

function keyOf(organizationId: string, leadId: string): string {
  return `${organizationId}\u0000${leadId}`;
}

/** Changes whenever the lead's entry is forgotten; a load started before must not store its result. */
export function activityVersion(organizationId: string, leadId: string): number {
  return epoch + (versions.get(keyOf(organizationId, leadId)) ?? 0);
}

export function cachedActivities(organizationId: string, leadId: string): CachedActivities | null {
  return entries.get(keyOf(organizationId, leadId)) ?? null;
}

/** Stores what a timeline has loaded, unless the lead was written to since `version` was read. */
export function rememberActivities(
  organizationId: string,
  leadId: string,
  version: number,
  loaded: CachedActivities,
): void {
  if (version !== activityVersion(organizationId, leadId)) return;
  const key = keyOf(organizationId, leadId);
  entries.delete(key);
  entries.set(key, loaded);
  while (entries.size > MAX_LEADS) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}

/** After a write to the lead from the panel: the next timeline for it asks Close again. */
export function forgetActivities(organizationId: string, leadId: string): void {
  const key = keyOf(organizationId, leadId);
  entries.delete(key);
  versions.set(key, (versions.get(key) ?? 0) + 1);
}

/** The panel asked Close again ("Try again"): every timeline asks again too. */
export function forgetEveryLeadsActivities(): void {
  entries.clear();
  epoch++;
}

/**
 * What a lead section mounting now shows and whether it asks (the background answers from its own
 * cache while fresh, else shows the stale page and revalidates): the panel's entry unless the lead
 * changed since; asked again when there is none or the background's copy is no longer fresh.
 */
export function activitiesOnMount(
  organizationId: string,
  leadId: string,
  leadUpdated: string | undefined,
  at: number,
): { hit: CachedActivities | null; ask: boolean } {
  let hit = cachedActivities(organizationId, leadId);
  if (hit && updatedSince(leadUpdated, hit.leadUpdated)) {
    forgetActivities(organizationId, leadId);
    hit = null;
  }
  return { hit, ask: !hit || at > (hit.freshUntil ?? 0) };
}

/** Forgets everything (tests). */
export function forgetAllActivities(): void {
  entries.clear();
  versions.clear();
  epoch = 0;
}
