// What a look-up for a page answers: the matching leads, why each matched, and how fresh it is.
import type { AppError } from '@/utils/app-error';
import type { Contact, Lead, Opportunity, Task } from '@/utils/close/types';

/** What a page shows that can be looked up in Close. */
export interface LookupQuery {
  /** Lower-cased addresses, own addresses and never-look-up entries already removed. */
  emails: string[];
  /** Registrable domain of the company (e.g. "initech.com"); never a free-mail domain. */
  domain?: string;
  /** A person's or company's name (LinkedIn), used only when nothing else matched. */
  name?: string;
}

export type MatchReason =
  | { kind: 'email'; value: string }
  | { kind: 'domain'; value: string }
  | { kind: 'name'; value: string };

export interface LeadMatch {
  lead: Lead;
  matchedBy: MatchReason[];
  /** The lead's contacts (all of them, matching ones first). */
  contacts: Contact[];
  opportunities: Opportunity[];
  /** The lead's open tasks when Close's answer carried them; absent, the panel asks for them. */
  tasks?: Task[];
}

export interface LookupResult {
  organizationId: string;
  query: LookupQuery;
  leads: LeadMatch[];
  /** Addresses from the query that no lead/contact in Close has. */
  unmatchedEmails: string[];
  /** When Close answered (ms since epoch). */
  fetchedAt: number;
  /** True when this came from the cache and a background refresh is running or failed. */
  stale: boolean;
  /**
   * Set when this answer is past the fresh time but is shown again, unasked, to a page that showed
   * it less than the fresh time ago (utils/lookup/page-marks.ts): when that page last showed it.
   */
  shownAgainAt?: number;
}

/** Where the look-up for the current page stands. */
export type LookupState =
  | { status: 'idle' }
  /** `previous` (the last result, if any) stays on screen while refreshing. */
  | { status: 'loading'; previous?: LookupResult }
  | { status: 'ready'; result: LookupResult }
  | { status: 'error'; error: AppError }
  /** Close is unreachable (or we are offline): show what the cache had, marked as such. */
  | { status: 'offline'; error: AppError; cached: LookupResult | null }
  /** Close asked us to wait; the background retries at `retryAt` (ms since epoch). */
  | { status: 'rate-limited'; retryAt: number; cached: LookupResult | null };
