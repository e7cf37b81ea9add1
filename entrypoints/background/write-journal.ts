// The background's write journal: records every write before it leaves for Close, settles it (and
// clears its draft) when Close answers whether or not a page is open, resolves lost answers by
// asking Close, and sends queued writes once when Close is reachable again. Never a blind resend.

import type { Handlers } from '@/entrypoints/background/router';
import {
  LIST_SETTLE_MS,
  type WriteKind,
  type WriteKinds,
} from '@/entrypoints/background/write-kinds';
import { type AppError, toAppError } from '@/utils/app-error';
import type { CloseHttp } from '@/utils/close/http';
import { traced } from '@/utils/diagnostics';
import { clearDraft, loadDraftEntry, sameValue } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import {
  type MessageOutputs,
  type ParsedInput,
  panelActionName,
  WRITE_MESSAGES,
  type WriteMessageName,
} from '@/utils/messaging';
import {
  addEntry,
  afterCheck,
  afterSend,
  type CheckOutcome,
  type JournalEntry,
  parseJournal,
  pruneJournal,
  recordWrite,
  resend,
  resolutionOf,
  type WriteMeta,
} from '@/utils/write-journal';

export interface JournalStore {
  get(): Promise<unknown>;
  set(value: JournalEntry[]): Promise<void>;
}

export interface WriteJournalDeps<Kinds extends Record<string, WriteKind<never, unknown>>> {
  kinds: Kinds;
  store: JournalStore;
  /** The active organization's client (NotConnectedError when none). */
  http: () => Promise<CloseHttp>;
  /**
   * A client with another connected organization's key, for checks only (null: not connected).
   * Without it, another organization's entries wait until it is active again.
   */
  httpFor?: (organizationId: string) => Promise<CloseHttp | null>;
  activeOrganization: () => Promise<string | null>;
  /** Called with true while queued writes wait for Close (to keep a retry scheduled), false after. */
  onQueued?: (waiting: boolean) => void;
  now?: () => number;
  /** This worker's id; a `sending` entry of another worker lost its answer with it. */
  workerId?: string;
  /**
   * A check found the write in Close (its answer was lost): nothing else heard of it, so caches
   * showing what it touched are told here (a send's own answer goes through the client's onWrite).
   */
  onSavedByCheck?: (entry: JournalEntry) => Promise<void> | void;
  /** Clears a saved write's draft; defaults to storage.local drafts. */
  clearDraft?: (key: string, submitted: unknown) => Promise<void>;
}

/** Clears the draft unless it changed since it was sent (the user typed more: that stays). */
export async function clearDraftIfUnchanged(key: string, submitted: unknown): Promise<void> {
  if (submitted === undefined) return;
  const stored = await loadDraftEntry<unknown>(key, submitted);
  if (stored === null || sameValue(stored.value, submitted)) await clearDraft(key);
}

function randomId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `w${Date.now()}${Math.random().toString(36).slice(2)}`
  );
}

function resultIdOf(value: unknown): string {
  if (value && typeof value === 'object') {
    const record = value as { id?: unknown; lead?: { id?: unknown } };
    if (typeof record.id === 'string') return record.id;
    if (typeof record.lead?.id === 'string') return record.lead.id;
  }
  return '';
}

const UNREACHABLE = new Set<AppError['kind']>(['network', 'timeout']);

