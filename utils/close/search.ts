// Advanced Filtering (`POST /data/search/`) query builders and the fallback to the legacy `query` parameter.
import * as v from 'valibot';
import { CloseError } from './errors';
import type { CloseHttp } from './http';
import { parseWith } from './schemas';

/** A node of Close's Advanced Filtering query tree (close-api.md §3.1.4). */
export type SearchNode =
  | { type: 'and' | 'or'; queries: SearchNode[]; negate?: boolean }
  | { type: 'object_type'; object_type: string }
  | {
      type: 'field_condition';
      field: { type: 'regular_field'; object_type: string; field_name: string };
      condition: { type: 'text'; mode: TextMode; value: string };
      negate?: boolean;
    }
  | {
      type: 'has_related';
      this_object_type: string;
      related_object_type: string;
      related_query: SearchNode;
      negate?: boolean;
    };

export type TextMode = 'exact_value' | 'full_words' | 'phrase' | 'beginning_of_words';

export interface SearchRequest {
  query: SearchNode;
  _fields?: Record<string, string[]>;
  _limit?: number;
  results_limit?: number;
  cursor?: string | null;
  include_counts?: boolean;
}

export const and = (...queries: SearchNode[]): SearchNode => ({ type: 'and', queries });
export const or = (...queries: SearchNode[]): SearchNode => ({ type: 'or', queries });
export const objectType = (type: string): SearchNode => ({
  type: 'object_type',
  object_type: type,
});
export const textField = (
  object: string,
  field: string,
  mode: TextMode,
  value: string,
): SearchNode => ({
  type: 'field_condition',
  field: { type: 'regular_field', object_type: object, field_name: field },
  condition: { type: 'text', mode, value },
});
export const related = (from: string, to: string, query: SearchNode): SearchNode => ({
  type: 'has_related',
  this_object_type: from,
  related_object_type: to,
  related_query: query,
});

/** Contacts having one of these addresses (lower-cased, exact). */
export function contactHasEmail(emails: string[]): SearchNode {
  const conditions = emails.map((e) =>
    textField('contact_email', 'email', 'exact_value', e.toLowerCase()),
  );
  return related(
    'contact',
    'contact_email',
    conditions.length === 1 ? (conditions[0] as SearchNode) : or(...conditions),
  );
}

/** Leads with a contact having one of these addresses. */
export function leadHasEmail(emails: string[]): SearchNode {
  return related('lead', 'contact', contactHasEmail(emails));
}

/**
 * Leads of a company domain: the lead's url, or a contact address at that domain. Close's exact
 * domain semantics are unconfirmed, so callers re-check matches locally.
 */
export function leadHasDomain(domain: string): SearchNode {
  return or(
    textField('lead', 'url', 'phrase', domain),
    related(
      'lead',
      'contact',
      related('contact', 'contact_email', textField('contact_email', 'email', 'phrase', domain)),
    ),
  );
}

const SearchResponseSchema = v.looseObject({
  data: v.array(v.looseObject({ id: v.string(), __object_type: v.nullish(v.string()) })),
  cursor: v.nullish(v.string()),
  count: v.nullish(v.looseObject({ total: v.nullish(v.number()) })),
});

export interface SearchResponse {
  /** Raw records with the requested `_fields` (parse them with the resource's schema). */
  data: Array<Record<string, unknown> & { id: string }>;
  cursor: string | null;
  total?: number;
}

export async function search(http: CloseHttp, request: SearchRequest): Promise<SearchResponse> {
  const raw = await http.post('data/search/', { ...request }, { idempotent: true });
  const parsed = parseWith(SearchResponseSchema, raw, 'search results');
  const total = parsed.count?.total;
  return {
    data: parsed.data,
    cursor: parsed.cursor ?? null,
    ...(typeof total === 'number' ? { total } : {}),
  };
}

/** Close answers 400/403/404 when Advanced Filtering is missing for the plan/key or rejects the query shape. */
export function searchUnavailable(error: unknown): boolean {
  return (
    error instanceof CloseError &&
    (error.status === 400 || error.status === 403 || error.status === 404)
  );
}

/** Runs the Advanced Filtering search, or the legacy `query` search when Close refuses it. */
export async function withLegacyFallback<T>(
  primary: () => Promise<T>,
  legacy: () => Promise<T>,
): Promise<T> {
  try {
    return await primary();
  } catch (error) {
    if (searchUnavailable(error)) return legacy();
    throw error;
  }
}

/** Quotes a value for the legacy query language. */
export function quote(value: string): string {
  return `"${value.replace(/"/g, '')}"`;
}

/** Fields a lead needs for the panel's first view (lead, contacts, opportunities). */
export const LEAD_FIELDS = [
  'id',
  'name',
  'display_name',
  'description',
  'url',
  'status_id',
  'status_label',
  'html_url',
  'date_created',
  'date_updated',
  'contacts',
  'opportunities',
  'custom',
];

export const CONTACT_FIELDS = [
  'id',
  'lead_id',
  'name',
  'display_name',
  'title',
  'emails',
  'phones',
  'date_created',
  'date_updated',
];
