// Keeps what the user types in a form as a draft in storage.local, per record and form, until Close confirms the save.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
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

function storageKey(key: string): `local:draft:${string}` {
  return `local:draft:${key}`;
}

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

export interface DraftHandle<T> {
  value: T;
  /** Updates the value and saves it after a short pause in typing. */
  setValue: (next: T) => void;
  /** True once the stored draft (if any) has been read. */
  ready: boolean;
  /** True when the current value came back from a stored draft. */
  restored: boolean;
  /**
   * True when the record changed since the user's edits began (a draft made on an older version,
   * or a newer record arriving while the form is open): untouched fields now show its values.
   */
  recordChanged: boolean;
  /** Saves now (on blur, before the page goes away). */
  flush: () => Promise<void>;
  /** Forgets the draft and resets the value: call only after Close confirmed the save. */
  clear: () => Promise<void>;
  /**
   * After Close confirmed saving `submitted`: forgets the draft and resets the form to `next`
   * (default: the initial value) — unless the user changed the form since `submitted` was taken
   * (typed while it saved); then the newer value stays, as a draft on top of `next`. Resolves
   * true when the form was reset.
   */
  /** `carryOver`: what of a newer value typed while it saved to keep (default: all of it). */
  settle: (submitted: T, next?: T, carryOver?: (newer: T) => T) => Promise<boolean>;
}

/**
 * A form value that survives closing the panel, switching tabs and restarts: restored on mount,
 * saved while typing (debounced), on blur (`flush`) and on pagehide; cleared only by `clear()` or
 * `settle()`. `initial` is what the form starts from (an edited record's values): it is stored with
 * the draft, so a draft from an older version of the record is moved onto the current one
 * (`rebaseDraft`) instead of silently putting old values back.
 */
export function useDraft<T>(key: string, initial: T): DraftHandle<T> {
  const [value, setState] = useState<T>(initial);
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);
  const [recordChanged, setRecordChanged] = useState(false);
  const initialRef = useRef(initial);
  /** What the current value is a change of: the initial value, or what a save left in Close. */
  const baseRef = useRef(initial);
  const latest = useRef<{ key: string; value: T; dirty: boolean }>({
    key,
    value: initial,
    dirty: false,
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const persist = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const { key: k, value: current, dirty } = latest.current;
    if (!dirty) return;
    latest.current.dirty = false;
    try {
      if (sameValue(current, baseRef.current)) await clearDraft(k);
      else await saveDraft(k, current, Date.now(), baseRef.current);
    } catch {
      // Storage full or unavailable: the text is still on screen; nothing more we can do here.
    }
  }, []);

  // Load the stored draft whenever the key changes (another record or form).
  useEffect(() => {
    let cancelled = false;
    baseRef.current = initialRef.current;
    latest.current = { key, value: initialRef.current, dirty: false };
    setState(initialRef.current);
    setReady(false);
    setRestored(false);
    setRecordChanged(false);
    loadDraftEntry(key, initialRef.current)
      .then((stored) => {
        if (cancelled) return;
        // Never overwrite what the user typed while we were reading.
        if (stored !== null && !latest.current.dirty) {
          const current = initialRef.current;
          const moved = stored.base !== null && !sameValue(stored.base, current);
          const restoredValue = moved
            ? rebaseDraft(stored.value, stored.base as T, current)
            : stored.value;
          latest.current.value = restoredValue;
          setState(restoredValue);
          setRestored(true);
          setRecordChanged(moved);
          // Stored again on the current record, so the next read does not move it twice.
          if (moved) latest.current.dirty = true;
        }
      })
      .catch(() => {})
      .finally(() => {
        if (!cancelled) setReady(true);
      });
    return () => {
      cancelled = true;
      void persist();
    };
  }, [key, persist]);

  // A newer version of the record while the form is open (the panel refreshed): edits stay,
  // untouched fields follow it.
  const initialJson = JSON.stringify(initial);
  useEffect(() => {
    if (sameValue(initial, initialRef.current)) return;
    const oldBase = baseRef.current;
    initialRef.current = initial;
    baseRef.current = initial;
    const current = latest.current.value;
    const edited = !sameValue(current, oldBase);
    const next = rebaseDraft(current, oldBase, initial);
    latest.current.value = next;
    setState(next);
    if (edited) {
      setRecordChanged(true);
      latest.current.dirty = true;
      void persist();
    }
  }, [initialJson, persist]);

  useEffect(() => {
    const onHide = () => void persist();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void persist();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [persist]);

  const setValue = useCallback(
    (next: T) => {
      latest.current.value = next;
      latest.current.dirty = true;
      setState(next);
      setRestored(false);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void persist(), DRAFT_DEBOUNCE_MS);
    },
    [persist],
  );

  const reset = useCallback(async (next: T) => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const k = latest.current.key;
    initialRef.current = next;
    baseRef.current = next;
    latest.current = { key: k, value: next, dirty: false };
    setState(next);
    setRestored(false);
    setRecordChanged(false);
    await clearDraft(k).catch(() => {});
  }, []);

  const clear = useCallback(() => reset(initialRef.current), [reset]);

  const settle = useCallback(
    async (submitted: T, next: T = initialRef.current, carryOver?: (newer: T) => T) => {
      if (sameValue(latest.current.value, submitted)) {
        await reset(next);
        return true;
      }
      if (carryOver) {
        // What was typed while it saved, without what was just saved (so it is not sent twice).
        const rest = carryOver(latest.current.value);
        if (sameValue(rest, next)) {
          await reset(next);
          return true;
        }
        latest.current.value = rest;
        setState(rest);
      }
      // Typed while it saved: keep the newer value, now a change of what was just saved (the
      // form's record becomes `next` too, so its arrival is not taken for someone else's change).
      initialRef.current = next;
      baseRef.current = next;
      setRecordChanged(false);
      latest.current.dirty = true;
      await persist();
      return false;
    },
    [reset, persist],
  );

  return { value, setValue, ready, restored, recordChanged, flush: persist, clear, settle };
}
