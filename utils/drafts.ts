// Drafts in storage.local: what the user typed in a form, per organization, form and record, kept
// until Close confirms the save (the write journal clears them in the background), swept after 30 days.
// The form hook that fills and saves them is components/use-draft.ts.

import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { storage } from '#imports';

/** The forms that keep drafts. */
export type DraftForm =
  | 'note'
  | 'note-edit'
  | 'lead'
  | 'contact'
  | 'contact-edit'
  | 'opportunity'
  | 'opportunity-edit'
  | 'create-lead'
  | 'task'
  | 'task-edit'
  /** A task's tick: no draft is kept, the key only ties its journal entry to the checkbox. */
  | 'task-done'
  | 'search';

export const DRAFT_DEBOUNCE_MS = 300;
/** Drafts older than this are ignored and removed: nobody wants a month-old half-sentence back. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

const DraftEnvelopeSchema = v.object({
  v: v.literal(1),
  savedAt: v.number(),
  value: v.unknown(),
  /** What the form started from (the record's values) when the draft began; older drafts lack it. */
  base: v.optional(v.unknown()),
});
type DraftEnvelope = v.InferOutput<typeof DraftEnvelopeSchema>;

/** "note:lead_123"; forms for a record that does not exist yet use "new" (or a page-specific id). */
export function draftKey(form: DraftForm, recordId?: string | null): string {
  return `${form}:${recordId || 'new'}`;
}

/**
 * A draft key within an organization ("orga_1/note:lead_123"): one organization's drafts never
 * show in another's forms and leave with its Disconnect. No organization: the key as it is.
 */
export function scopedDraftKey(organizationId: string, key: string): string {
  return organizationId ? `${organizationId}/${key}` : key;
}

/** The organization a stored draft key belongs to; null for drafts saved before keys were scoped. */
export function organizationOfDraftKey(key: string): string | null {
  const slash = key.indexOf('/');
  const colon = key.indexOf(':');
  return slash > 0 && (colon === -1 || slash < colon) ? key.slice(0, slash) : null;
}

const STORAGE_PREFIX = 'draft:';

/** Where a draft lives in storage.local (for watching it). */
export function draftStorageKey(key: string): `local:draft:${string}` {
  return `local:${STORAGE_PREFIX}${key}`;
}
const storageKey = draftStorageKey;

/** Keeps only what matches the shape of `fallback`: same primitive type, or same keys with same types. */
function coerce<T>(fallback: T, stored: unknown): T | null {
  if (typeof fallback !== 'object' || fallback === null) {
    return typeof stored === typeof fallback ? (stored as T) : null;
  }
  if (Array.isArray(fallback)) return Array.isArray(stored) ? (stored as T) : null;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
  const out: Record<string, unknown> = { ...(fallback as Record<string, unknown>) };
  const record = stored as Record<string, unknown>;
  for (const [name, expected] of Object.entries(fallback as Record<string, unknown>)) {
    const value = record[name];
    if (value === undefined) continue;
    if (Array.isArray(expected) ? Array.isArray(value) : typeof value === typeof expected) {
      out[name] = value;
    }
  }
  return out as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality for draft values (strings, numbers, arrays, plain objects), key order ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/**
 * Moves a draft made on `oldBase` onto `current` (the record as it is now): what the user changed
 * stays, what they left alone takes the current value, field by field through nested objects
 * (custom fields); a list counts as one field.
 */
export function rebaseDraft<T>(draft: T, oldBase: T, current: T): T {
  if (sameValue(draft, oldBase)) return current;
  if (!isPlainObject(draft) || !isPlainObject(oldBase) || !isPlainObject(current)) return draft;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(current), ...Object.keys(draft)])) {
    const merged = rebaseDraft(draft[key], oldBase[key], current[key]);
    if (merged !== undefined) out[key] = merged;
  }
  return out as T;
}

export interface StoredDraft<T> {
  value: T;
  /** What the form showed when the draft began; null for drafts saved before bases were kept. */
  base: T | null;
}

