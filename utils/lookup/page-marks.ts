// Which cached look-up each page last showed, and when (storage.session, per organization), for the
// look-up engine's "seen here" rule: going back to a page seen less than the fresh time ago shows
// what it showed then without asking Close, as long as that answer is younger than
// SHOWN_AGAIN_MAX_FRESH_TIMES fresh times (utils/lookup/fresh-time.ts). Without it, a thread whose
// answer came from a look-up an earlier thread with the same people made would ask Close again on
// a revisit minutes later, because the shared answer had aged past the fresh time meanwhile.
//
// A mark names the cache key and the answer (its storedAt): a newer answer, or one a write dropped,
// never matches an old mark. Page addresses are kept as long as the look-ups (session storage,
// never on disk), at most PAGE_MARKS_PER_ORGANIZATION per organization, and leave with them
// (disconnect, Clear cached data).
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { ReadsArea } from '@/utils/lookup/lead-reads-cache';

const PREFIX = 'closeLookupShown:';
/** Pages remembered per organization; the least recently shown are forgotten first. */
export const PAGE_MARKS_PER_ORGANIZATION = 50;

export interface PageMark {
  /** The look-up cache key the page was answered from. */
  key: string;
  /** That answer's storedAt (when Close gave it). */
  storedAt: number;
  /** When the page last showed it. */
  shownAt: number;
}

const MarksSchema = v.record(
  v.string(),
  v.object({ key: v.string(), storedAt: v.number(), shownAt: v.number() }),
);

export interface PageMarks {
  /** What `page` last showed, if it is remembered. */
  get(page: string): Promise<PageMark | undefined>;
  /** Remembers what `page` shows now. Marks are written one at a time, in call order. */
  set(page: string, mark: PageMark): Promise<void>;
}

export function createPageMarks(
  organizationId: string,
  area: ReadsArea = browser.storage.session,
): PageMarks {
  const storedKey = PREFIX + organizationId;
  /** The last write: reads wait for it, writes queue behind it (read, change, write back). */
  let writing: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Record<string, PageMark>> {
    const parsed = v.safeParse(MarksSchema, (await area.get(storedKey))[storedKey]);
    return parsed.success ? parsed.output : {};
  }

  return {
    async get(page) {
      await writing;
      return (await read())[page];
    },
    set(page, mark) {
      const run = writing.then(async () => {
        const marks = { ...(await read()), [page]: mark };
        const kept = Object.entries(marks)
          .sort((a, b) => b[1].shownAt - a[1].shownAt)
          .slice(0, PAGE_MARKS_PER_ORGANIZATION);
        await area.set({ [storedKey]: Object.fromEntries(kept) });
      });
      writing = run.catch(() => {});
      return run;
    },
  };
}

/** Forgets the pages of one organization, or of all when none is given. */
export async function clearPageMarks(
  organizationId?: string,
  area: ReadsArea = browser.storage.session,
): Promise<void> {
  if (organizationId !== undefined) return area.remove(PREFIX + organizationId);
  const doomed = Object.keys(await area.get(null)).filter((key) => key.startsWith(PREFIX));
  if (doomed.length > 0) await area.remove(doomed);
}
