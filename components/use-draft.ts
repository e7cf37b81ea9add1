// The form side of drafts: a value restored from storage.local on mount, saved while typing, and
// reset when the draft goes away because Close saved it (possibly in the background, panel closed).
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { storage } from '#imports';
import { OrganizationScope } from '@/components/organization-scope';
import {
  clearDraft,
  DRAFT_DEBOUNCE_MS,
  draftStorageKey,
  loadDraftEntry,
  rebaseDraft,
  sameValue,
  saveDraft,
  scopedDraftKey,
} from '@/utils/drafts';

export interface DraftHandle<T> {
  /** The draft's key within the organization (what the write journal clears after a save). */
  key: string;
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
export function useDraft<T>(formKey: string, initial: T): DraftHandle<T> {
  const key = scopedDraftKey(useContext(OrganizationScope), formKey);
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
    // Another record or form: it starts from its own initial value. Not on mount: this effect runs
    // only after the browser has painted the form, and what the user typed into it meanwhile stays.
    if (latest.current.key !== key) {
      baseRef.current = initialRef.current;
      latest.current = { key, value: initialRef.current, dirty: false };
      setState(initialRef.current);
      setRestored(false);
      setRecordChanged(false);
    }
    setReady(false);
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

  // The draft went away without this form clearing it: the background settled the save (the
  // journal clears a saved write's draft, whether or not a page is open). Nothing typed since the
  // last save to storage: the form empties too, so the saved text cannot be sent again.
  useEffect(() => {
    return storage.watch<unknown>(draftStorageKey(key), (next) => {
      if (next !== null && next !== undefined) return;
      if (latest.current.key !== key || latest.current.dirty) return;
      if (sameValue(latest.current.value, initialRef.current)) return;
      latest.current.value = initialRef.current;
      baseRef.current = initialRef.current;
      setState(initialRef.current);
      setRestored(false);
      setRecordChanged(false);
    });
  }, [key]);

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

  return { key, value, setValue, ready, restored, recordChanged, flush: persist, clear, settle };
}
