import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  formatDate,
  formatDuration,
  formatMoney,
  formatPercent,
  formatPeriod,
  formatRelativeDate,
  formatValueWithPeriod,
  uiLocale,
} from '@/utils/format';

describe('format', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("formats in the browser's UI language", () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de-DE');
    expect(uiLocale()).toBe('de-DE');
    expect(formatMoney(4_800_000, 'EUR')).toBe('48.000\u00a0€');
    expect(formatPercent(40)).toBe('40\u00a0%');
    expect(formatDate('2013-02-20')).toBe('20.02.2013');
    expect(formatRelativeDate('2024-05-17T12:00:00Z', Date.parse('2024-05-20T12:00:00Z'))).toBe(
      'vor 3 Tagen',
    );
  });

  it('falls back to navigator.language, then en-US, when the UI language is unusable', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('');
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-FR');
    expect(uiLocale()).toBe('fr-FR');
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('not a locale!');
    expect(uiLocale()).toBe('en-US');
  });

  it('takes the period words from _locales', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: unknown) =>
      key === 'formatPeriodAnnual'
        ? 'jährlich'
        : key === 'formatValueWithPeriod'
          ? `${(subs as string[])[0]} ${(subs as string[])[1]}`
          : '',
    );
    expect(formatPeriod('annual')).toBe('jährlich');
    expect(formatValueWithPeriod(4_800_000, 'USD', 'annual', 'en-US')).toBe('$48,000 jährlich');
  });

  it('formats cents as money in the currency', () => {
    expect(formatMoney(4_800_000, 'USD')).toBe('$48,000');
    expect(formatMoney(1050, 'USD')).toBe('$10.50');
    expect(formatMoney(120_000, 'EUR')).toBe('€1,200');
  });

  it('survives null, NaN and odd currencies', () => {
    expect(formatMoney(null, 'USD')).toBe('');
    expect(formatMoney(Number.NaN, 'USD')).toBe('');
    expect(formatMoney(500, 'not a currency')).toBe('$5');
    expect(formatMoney(500, undefined)).toBe('$5');
  });

  it('says the period in words', () => {
    expect(formatPeriod('annual')).toBe('annual');
    expect(formatPeriod('monthly')).toBe('monthly');
    expect(formatPeriod('one_time')).toBe('one-time');
    expect(formatPeriod('weekly')).toBe('');
    expect(formatPeriod(null)).toBe('');
  });

  it('joins value and period', () => {
    expect(formatValueWithPeriod(4_800_000, 'USD', 'annual')).toBe('$48,000 annual');
    expect(formatValueWithPeriod(500, 'USD', 'monthly')).toBe('$5 monthly');
    expect(formatValueWithPeriod(100_000_000, 'USD', 'one_time')).toBe('$1,000,000');
    expect(formatValueWithPeriod(null, 'USD', 'annual')).toBe('');
  });

  it('formats percentages', () => {
    expect(formatPercent(40)).toBe('40%');
    expect(formatPercent(150)).toBe('100%');
    expect(formatPercent(null)).toBe('');
  });

  it('formats relative dates', () => {
    const now = Date.parse('2024-05-20T12:00:00Z');
    expect(formatRelativeDate('2024-05-17T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelativeDate('2024-05-20T10:00:00Z', now)).toBe('2 hours ago');
    expect(formatRelativeDate('2024-05-20T11:59:50Z', now)).toBe('now');
    expect(formatRelativeDate('nonsense', now)).toBe('');
    expect(formatRelativeDate(null, now)).toBe('');
  });

  it('formats absolute dates, keeping bare dates on their day', () => {
    expect(formatDate('2013-02-20')).toBe('Feb 20, 2013');
    expect(formatDate('2024-05-14T08:31:02.418000+00:00')).toMatch(/May 1[34], 2024/);
    expect(formatDate('')).toBe('');
  });

  it('formats call durations', () => {
    expect(formatDuration(95)).toBe('1:35');
    expect(formatDuration(3700)).toBe('1:01:40');
    expect(formatDuration(undefined)).toBe('');
  });
});
