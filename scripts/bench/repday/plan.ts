// The rep's day of scripts/bench/repday.ts: who writes, which threads, in what order and with what
// gaps (deterministic), plus the small helpers that count its requests.

/** Correspondents in Close (the fake's default dataset) and strangers, as a rep's inbox mixes them. */
const KNOWN = [
  'peter@initech.com',
  'bill@initech.com',
  'milton@initech.com',
  'albert.wesker@umbrella-corp.com',
  'ada.wong@umbrella-corp.com',
  'gavin@hooli.xyz',
  'nina@massivedynamic.com',
  'art@vandelay.com',
  'miles.dyson@cyberdyne.com',
  'thorn@soylent.com',
  'kim@nobody.example',
];
const STRANGERS = Array.from({ length: 60 }, (_, i) => `person${i}@prospect-${i}.example`);

/** Deterministic pseudo-random numbers (mulberry32), so every run replays the same day. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DayEvent =
  | { kind: 'open'; thread: number; revisit: boolean }
  | { kind: 'note' }
  | { kind: 'website'; domain: string };

export interface Thread {
  people: string[];
  subject: string;
}

export function planDay(rand: () => number): {
  events: Array<DayEvent & { gapMs: number }>;
  threads: Thread[];
} {
  const pool = [...KNOWN, ...STRANGERS];
  // A few correspondents write most threads (Zipf-like): pick index ~ pool * r².
  const pick = () => pool[Math.floor(pool.length * rand() ** 2)] as string;
  const threads: Thread[] = Array.from({ length: 150 }, (_, i) => {
    const people = [pick()];
    if (rand() < 0.3) people.push(pick());
    return { people: [...new Set(people)], subject: `Thread ${i}` };
  });
  const events: Array<DayEvent & { gapMs: number }> = [];
  // An 8-hour day: ~230 events, gaps exponential around 2 minutes; a revisit is often right after.
  const gap = () => Math.round(-Math.log(1 - rand()) * 120_000);
  let opened = 0;
  let revisits = 0;
  let notes = 0;
  let websites = 0;
  while (opened < 150 || revisits < 50 || notes < 20 || websites < 10) {
    const r = rand();
    if (opened > 5 && revisits < 50 && r < 0.25) {
      // Back to a thread: half of them one of the last few (within the cache time), half older.
      const recent = rand() < 0.5;
      const from = recent ? Math.max(0, opened - 3) : 0;
      const thread = from + Math.floor(rand() * (opened - from));
      events.push({ kind: 'open', thread, revisit: true, gapMs: recent ? 20_000 : gap() });
      revisits++;
    } else if (opened > 0 && notes < 20 && r < 0.35) {
      events.push({ kind: 'note', gapMs: 30_000 });
      notes++;
    } else if (websites < 10 && r < 0.4) {
      const company = pool[Math.floor(rand() * pool.length)] as string;
      events.push({ kind: 'website', domain: company.split('@')[1] as string, gapMs: gap() });
      websites++;
    } else if (opened < 150) {
      events.push({ kind: 'open', thread: opened, revisit: false, gapMs: gap() });
      opened++;
    }
  }
  return { events, threads };
}

/** A Map-backed stand-in for storage.session (the Close client tests' own). */
export { memoryArea } from '../../../tests/close-client/support';

/** A request's path without the API prefix and with Close ids folded: `GET /lead/{id}/`. */
export function pathPattern(path: string): string {
  return path.replace(/^\/api\/v1/, '').replace(/\/[a-z]+_[A-Za-z0-9]+/g, '/{id}');
}

/** Most requests in any window of `windowMs` (times sorted ascending). */
export function peak(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Requests over the organization limit in fixed 10 s windows (what Close would answer with 429). */
export function overLimit(times: number[], limit: number, windowMs: number): number {
  const counts = new Map<number, number>();
  for (const t of times)
    counts.set(Math.floor(t / windowMs), (counts.get(Math.floor(t / windowMs)) ?? 0) + 1);
  let over = 0;
  for (const count of counts.values()) over += Math.max(0, count - limit);
  return over;
}
