// verify:close, read-only: does a lead's date_updated move when activity is logged on it? The
// background asks for a lead's timeline again sooner when the look-up shows a newer date_updated
// (docs/close-api.md, "What the panel reads with the look-up"). Recent activities are compared with
// their leads: a lead whose date_updated is older than an activity created on it refutes the
// assumption; leads that are all at least as new only agree with it (they may have been edited).
import type { Answer, Verdict } from './support';

export interface ActivityCheckContext {
  call: (method: string, path: string) => Promise<Answer>;
  add: (name: string, result: Verdict, answer: string) => void;
  short: (body: unknown) => string;
  /** Only activities created this recently count (older data may predate Close's behaviour). */
  withinMs?: number;
  now?: number;
}

export const DATE_UPDATED_CHECK = "a lead's date_updated is not older than activity logged on it";
/** Close's timestamps are to the microsecond; allow a second between the two writes. */
const TOLERANCE_MS = 1000;
const LEADS = 5;

export async function activityChecks(ctx: ActivityCheckContext): Promise<void> {
  const { call, add, short } = ctx;
  const now = ctx.now ?? Date.now();
  const since = now - (ctx.withinMs ?? 30 * 86_400_000);
  const list = await call('GET', '/activity/?_limit=100&_fields=id,lead_id,date_created');
  if (list.status !== 200 || !Array.isArray(list.body?.data)) {
    add(DATE_UPDATED_CHECK, 'refuted', `GET /activity/: ${list.status} ${short(list.body)}`);
    return;
  }
  // Per lead, its newest activity created in the window.
  const newest = new Map<string, number>();
  for (const a of list.body.data as Array<{ lead_id?: unknown; date_created?: unknown }>) {
    const created = typeof a.date_created === 'string' ? Date.parse(a.date_created) : Number.NaN;
    if (typeof a.lead_id !== 'string' || Number.isNaN(created) || created < since) continue;
    newest.set(a.lead_id, Math.max(newest.get(a.lead_id) ?? 0, created));
  }
  const leads = [...newest].slice(0, LEADS);
  if (leads.length === 0) {
    add(DATE_UPDATED_CHECK, 'skipped', 'no activity created in the last 30 days to compare');
    return;
  }
  const older: string[] = [];
  let compared = 0;
  for (const [leadId, created] of leads) {
    const lead = await call('GET', `/lead/${leadId}/?_fields=id,date_updated`);
    // A lead deleted since (a throwaway one of an earlier --write run) says nothing.
    if (lead.status === 404) continue;
    const updated =
      typeof lead.body?.date_updated === 'string' ? Date.parse(lead.body.date_updated) : Number.NaN;
    if (lead.status !== 200 || Number.isNaN(updated)) {
      add(DATE_UPDATED_CHECK, 'refuted', `GET /lead/{id}/: ${lead.status} ${short(lead.body)}`);
      return;
    }
    compared++;
    if (updated + TOLERANCE_MS < created) older.push(leadId);
  }
  if (compared === 0) {
    add(DATE_UPDATED_CHECK, 'skipped', 'the leads of recent activities are gone');
    return;
  }
  add(
    DATE_UPDATED_CHECK,
    older.length > 0 ? 'refuted' : 'confirmed',
    older.length > 0
      ? `${older.length} of ${compared} lead(s) older than their newest activity: ${older.join(', ')}`
      : `consistent on ${compared} lead(s) with recent activity (agrees; not a proof)`,
  );
}
