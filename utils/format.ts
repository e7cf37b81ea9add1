// Formats money, periods, percentages and dates for display with Intl in the browser's UI
// language; odd inputs never throw.
import { browser } from 'wxt/browser';
import type { ValuePeriod } from '@/utils/close/types';
import { t } from '@/utils/i18n';

const DEFAULT_LOCALE = 'en-US';

// Building an Intl formatter or checking a locale costs far more than formatting (a panel render
// formats dozens of dates and amounts: re-building them was ~a quarter of the first lead card's
// render). Each is built once per page for its locale and options.
const built = new Map<string, unknown>();
function once<T>(key: string, build: () => T): T {
  if (!built.has(key)) built.set(key, build());
  return built.get(key) as T;
}

/** An Intl formatter for `locale` and `options`, built once per page. */
export function intl<O, T>(
  Format: new (locale: string, options: O) => T,
  locale: string,
  options: O,
): T {
  return once(Format.name + locale + JSON.stringify(options), () => new Format(locale, options));
}

function supported(tag: string | undefined | null): string | null {
  if (!tag) return null;
  return once(tag, () => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag.replace(/_/g, '-'));
      return canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0
        ? canonical
        : null;
    } catch {
      return null;
    }
  });
}

/**
 * The language the browser's UI is in ("de-DE"), so numbers and dates read the way the rest of
 * the browser does; navigator.language where the i18n API is missing (tests), then en-US.
 */
export function uiLocale(): string {
  let fromBrowser: string | null = null;
  try {
    fromBrowser = supported(browser.i18n.getUILanguage());
  } catch {
    // No i18n API here.
  }
  return (
    fromBrowser ??
    supported(typeof navigator === 'undefined' ? null : navigator.language) ??
    DEFAULT_LOCALE
  );
}

function safeCurrency(currency: string | null | undefined): string {
  const code = (currency ?? '').trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : 'USD';
}

/** Cents → "$48,000" (no decimals when whole, two otherwise). Null or non-finite → "". */
export function formatMoney(
  cents: number | null | undefined,
  currency: string | null | undefined = 'USD',
  locale = uiLocale(),
): string {
  if (typeof cents !== 'number' || !Number.isFinite(cents)) return '';
  const amount = cents / 100;
  const whole = Number.isInteger(amount);
  try {
    const options: Intl.NumberFormatOptions = {
      style: 'currency',
      currency: safeCurrency(currency),
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    };
    return intl(Intl.NumberFormat, locale, options).format(amount);
  } catch {
    return `${amount.toFixed(whole ? 0 : 2)} ${safeCurrency(currency)}`;
  }
}

const PERIOD_WORDS = {
  one_time: 'formatPeriodOneTime',
  monthly: 'formatPeriodMonthly',
  annual: 'formatPeriodAnnual',
} as const satisfies Record<ValuePeriod, string>;

/** "annual", "monthly", "one-time"; unknown → "". */
export function formatPeriod(period: string | null | undefined): string {
  if (!period || !Object.hasOwn(PERIOD_WORDS, period)) return '';
  return t(PERIOD_WORDS[period as ValuePeriod]);
}

/** "$48,000 annual"; a one-time value shows no period word. */
export function formatValueWithPeriod(
  cents: number | null | undefined,
  currency: string | null | undefined,
  period: string | null | undefined,
  locale = uiLocale(),
): string {
  const money = formatMoney(cents, currency, locale);
  if (!money) return '';
  const word = period === 'one_time' ? '' : formatPeriod(period);
  return word ? t('formatValueWithPeriod', [money, word]) : money;
}

/** 40 → "40%"; null/NaN → "". Values are clamped to 0–100. */
export function formatPercent(value: number | null | undefined, locale = uiLocale()): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const clamped = Math.min(100, Math.max(0, value));
  const options: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 0 };
  return intl(Intl.NumberFormat, locale, options).format(clamped / 100);
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days ago", "in 2 hours", "now"; unparseable → "". */
export function formatRelativeDate(
  value: string | number | Date | null | undefined,
  now: number = Date.now(),
  locale = uiLocale(),
): string {
  const date = toDate(value);
  if (!date) return '';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const options: Intl.RelativeTimeFormatOptions = { numeric: 'auto' };
  const rtf = intl(Intl.RelativeTimeFormat, locale, options);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      if (unit === 'second' && Math.abs(seconds) < 45) return rtf.format(0, 'second');
      return rtf.format(Math.round(seconds / size), unit);
    }
  }
  return '';
}

/** "May 14, 2024". A bare date ("2013-02-20", Close's date_won) stays on that calendar day. */
export function formatDate(
  value: string | number | Date | null | undefined,
  locale = uiLocale(),
): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = toDate(`${value}T00:00:00Z`);
    if (!date) return '';
    return intl(Intl.DateTimeFormat, locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
  const date = toDate(value);
  if (!date) return '';
  return intl(Intl.DateTimeFormat, locale, { dateStyle: 'medium' }).format(date);
}

/** "May 14, 2024, 8:31 AM": for tooltips and <time> titles. */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  locale = uiLocale(),
): string {
  const date = toDate(value);
  if (!date) return '';
  return intl(Intl.DateTimeFormat, locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

/** 95 → "1:35"; null → "". */
export function formatDuration(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * Builds the locale check and the formatters a lead card and its lists use (money, percent, dates,
 * relative dates), so the render that shows the first card does not pay for them. Idempotent.
 */
export function warmFormatters(): void {
  const locale = uiLocale();
  formatMoney(100, 'USD', locale);
  formatPercent(50, locale);
  formatDate(0, locale);
  formatDateTime(0, locale);
  formatRelativeDate(0, 0, locale);
  // The lead card's "Last email … 3 weeks ago" (utils/last-email.ts) counts without "yesterday".
  intl(Intl.RelativeTimeFormat, locale, { numeric: 'always' });
}
