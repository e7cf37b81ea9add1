// Shapes the panel and the background exchange beyond single records: search hits, pages, duplicates.
import type { Contact, Lead, Opportunity } from '@/utils/close/types';
import type { MatchReason } from '@/utils/lookup/types';

export interface DuplicateCandidate {
  lead: Lead;
  /** Same domain, same email domain, similar name. */
  matchedBy: MatchReason[];
}

export type SearchHit =
  | { kind: 'lead'; lead: Lead }
  | { kind: 'contact'; contact: Contact; leadName: string }
  | { kind: 'opportunity'; opportunity: Opportunity };

/** A page of results; `cursor` is null when there are no more. */
export interface Paged<T> {
  items: T[];
  cursor: string | null;
}
