// Opportunity money: values are minor units (cents); derived expected/annualized values (docs/close-api.md).

import type { ValuePeriod } from '@/tests/close-fake/types.ts';

const SYMBOLS: Record<string, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  CAD: 'CA$',
  AUD: 'A$',
};

/** `100000000` → `$1,000,000`; `1720351520` → `$17,203,515.20` (cents shown only when not zero). */
export function formatMoney(cents: number, currency: string): string {
  const units = cents / 100;
  const hasCents = Math.round(cents) % 100 !== 0;
  const number = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: hasCents ? 2 : 0,
    maximumFractionDigits: hasCents ? 2 : 0,
  }).format(Math.abs(units));
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  return `${units < 0 ? '-' : ''}${symbol}${number}`;
}

/** `$5 monthly` (recorded); `annually` for annual values is a guess (assumed; docs/close-api.md). */
export function formatValue(
  value: number | null,
  period: ValuePeriod,
  currency: string,
): string | null {
  if (value === null) return null;
  const money = formatMoney(value, currency);
  if (period === 'monthly') return `${money} monthly`;
  if (period === 'annual') return `${money} annually`;
  return money;
}

export function annualize(value: number, period: ValuePeriod): number {
  return period === 'monthly' ? value * 12 : value;
}

export interface DerivedValues {
  expected_value: number | null;
  annualized_value: number | null;
  annualized_expected_value: number | null;
}

export function deriveValues(
  value: number | null,
  period: ValuePeriod,
  confidence: number,
): DerivedValues {
  if (value === null) {
    return { expected_value: null, annualized_value: null, annualized_expected_value: null };
  }
  const annualized = annualize(value, period);
  return {
    expected_value: Math.round((value * confidence) / 100),
    annualized_value: annualized,
    annualized_expected_value: Math.round((annualized * confidence) / 100),
  };
}

export interface ValuedOpportunity {
  value: number | null;
  value_period: ValuePeriod;
  confidence: number;
}

/** List aggregates over every matching opportunity, independent of paging (recorded find_opportunities). */
export function aggregates(opps: ValuedOpportunity[], currency: string): Record<string, unknown> {
  const totals = { one_time: 0, monthly: 0, annual: 0 };
  const expected = { one_time: 0, monthly: 0, annual: 0 };
  const counts: Partial<Record<ValuePeriod, number>> = {};
  let totalAnnualized = 0;
  let expectedAnnualized = 0;
  for (const opp of opps) {
    counts[opp.value_period] = (counts[opp.value_period] ?? 0) + 1;
    const value = opp.value ?? 0;
    const derived = deriveValues(value, opp.value_period, opp.confidence);
    totals[opp.value_period] += value;
    expected[opp.value_period] += derived.expected_value ?? 0;
    totalAnnualized += derived.annualized_value ?? 0;
    expectedAnnualized += derived.annualized_expected_value ?? 0;
  }
  const fmt = (n: number) => (n === 0 ? null : formatMoney(n, currency));
  return {
    total_results: opps.length,
    count_by_value_period: counts,
    total_value_one_time: totals.one_time,
    total_value_monthly: totals.monthly,
    total_value_annual: totals.annual,
    total_value_annualized: totalAnnualized,
    expected_value_one_time: expected.one_time,
    expected_value_monthly: expected.monthly,
    expected_value_annual: expected.annual,
    expected_value_annualized: expectedAnnualized,
    total_value_one_time_formatted: fmt(totals.one_time),
    total_value_monthly_formatted: fmt(totals.monthly),
    total_value_annual_formatted: fmt(totals.annual),
    total_value_annualized_formatted: fmt(totalAnnualized),
    expected_value_one_time_formatted: fmt(expected.one_time),
    expected_value_monthly_formatted: fmt(expected.monthly),
    expected_value_annual_formatted: fmt(expected.annual),
    expected_value_annualized_formatted: fmt(expectedAnnualized),
  };
}
