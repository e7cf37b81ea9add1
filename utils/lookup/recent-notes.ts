// Notes this browser saved in the last minutes, per organization and lead, so the timeline shows
// them even while Close's plain list does not have them yet: how soon a new note appears in
// `GET /activity/` is not documented (docs/close-api.md), and the background may settle a note
// after the panel that sent it has closed. Kept in storage.session beside the look-ups.
import { browser } from 'wxt/browser';
import type { Activity, Note } from '@/utils/close/types';
import type { ReadsArea } from '@/utils/lookup/lead-reads-cache';

const PREFIX = 'closeRecentNotes:';
/** Long enough for Close's list to catch up; short enough that an edit in Close soon wins. */
export const RECENT_NOTE_KEEP_MS = 10 * 60_000;
/** At most this many remembered notes per lead (the newest). */
const PER_LEAD = 20;

interface Remembered {
  savedAt: number;
  note: Note;
}

function isRemembered(value: unknown): value is Remembered {
  if (typeof value !== 'object' || value === null) return false;
  const { savedAt, note } = value as Partial<Remembered>;
  return (
    typeof savedAt === 'number' &&
    typeof note === 'object' &&
    note !== null &&
    typeof note.id === 'string' &&
    typeof note.leadId === 'string' &&
    typeof note.note === 'string' &&
    typeof note.noteHtml === 'string' &&
    typeof note.dateCreated === 'string'
  );
}

/** A saved note as the timeline shows activity (the same fields `mapActivity` gives a Note). */
export function noteAsActivity(note: Note): Activity {
  return {
    id: note.id,
    type: 'Note',
    rawType: 'Note',
    leadId: note.leadId,
    date: note.dateCreated,
    userName: note.userName,
    contactId: null,
    summary: note.note.replace(/\s+/g, ' ').trim(),
    note: note.note,
    noteHtml: note.noteHtml,
  };
}

/**
 * The first page of a lead's activity with the remembered notes Close did not list yet, newest
 * first like Close's list. A note Close lists is never shown twice.
 */
export function withRecentNotes(items: Activity[], notes: Note[]): Activity[] {
  const listed = new Set(items.map((item) => item.id));
  const missing = notes.filter((note) => !listed.has(note.id)).map(noteAsActivity);
  if (missing.length === 0) return items;
  return [...missing, ...items].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
}

export interface RecentNotes {
  remember(organizationId: string, note: Note): Promise<void>;
  /** The lead's remembered notes, newest first; old ones are dropped. */
  forLead(organizationId: string, leadId: string): Promise<Note[]>;
  clear(): Promise<void>;
}

export function createRecentNotes(
  options: { now?: () => number; area?: ReadsArea } = {},
): RecentNotes {
  const area: ReadsArea = options.area ?? browser.storage.session;
  const now = options.now ?? Date.now;
  const keyOf = (organizationId: string, leadId: string) => `${PREFIX}${organizationId}:${leadId}`;

  /** The live entries, and whether anything (live or not) is stored under the key. */
  async function read(key: string): Promise<{ items: Remembered[]; stored: boolean }> {
    const raw = (await area.get(key))[key];
    if (!Array.isArray(raw)) return { items: [], stored: raw !== undefined };
    const items = raw
      .filter(isRemembered)
      .filter((item) => now() - item.savedAt <= RECENT_NOTE_KEEP_MS);
    return { items, stored: true };
  }

  return {
    async remember(organizationId, note) {
      const key = keyOf(organizationId, note.leadId);
      const kept = (await read(key)).items.filter((item) => item.note.id !== note.id);
      const next = [{ savedAt: now(), note }, ...kept].slice(0, PER_LEAD);
      await area.set({ [key]: next });
    },
    async forLead(organizationId, leadId) {
      const key = keyOf(organizationId, leadId);
      const { items, stored } = await read(key);
      // Only a key that holds nothing live is removed: most leads have none, and a timeline
      // load should not write to storage for them.
      if (items.length === 0 && stored) await area.remove(key);
      return items.map((item) => item.note);
    },
    async clear() {
      const all = Object.keys(await area.get(null)).filter((key) => key.startsWith(PREFIX));
      if (all.length > 0) await area.remove(all);
    },
  };
}