export function createWriteJournal<Kinds extends Record<string, WriteKind<never, unknown>>>(
  deps: WriteJournalDeps<Kinds>,
) {
  const now = deps.now ?? Date.now;
  const workerId = deps.workerId ?? randomId();
  const settleDraft = deps.clearDraft ?? clearDraftIfUnchanged;
  /** Entries this worker is sending or checking now: nobody else touches them. */
  const busy = new Set<string>();
  let chain: Promise<unknown> = Promise.resolve();
  /**
   * The organization last seen active (null: not yet known). Another organization's queued write
   * waits for it to be active again and keeps no retry going meanwhile.
   */
  let lastActive: string | null = null;
  const activeOrganization = async () => {
    const organizationId = await deps.activeOrganization();
    lastActive = organizationId;
    return organizationId;
  };
  const waits = (e: JournalEntry) =>
    e.state === 'checking' ||
    (e.state === 'queued' && (lastActive === null || e.organizationId === lastActive));

  /** One read-modify-write of the journal at a time (this worker is the only writer). */
  function mutate<T>(change: (entries: JournalEntry[]) => { entries: JournalEntry[]; result: T }) {
    const run = chain.then(async () => {
      const entries = parseJournal(await deps.store.get());
      const { entries: next, result } = change(pruneJournal(entries, now()));
      await deps.store.set(next);
      // Queued writes, and checks waiting for Close's lists, are retried until they settle.
      deps.onQueued?.(next.some(waits));
      return result;
    });
    // The caller gets `run`'s failure; the chain only has to go on after it.
    chain = run.catch(() => {});
    return run;
  }

  /** Applies `change` to the stored entry `id`; null when it is gone (cancelled, disconnected). */
  const update = (id: string, change: (entry: JournalEntry) => JournalEntry) =>
    mutate<JournalEntry | null>((entries) => {
      const current = entries.find((e) => e.id === id);
      if (!current) return { entries, result: null };
      const next = change(current);
      return { entries: entries.map((e) => (e === current ? next : e)), result: next };
    });

  async function entries(): Promise<JournalEntry[]> {
    await chain;
    return parseJournal(await deps.store.get());
  }

  function kindOf(name: string): WriteKind<unknown, unknown> | undefined {
    return (deps.kinds as Record<string, WriteKind<unknown, unknown> | undefined>)[name];
  }

  /** Stores a settled state; a saved write's draft goes (unless the user typed more since). */
  async function settle(
    id: string,
    change: (entry: JournalEntry) => JournalEntry,
  ): Promise<JournalEntry | null> {
    const stored = await update(id, change);
    if (stored?.state === 'saved' && stored.draftKey) {
      await settleDraft(stored.draftKey, stored.draftValue).catch(traced('settle draft'));
    }
    return stored;
  }

  /** Sends an entry this worker owns and settles it with Close's answer. */
  async function send(entry: JournalEntry): Promise<{ value: unknown } | { error: unknown }> {
    const kind = kindOf(entry.kind);
    if (!kind) {
      const error: AppError = {
        kind: 'bad_request',
        message: t('writeJournalUnknownSave'),
      };
      await settle(entry.id, (e) => afterSend(e, { ok: false, error, checkable: false }, now()));
      return { error: Object.assign(new Error(error.message), { toAppError: () => error }) };
    }
    try {
      const value = await kind.send(entry.input);
      await settle(entry.id, (e) => afterSend(e, { ok: true, resultId: resultIdOf(value) }, now()));
      return { value };
    } catch (caught) {
      const error = toAppError(caught);
      const checkable = kind.absenceIsCertain(entry.input);
      await settle(entry.id, (e) => afterSend(e, { ok: false, error, checkable }, now()));
      return { error: caught };
    }
  }

  /** Asks Close (with `http`: the entry's organization's key) whether an entry's write landed. */
  async function check(entry: JournalEntry, http: () => Promise<CloseHttp>): Promise<CheckOutcome> {
    const kind = kindOf(entry.kind);
    if (!kind) return { found: null, unreachable: false };
    try {
      const found = await kind.check(await http(), entry.input, entry.sentAt);
      if (found !== undefined) return { found: true, resultId: found };
      const certain = kind.absenceIsCertain(entry.input);
      const settling = certain && !kind.readsRecord && now() - entry.sentAt < LIST_SETTLE_MS;
      return { found: false, certain, ...(settling ? { settling } : {}) };
    } catch (caught) {
      const error = toAppError(caught);
      return { found: null, unreachable: UNREACHABLE.has(error.kind), error };
    }
  }

  /**
   * The client to check an entry with: the active organization's, or (checks only) another
   * connected organization's own key; null when it cannot be asked now.
   */
  async function clientFor(
    entry: JournalEntry,
    active: string | null,
  ): Promise<(() => Promise<CloseHttp>) | null> {
    if (entry.organizationId === active) return deps.http;
    const other = await deps.httpFor?.(entry.organizationId);
    return other ? async () => other : null;
  }

  /** Resolves one unsettled entry this worker is not already handling. */
  async function resolveOne(entry: JournalEntry, organizationId: string | null): Promise<void> {
    const action = resolutionOf(entry, workerId);
    if (!action || busy.has(entry.id)) return;
    const active = entry.organizationId === organizationId;
    // Another organization's queued write is sent only once it is active again (its forms and
    // the panel's client are the active organization's); until then it waits, shown as waiting.
    if (!active && action === 'check-then-send') return;
    busy.add(entry.id);
    try {
      const http = await clientFor(entry, organizationId);
      if (!http) return;
      const outcome = await check(entry, http);
      if (
        active &&
        action === 'check-then-send' &&
        outcome.found === false &&
        outcome.certain &&
        !outcome.settling
      ) {
        // Close does not have it: the queued write goes now, once.
        const owned = await update(entry.id, (e) =>
          e.state === 'queued' ? resend(e, workerId, now()) : e,
        );
        if (owned?.state === 'sending' && owned.owner === workerId) await send(owned);
        return;
      }
      // Caches first, so a page that sees "saved" and reads again gets Close as it is now.
      if (outcome.found === true) {
        await Promise.resolve(
          deps.onSavedByCheck?.({ ...entry, resultId: outcome.resultId }),
        ).catch(traced('refresh after a checked write'));
      }
      await settle(entry.id, (e) => (e.state === entry.state ? afterCheck(e, outcome, now()) : e));
    } finally {
      busy.delete(entry.id);
    }
  }

  return {
    workerId,

    /** Records the write, sends it and settles it; resolves with Close's object or throws its error. */
    async run<K extends keyof Kinds & string>(
      kind: K,
      input: Parameters<Kinds[K]['send']>[0],
    ): Promise<Awaited<ReturnType<Kinds[K]['send']>>> {
      const organizationId = (await activeOrganization()) ?? '';
      const meta: WriteMeta = (input as { write?: WriteMeta | undefined }).write ?? {
        clientId: randomId(),
        draftKey: null,
      };
      const { write: _meta, ...fields } = input as { write?: unknown } & Record<string, unknown>;
      const known = (await entries()).find((e) => e.id === meta.clientId);
      if (known) {
        // The same write asked for twice (a page re-sent its message): never sent twice.
        const message = t('writeJournalAlreadySent');
        throw Object.assign(new Error(message), {
          toAppError: (): AppError => ({
            kind: 'unknown',
            message,
            outcomeUnknown: true,
          }),
        });
      }
      const entry = recordWrite({
        kind,
        organizationId,
        input: fields,
        meta,
        owner: workerId,
        now: now(),
      });
      busy.add(entry.id);
      try {
        // Recorded before anything leaves: a worker that dies after this line leaves an entry
        // the next one checks with Close.
        await mutate((all) => ({ entries: addEntry(all, entry), result: null }));
        const result = await send(entry);
        if ('error' in result) throw result.error;
        return result.value as Awaited<ReturnType<Kinds[K]['send']>>;
      } finally {
        busy.delete(entry.id);
      }
    },

    /**
     * Resolves every unsettled entry this worker is not handling: lost answers are checked with
     * Close (another connected organization's with its own key); the active organization's queued
     * writes are checked, then sent once if Close lacks them.
     */
    async resolve(clientId?: string): Promise<JournalEntry | null> {
      const organizationId = await activeOrganization().catch(traced('active organization', null));
      const pending = (await entries()).filter((e) => !clientId || e.id === clientId);
      for (const entry of pending) {
        await resolveOne(entry, organizationId).catch(traced('resolve a write'));
      }
      if (!clientId) return null;
      return (await entries()).find((e) => e.id === clientId) ?? null;
    },

    /** Cancels a queued write (its draft stays); false when it is no longer waiting. */
    async cancel(clientId: string): Promise<boolean> {
      // Safe while a check runs: a resend only starts from the stored `queued` entry (see update).
      return mutate((all) => {
        const found = all.find((e) => e.id === clientId && e.state === 'queued');
        return { entries: found ? all.filter((e) => e !== found) : all, result: !!found };
      });
    },

    /** Forgets a failed or unknown write's status; its draft stays. */
    async dismiss(clientId: string): Promise<boolean> {
      return mutate((all) => {
        const found = all.find(
          (e) => e.id === clientId && (e.state === 'failed' || e.state === 'unknown'),
        );
        return { entries: found ? all.filter((e) => e !== found) : all, result: !!found };
      });
    },

    /** Writes of an organization not known to be in Close. */
    async unsent(organizationId: string): Promise<number> {
      return (await entries()).filter(
        (e) => e.organizationId === organizationId && e.state !== 'saved',
      ).length;
    },

    /** Forgets an organization's entries (on its Disconnect). */
    async forgetOrganization(organizationId: string): Promise<void> {
      await mutate((all) => ({
        entries: all.filter((e) => e.organizationId !== organizationId),
        result: null,
      }));
    },

    entries,
  };
}

export type WriteJournal<Kinds extends Record<string, WriteKind<never, unknown>>> = ReturnType<
  typeof createWriteJournal<Kinds>
>;

/** The router's handlers for every write message: each runs through the journal. */
export function writeHandlers(journal: WriteJournal<WriteKinds>): Pick<Handlers, WriteMessageName> {
  return Object.fromEntries(
    WRITE_MESSAGES.map((name) => [
      name,
      (input: ParsedInput<typeof name>): Promise<MessageOutputs[typeof name]> =>
        journal.run(panelActionName(name), input as never) as Promise<MessageOutputs[typeof name]>,
    ]),
  ) as unknown as Pick<Handlers, WriteMessageName>;
}
