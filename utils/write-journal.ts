// The write journal's entries and their state machine: every write to Close is recorded before it
// leaves and settled by Close's answer or by a check, never by a blind resend. Pure: the background
// runner (entrypoints/background/write-journal.ts) stores and drives it; pages only read it.
import * as v from 'valibot';
import { type AppError, AppErrorSchema } from '@/utils/app-error';

/**
 * What the page sends along with a write: who it is (a client id the page made, so the page can
 * ask about it even when the answer was lost) and which draft it came from.
 */
export const WriteMetaSchema = v.object({
  clientId: v.pipe(v.string(), v.regex(/^[\w-]{8,64}$/)),
  /** The draft's key within its organization (utils/drafts.ts), cleared once Close has the write. */
  draftKey: v.nullable(v.pipe(v.string(), v.maxLength(500))),
  /** The form's value when it was sent: the draft is cleared only while it still holds this. */
  draftValue: v.optional(v.unknown()),
  /** The lead the write belongs to, for the "look in Close" link. */
  leadId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(100)))),
});
export type WriteMeta = v.InferOutput<typeof WriteMetaSchema>;

export const WRITE_STATES = [
  /** Recorded and being sent by the worker named in `owner`. */
  'sending',
  /** The answer was lost with the worker (or the page): Close is asked whether it has it. */
  'checking',
  /** Close was unreachable: checked, then sent once, when Close answers again. */
  'queued',
  /** Close may have it and a check could not tell: the user looks in Close before saving again. */
  'unknown',
  /** Close has it; the draft is gone. */
  'saved',
  /** Close does not have it (it refused, or a check found nothing); the draft stays. */
  'failed',
] as const;
export type WriteState = (typeof WRITE_STATES)[number];

export const JournalEntrySchema = v.object({
  id: v.string(),
  /** The write kind (the panel message without `ui:`, e.g. "addNote"). */
  kind: v.string(),
  organizationId: v.string(),
  /** The message input, as the background parsed it: enough to check and to send again. */
  input: v.unknown(),
  draftKey: v.nullable(v.string()),
  draftValue: v.optional(v.unknown()),
  leadId: v.nullable(v.string()),
  state: v.picklist(WRITE_STATES),
  /** The worker running it (an id made per worker); another worker's `sending` is a lost answer. */
  owner: v.nullable(v.string()),
  /** When it was recorded (ms, local clock). */
  startedAt: v.number(),
  /** When its last attempt left (ms, local clock). */
  sentAt: v.number(),
  attempts: v.number(),
  updatedAt: v.number(),
  /** The id of what Close saved. */
  resultId: v.optional(v.string()),
  error: v.optional(AppErrorSchema),
});
export type JournalEntry = v.InferOutput<typeof JournalEntrySchema>;

/** How long a saved entry stays, so a panel opened later can say "Saved". */
export const SAVED_KEEP_MS = 10 * 60_000;
/** Failed and unknown entries go with their drafts' age limit. */
export const UNSETTLED_KEEP_MS = 30 * 24 * 3600 * 1000;

/** Parses the stored journal; an unreadable entry is dropped, never trusted. */
export function parseJournal(raw: unknown): JournalEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: JournalEntry[] = [];
  for (const item of raw) {
    const parsed = v.safeParse(JournalEntrySchema, item);
    if (parsed.success) out.push(parsed.output);
  }
  return out;
}

export function isSettled(entry: JournalEntry): boolean {
  return entry.state === 'saved' || entry.state === 'failed' || entry.state === 'unknown';
}

export interface NewWrite {
  kind: string;
  organizationId: string;
  input: unknown;
  meta: WriteMeta;
  owner: string;
  now: number;
}

/** A write about to leave: recorded before anything is sent. */
export function recordWrite(w: NewWrite): JournalEntry {
  return {
    id: w.meta.clientId,
    kind: w.kind,
    organizationId: w.organizationId,
    input: w.input,
    draftKey: w.meta.draftKey,
    ...(w.meta.draftValue === undefined ? {} : { draftValue: w.meta.draftValue }),
    leadId: w.meta.leadId ?? null,
    state: 'sending',
    owner: w.owner,
    startedAt: w.now,
    sentAt: w.now,
    attempts: 1,
    updatedAt: w.now,
  };
}

/** What one send ended with. */
export type SendOutcome =
  | { ok: true; resultId: string }
  | {
      ok: false;
      error: AppError;
      /** Whether a check can later prove the write absent (then it may be queued). */
      checkable: boolean;
    };

const UNREACHABLE: ReadonlySet<AppError['kind']> = new Set(['network', 'timeout']);