/** Reads a draft with its base; null when there is none, it is too old or it no longer fits the form. */
export async function loadDraftEntry<T>(
  key: string,
  fallback: T,
  now = Date.now(),
): Promise<StoredDraft<T> | null> {
  const raw = await storage.getItem<unknown>(storageKey(key));
  if (raw === null || raw === undefined) return null;
  const parsed = v.safeParse(DraftEnvelopeSchema, raw);
  if (!parsed.success || now - parsed.output.savedAt > DRAFT_MAX_AGE_MS) {
    await storage.removeItem(storageKey(key));
    return null;
  }
  const value = coerce(fallback, parsed.output.value);
  if (value === null) return null;
  const base = parsed.output.base === undefined ? null : coerce(fallback, parsed.output.base);
  return { value, base };
}

/** Reads a draft; null when there is none, it is too old or it no longer fits the form. */
export async function loadDraft<T>(key: string, fallback: T, now = Date.now()): Promise<T | null> {
  return (await loadDraftEntry(key, fallback, now))?.value ?? null;
}

/** Saves a draft; `base` is what the form started from (the record's values), kept to rebase on. */
export async function saveDraft<T>(
  key: string,
  value: T,
  now = Date.now(),
  base?: T,
): Promise<void> {
  const envelope: DraftEnvelope = {
    v: 1,
    savedAt: now,
    value,
    ...(base === undefined ? {} : { base }),
  };
  await storage.setItem(storageKey(key), envelope);
}

export async function clearDraft(key: string): Promise<void> {
  await storage.removeItem(storageKey(key));
}

/** Every stored draft: its key (without the storage prefix), organization and when it was saved. */
export async function listDrafts(): Promise<
  Array<{ key: string; organizationId: string | null; savedAt: number | null }>
> {
  const all = await browser.storage.local.get(null);
  return Object.entries(all)
    .filter(([name]) => name.startsWith(STORAGE_PREFIX))
    .map(([name, raw]) => {
      const key = name.slice(STORAGE_PREFIX.length);
      const parsed = v.safeParse(DraftEnvelopeSchema, raw);
      return {
        key,
        organizationId: organizationOfDraftKey(key),
        savedAt: parsed.success ? parsed.output.savedAt : null,
      };
    });
}

/** How many drafts an organization holds (unsent text a Disconnect would remove). */
export async function countDrafts(organizationId: string): Promise<number> {
  return (await listDrafts()).filter((d) => d.organizationId === organizationId).length;
}

/** Removes an organization's drafts (on its Disconnect). Resolves with how many went. */
export async function removeOrganizationDrafts(organizationId: string): Promise<number> {
  const keys = (await listDrafts())
    .filter((d) => d.organizationId === organizationId)
    .map((d) => `${STORAGE_PREFIX}${d.key}`);
  if (keys.length > 0) await browser.storage.local.remove(keys);
  return keys.length;
}

/**
 * Removes drafts older than DRAFT_MAX_AGE_MS or unreadable, and moves drafts from before keys were
 * scoped into `activeOrganizationId` (the only organization they can have come from when one is
 * connected). Resolves with how many were removed.
 */
export async function sweepDrafts(
  activeOrganizationId: string | null,
  now = Date.now(),
): Promise<number> {
  const drafts = await listDrafts();
  const stale = drafts
    .filter((d) => d.savedAt === null || now - d.savedAt > DRAFT_MAX_AGE_MS)
    .map((d) => `${STORAGE_PREFIX}${d.key}`);
  if (stale.length > 0) await browser.storage.local.remove(stale);
  if (activeOrganizationId) {
    const legacy = drafts.filter(
      (d) => d.organizationId === null && d.savedAt !== null && now - d.savedAt <= DRAFT_MAX_AGE_MS,
    );
    for (const draft of legacy) {
      const from = `${STORAGE_PREFIX}${draft.key}`;
      const to = `${STORAGE_PREFIX}${scopedDraftKey(activeOrganizationId, draft.key)}`;
      const value = (await browser.storage.local.get(from))[from];
      const existing = (await browser.storage.local.get(to))[to];
      if (existing === undefined) await browser.storage.local.set({ [to]: value });
      await browser.storage.local.remove(from);
    }
  }
  return stale.length;
}
