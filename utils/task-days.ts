// Due days for tasks: the user's local calendar day, presets (tomorrow, in 3 days, next week), overdue.

/** `YYYY-MM-DD` of `date` in the user's time zone (what "today" means to them). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `day` plus `days` calendar days (month and year ends, daylight-saving changes included). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Whether a task is overdue: a due day before the user's today, or a due datetime in the past.
 * A task due today is not overdue yet; a dateless task never is.
 */
export function isOverdue(due: string | null, now: number): boolean {
  if (!due) return false;
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return due < localDay(new Date(now));
  const time = Date.parse(due);
  return Number.isFinite(time) && time < now;
}

/** Sorts open tasks soonest first; dateless ones last, then by when they were created. */
export function bySoonest<T extends { due: string | null; dateCreated: string }>(
  a: T,
  b: T,
): number {
  if (a.due && b.due && a.due !== b.due) return a.due < b.due ? -1 : 1;
  if (!a.due !== !b.due) return a.due ? -1 : 1;
  return a.dateCreated.localeCompare(b.dateCreated);
}
