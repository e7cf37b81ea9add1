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
  | 'search';

export const DRAFT_DEBOUNCE_MS = 300;
/** Drafts older than this are ignored and removed: nobody wants a month-old half-sentence back. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

const DraftEnvelopeSchema = v.object({
  v: v.literal(1),
  savedAt: v.number(),
  value: v.unknown(),
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

function isEmptyLike<T>(value: T, initial: T): boolean {
  return JSON.stringify(value) === JSON.stringify(initial);
}

/** Reads a draft; null when there is none, it is too old or it no longer fits the form. */
export async function loadDraft<T>(key: string, fallback: T, now = Date.now()): Promise<T | null> {
  const raw = await storage.getItem<unknown>(storageKey(key));
  if (raw === null || raw === undefined) return null;
  const parsed = v.safeParse(DraftEnvelopeSchema, raw);
  if (!parsed.success || now - parsed.output.savedAt > DRAFT_MAX_AGE_MS) {
    await storage.removeItem(storageKey(key));
    return null;
  }
  return coerce(fallback, parsed.output.value);
}

export async function saveDraft<T>(key: string, value: T, now = Date.now()): Promise<void> {
  const envelope: DraftEnvelope = { v: 1, savedAt: now, value };
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
  /** Saves now (on blur, before the page goes away). */
  flush: () => Promise<void>;
  /** Forgets the draft and resets the value: call only after Close confirmed the save. */
  clear: () => Promise<void>;
}

/**
 * A form value that survives closing the panel, switching tabs and restarts: restored on mount,
 * saved while typing (debounced), on blur (`flush`) and on pagehide; cleared only by `clear()`.
 */
export function useDraft<T>(key: string, initial: T): DraftHandle<T> {
  const [value, setState] = useState<T>(initial);
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);
  const initialRef = useRef(initial);
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
      if (isEmptyLike(current, initialRef.current)) await clearDraft(k);
      else await saveDraft(k, current);
    } catch {
      // Storage full or unavailable: the text is still on screen; nothing more we can do here.
    }
  }, []);

  // Load the stored draft whenever the key changes (another record or form).
  useEffect(() => {
    let cancelled = false;
    latest.current = { key, value: initialRef.current, dirty: false };
    setState(initialRef.current);
    setReady(false);
    setRestored(false);
    loadDraft(key, initialRef.current)
      .then((stored) => {
        if (cancelled) return;
        // Never overwrite what the user typed while we were reading.
        if (stored !== null && !latest.current.dirty) {
          latest.current.value = stored;
          setState(stored);
          setRestored(true);
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

  const clear = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const k = latest.current.key;
    latest.current = { key: k, value: initialRef.current, dirty: false };
    setState(initialRef.current);
    setRestored(false);
    await clearDraft(k).catch(() => {});
  }, []);

  return { value, setValue, ready, restored, flush: persist, clear };
}
