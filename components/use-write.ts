// A form's link to the write journal: the details each save carries (a client id, its draft), what
// the journal says about the form's draft, and what to do when the answer to a save is lost.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { toAppError } from '@/utils/app-error';
import { sendMessage } from '@/utils/messaging';
import { journalEntries } from '@/utils/ui/write-journal-signal';
import {
  blocksSending,
  entryForDraft,
  type JournalEntry,
  type WriteMeta,
} from '@/utils/write-journal';

function newClientId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `w${Date.now()}${Math.random().toString(36).slice(2)}`
  );
}

export interface WriteHandle {
  /** The journal's newest entry for this form's draft. */
  entry: JournalEntry | null;
  /** The save whose answer was lost before the background recorded it: never sent. */
  notRecorded: boolean;
  /** A lost answer is being looked up. */
  looking: boolean;
  /** This form's latest save had a journal entry that is gone now (cancelled, dismissed). */
  forgotten: boolean;
  /** The client id of this form's latest save (null before the first). */
  currentId: string | null;
  /** The save this form last saw Close confirm itself (its "Saved" is already shown). */
  confirmedId: string | null;
  /** True while Close has, may have or is getting this draft's save: no second send. */
  blocked: boolean;
  /** The details for a new save of `draftValue`. */
  begin: (draftValue: unknown, leadId?: string | null) => WriteMeta;
  /** Wraps a save: a lost answer (outcome unknown) is looked up in the journal, never re-sent. */
  guard: <R>(meta: WriteMeta, save: Promise<R>) => Promise<R>;
  /** Asks Close again about an unknown save. */
  check: () => Promise<void>;
  /** Stops a queued save (its text stays). */
  cancel: () => Promise<void>;
  /** Hides a failed or unknown save's status after the user looked in Close. */
  dismiss: () => Promise<void>;
}

const LOOKUP_TRIES = 4;

/**
 * `onSavedElsewhere`: the journal settled this form's save as saved without the form getting
 * Close's answer (it was lost with the worker or the message port): the caller refreshes what it shows.
 */
export function useWrite(draftKey: string, onSavedElsewhere?: () => void): WriteHandle {
  const entry = entryForDraft(journalEntries.value, draftKey);
  const seen = useRef(new Set<string>());
  if (entry) seen.current.add(entry.id);
  const [notRecorded, setNotRecorded] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const [confirmedId, setConfirmedId] = useState<string | null>(null);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const current = useRef<string | null>(null);

  const begin = useCallback(
    (draftValue: unknown, leadId?: string | null): WriteMeta => {
      const clientId = newClientId();
      current.current = clientId;
      setCurrentId(clientId);
      setNotRecorded(null);
      return { clientId, draftKey, draftValue, ...(leadId ? { leadId } : {}) };
    },
    [draftKey],
  );

  /** The background (a new worker, if the old one died) resolves the save and says what it knows. */
  const lookUp = useCallback(async (clientId: string) => {
    setLooking(true);
    try {
      for (let attempt = 0; attempt < LOOKUP_TRIES; attempt++) {
        try {
          const found = await sendMessage('ui:resolveWrites', { clientId });
          if (found === null && current.current === clientId) setNotRecorded(clientId);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 400 * (attempt + 1)));
        }
      }
    } finally {
      setLooking(false);
    }
  }, []);

  const guard = useCallback(
    async <R>(meta: WriteMeta, save: Promise<R>): Promise<R> => {
      try {
        const result = await save;
        setConfirmedId(meta.clientId);
        return result;
      } catch (error) {
        if (toAppError(error).outcomeUnknown) void lookUp(meta.clientId);
        throw error;
      }
    },
    [lookUp],
  );

  const savedElsewhere = useRef(onSavedElsewhere);
  savedElsewhere.current = onSavedElsewhere;
  const reported = useRef<string | null>(null);
  const savedId = entry?.state === 'saved' ? entry.id : null;
  useEffect(() => {
    if (!savedId || savedId !== currentId || savedId === confirmedId) return;
    if (reported.current === savedId) return;
    reported.current = savedId;
    savedElsewhere.current?.();
  }, [savedId, currentId, confirmedId]);

  const id = entry?.id;
  const check = useCallback(async () => {
    const target = id ?? current.current;
    if (target) await lookUp(target);
  }, [id, lookUp]);
  const cancel = useCallback(async () => {
    if (id) await sendMessage('ui:cancelWrite', { clientId: id }).catch(() => false);
  }, [id]);
  const dismiss = useCallback(async () => {
    if (id) await sendMessage('ui:dismissWrite', { clientId: id }).catch(() => false);
  }, [id]);

  return {
    entry,
    notRecorded: notRecorded !== null && notRecorded === current.current,
    currentId,
    looking,
    forgotten: currentId !== null && seen.current.has(currentId) && entry?.id !== currentId,
    confirmedId,
    blocked: blocksSending(entry) || looking,
    begin,
    guard,
    check,
    cancel,
    dismiss,
  };
}