/** Close's answer (or its absence) settles a send. */
export function afterSend(entry: JournalEntry, outcome: SendOutcome, now: number): JournalEntry {
  const base = { ...entry, owner: null, updatedAt: now };
  if (outcome.ok) {
    const { error: _error, ...rest } = base;
    return { ...rest, state: 'saved', resultId: outcome.resultId };
  }
  const { error } = outcome;
  if (!error.outcomeUnknown) return { ...base, state: 'failed', error };
  // Neither the write nor the check reached Close: it waits for Close, and is checked before it
  // is sent again. Anything else unknown is for the user to look at.
  if (UNREACHABLE.has(error.kind) && outcome.checkable) return { ...base, state: 'queued', error };
  return { ...base, state: 'unknown', error };
}

/** What resolving an entry needs to do now, for the worker `workerId`; null: nothing. */
export function resolutionOf(
  entry: JournalEntry,
  workerId: string,
): 'check' | 'check-then-send' | null {
  switch (entry.state) {
    case 'sending':
      // Ours is in flight; another worker's died with its answer.
      return entry.owner === workerId ? null : 'check';
    case 'checking':
    case 'unknown':
      return 'check';
    case 'queued':
      return 'check-then-send';
    default:
      return null;
  }
}

/** What a check against Close found. */
export type CheckOutcome =
  | { found: true; resultId: string }
  /** `settling`: absent so far, but too soon after the send for a list to prove it; check again. */
  | { found: false; certain: boolean; settling?: boolean }
  /** The check itself failed (`unreachable`: Close did not answer). */
  | { found: null; unreachable: boolean; error?: AppError };

/**
 * A check settles an unsettled entry. Nothing found, for certain: a queued write is sent now (it
 * was promised to go when Close answers); any other goes back to the user as "Not saved".
 */
export function afterCheck(entry: JournalEntry, check: CheckOutcome, now: number): JournalEntry {
  const base = { ...entry, owner: null, updatedAt: now };
  if (check.found === true) {
    const { error: _error, ...rest } = base;
    return { ...rest, state: 'saved', resultId: check.resultId };
  }
  if (check.found === false) {
    if (check.settling) {
      return { ...base, state: entry.state === 'sending' ? 'checking' : entry.state };
    }
    if (!check.certain) return { ...base, state: 'unknown' };
    if (entry.state === 'queued') return { ...base, state: 'queued' };
    const { error: _error, ...rest } = base;
    return { ...rest, state: 'failed' };
  }
  if (check.unreachable) {
    if (entry.state === 'queued') return base;
    return { ...base, state: entry.state === 'unknown' ? 'unknown' : 'checking' };
  }
  return { ...base, state: 'unknown', ...(check.error ? { error: check.error } : {}) };
}

/** A queued write found absent goes out again, owned by this worker. */
export function resend(entry: JournalEntry, owner: string, now: number): JournalEntry {
  return {
    ...entry,
    state: 'sending',
    owner,
    sentAt: now,
    attempts: entry.attempts + 1,
    updatedAt: now,
  };
}

/** Drops saved entries after a while and old unsettled ones; a new write replaces its draft's older settled ones. */
export function pruneJournal(entries: JournalEntry[], now: number): JournalEntry[] {
  return entries.filter((e) => {
    if (e.state === 'saved') return now - e.updatedAt < SAVED_KEEP_MS;
    if (e.state === 'failed' || e.state === 'unknown') return now - e.updatedAt < UNSETTLED_KEEP_MS;
    return true;
  });
}

/** Adds a recorded write; settled entries of the same draft are superseded by it. */
export function addEntry(entries: JournalEntry[], entry: JournalEntry): JournalEntry[] {
  return [
    ...entries.filter(
      (e) =>
        e.id !== entry.id &&
        !(entry.draftKey !== null && e.draftKey === entry.draftKey && isSettled(e)),
    ),
    entry,
  ];
}

/** The entry a form shows: the newest one for its draft. */
export function entryForDraft(entries: JournalEntry[], draftKey: string): JournalEntry | null {
  let latest: JournalEntry | null = null;
  for (const e of entries) {
    if (e.draftKey === draftKey && (!latest || e.startedAt >= latest.startedAt)) latest = e;
  }
  return latest;
}

/** Whether the form may send again: never while Close may have (or be getting) this write. */
export function blocksSending(entry: JournalEntry | null): boolean {
  return (
    !!entry &&
    (entry.state === 'sending' ||
      entry.state === 'checking' ||
      entry.state === 'queued' ||
      entry.state === 'unknown')
  );
}

/** Unsent: recorded and not known to be in Close. */
export function isUnsent(entry: JournalEntry): boolean {
  return entry.state !== 'saved';
}

/** Close's page for a lead (the "look in Close" link). */
export function closeLeadUrl(leadId: string): string {
  return `https://app.close.com/lead/${encodeURIComponent(leadId)}/`;
}
