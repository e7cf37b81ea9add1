// Helpers that decide whether a write whose answer was lost did happen, so it is never created twice.
import type { CloseHttp } from '@/utils/close/http';

/**
 * How far before our send time Close's `date_created` may be and still count as "ours". The client
 * hands checks a send time already on Close's clock (from its `Date` header), so this only covers
 * what that estimate can miss. Kept to seconds, not minutes: a note "Left voicemail" saved two
 * minutes ago is someone's earlier note, not the one whose answer we lost.
 */
export const CLOCK_SKEW_MS = 5_000;

/**
 * Parses Close timestamps: microseconds (`.418000+00:00`), no offset (pipelines; meaning UTC),
 * or a plain date. Returns NaN when unreadable.
 */
export function parseCloseDate(value: string | null | undefined): number {
  if (!value) return Number.NaN;
  let text = value.trim().replace(/(\.\d{3})\d+/, '$1');
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text)) text = `${text}Z`;
  return Date.parse(text);
}

/** Was this object created at or after `sentAt` (allowing for clock skew)? */
export function createdSince(dateCreated: string | null | undefined, sentAt: number): boolean {
  const created = parseCloseDate(dateCreated);
  return Number.isFinite(created) && created >= sentAt - CLOCK_SKEW_MS;
}

/** `date_created__gte` value for list filters when looking for what we may have created. */
export function createdFilter(sentAt: number): string {
  return new Date(sentAt - CLOCK_SKEW_MS).toISOString();
}

export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
}

/** Every address we sent is on the object (Close may add formatting, never drop addresses). */
export function hasAllEmails(
  sent: Array<{ email: string }> | undefined,
  got: Array<{ email: string }>,
): boolean {
  if (!sent || sent.length === 0) return true;
  const have = new Set(got.map((e) => e.email.trim().toLowerCase()));
  return sent.every((e) => have.has(e.email.trim().toLowerCase()));
}

/** Picks the newest of several candidates (the one our write most likely made). */
export function newest<T extends { date_created: string }>(items: T[]): T | undefined {
  return [...items].sort(
    (a, b) => parseCloseDate(b.date_created) - parseCloseDate(a.date_created),
  )[0];
}

/**
 * What a create sent at `sentAt` (Close's clock) made, if Close has it: the newest of the lead's
 * records at `path` created since then that `isOurs`. For plain lists Close filters by lead and
 * date, so nothing found means not created.
 */
export async function findCreatedOnLead<T extends { date_created: string }>(
  http: CloseHttp,
  path: string,
  leadId: string,
  sentAt: number,
  readList: (page: unknown) => T[],
  isOurs: (item: T) => boolean,
): Promise<T | undefined> {
  const page = await http.get(path, {
    query: { lead_id: leadId, date_created__gte: createdFilter(sentAt), _limit: 100 },
  });
  return newest(readList(page).filter((i) => createdSince(i.date_created, sentAt) && isOurs(i)));
}
