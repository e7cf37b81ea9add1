// verify:close: what every group of checks shares — the verdict rows, a plain-fetch Close client
// (the key only ever in the Authorization header), polling, and readers of a search answer.
import { and, objectType, type SearchNode } from '../../utils/close/search';

export type Verdict = 'confirmed' | 'refuted' | 'skipped';

export interface Row {
  name: string;
  result: Verdict;
  /** What Close answered, short. */
  answer: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: Close's JSON is read freely; each check tests the shape.
  body: any;
}

export const SEARCH_FIELDS = {
  lead: ['id', 'name', 'url', 'contacts'],
  contact: ['id', 'name', 'emails'],
};

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function short(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (text ?? '').replace(/\s+/g, ' ').slice(0, 120);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function client(key: string, origin = 'https://api.close.com') {
  const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const base = `${origin.replace(/\/+$/, '')}/api/v1`;
  return async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: auth,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
}

export type Call = ReturnType<typeof client>;

/** Runs `attempt` until it returns a value or `waitMs` passed; the last answer otherwise. */
export async function poll<T>(
  waitMs: number,
  attempt: () => Promise<{ done: T | null; last: string; final?: boolean }>,
): Promise<{ done: T | null; last: string; ms: number }> {
  const start = Date.now();
  for (;;) {
    const { done, last, final } = await attempt();
    const ms = Date.now() - start;
    if (done !== null || final || ms >= waitMs) return { done, last, ms };
    await sleep(Math.min(1000, Math.max(100, waitMs / 10)));
  }
}

/** An answer that waiting will not change (a refusal, not a rate limit or a server error). */
export const isFinal = (r: Answer) => r.status >= 400 && r.status < 500 && r.status !== 429;

/** A lead search as the client asks (docs/close-api.md, "Search"). */
export function searchBody(query: SearchNode) {
  return { query: and(objectType('lead'), query), _fields: SEARCH_FIELDS, _limit: 100 };
}

/** Leads of a search answer whose nested contacts are objects carrying `emails`. */
export function contactsAreObjects(leads: unknown[]): { objects: boolean; sample: string } {
  const contacts = leads.flatMap((l) =>
    isObject(l) && Array.isArray(l.contacts) ? l.contacts : [],
  );
  if (contacts.length === 0) return { objects: false, sample: 'no nested contacts' };
  const bad = contacts.find((c) => !isObject(c) || !Array.isArray(c.emails));
  return bad === undefined
    ? { objects: true, sample: `${contacts.length} contact(s) with name and emails` }
    : { objects: false, sample: `nested contact came back as ${short(bad)}` };
}

export function hasAddress(leads: unknown[], email: string): boolean {
  const want = email.toLowerCase();
  return leads.some(
    (l) =>
      isObject(l) &&
      Array.isArray(l.contacts) &&
      l.contacts.some(
        (c) =>
          isObject(c) &&
          Array.isArray(c.emails) &&
          c.emails.some((e) => isObject(e) && String(e.email).toLowerCase() === want),
      ),
  );
}
