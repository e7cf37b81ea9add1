// "Last email 3 days ago" on a lead card: when the lead last exchanged an email, from the activities
// already loaded for its timeline (no request of its own).
import type { Activity } from '@/utils/close/types';
import { intl, uiLocale } from '@/utils/format';

/** Email statuses that mean a message really went out or came in (Close's MessageStatus). */
const EXCHANGED = new Set(['sent', 'inbox']);

/**
 * The newest date (ISO) among `activities` of an email that was sent or received — not a draft,
 * a scheduled or still-sending message or one that failed. Null when none is among them: the lead
 * may still have older mail beyond what was loaded, so "unknown", never a guess.
 */
export function lastEmailDate(activities: readonly Activity[]): string | null {
  let newest: string | null = null;
  let newestTime = Number.NEGATIVE_INFINITY;
  for (const activity of activities) {
    if (activity.type !== 'Email' || !EXCHANGED.has(activity.emailStatus ?? '')) continue;
    const time = Date.parse(activity.date);
    if (Number.isNaN(time) || time <= newestTime) continue;
    newest = activity.date;
    newestTime = time;
  }
  return newest;
}

const DAY_MS = 24 * 3600 * 1000;

function startOfDay(time: number): number {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * How long ago a past day was, in calendar days of the user's time zone: "today", "yesterday",
 * "3 days ago", "2 weeks ago", "4 months ago", "2 years ago". A date after `now` (clocks differ)
 * reads "today". Unparseable → "".
 */
export function formatDaysAgo(date: string, now: number, locale = uiLocale()): string {
  const time = Date.parse(date);
  if (Number.isNaN(time)) return '';
  const days = Math.max(0, Math.round((startOfDay(now) - startOfDay(time)) / DAY_MS));
  if (days < 2)
    return intl(Intl.RelativeTimeFormat, locale, { numeric: 'auto' }).format(-days, 'day');
  const rtf = intl(Intl.RelativeTimeFormat, locale, { numeric: 'always' });
  if (days < 14) return rtf.format(-days, 'day');
  if (days < 60) return rtf.format(-Math.round(days / 7), 'week');
  if (days < 365) return rtf.format(-Math.round(days / 30.44), 'month');
  return rtf.format(-Math.round(days / 365.25), 'year');
}
