// Advanced Filtering (`POST /data/search/`) query builders and the fallback to the legacy `query` parameter.
// Every form used here is listed, confirmed or assumed, in docs/close-api.md ("Search").
import * as v from 'valibot';
import { CloseError, CloseSearchRefusedError } from '@/utils/close/errors';
import type { CloseHttp } from '@/utils/close/http';
import { parseWith } from '@/utils/close/schemas';
import { t } from '@/utils/i18n';

/** A node of Close's Advanced Filtering query tree (docs/close-api.md, "Search"). */
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

export interface SearchSort {
  field: { type: 'regular_field'; object_type: string; field_name: string };
  direction: 'asc' | 'desc';
}

export interface SearchRequest {
  query: SearchNode;
  _fields?: Record<string, string[]>;
  _limit?: number;
  results_limit?: number;
  cursor?: string | null;
  include_counts?: boolean;
  sort?: SearchSort[];
}

/**
 * Close's largest page is unknown for `/data/search/` and per resource for lists; a larger
 * `_limit` is a 400. Close's own scripts use 100, so nothing here asks for more.
 */
export const MAX_PAGE = 100;

/** Oldest first by creation date: an order that does not move when the search is re-run. */
export const STABLE_SORT = (objectType: string): SearchSort[] => [
  {
    field: { type: 'regular_field', object_type: objectType, field_name: 'date_created' },
    direction: 'asc',
  },
];

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

/**
 * Contacts having one of these addresses: the lower-cased exact value, and the address as a
 * phrase (whether `exact_value` ignores case is unconfirmed; a phrase of the address's words
 * matches whatever case Close stored). Callers re-check the exact address locally.
 */
export function contactHasEmail(emails: string[]): SearchNode {
  const conditions = emails.flatMap((e) => [
    textField('contact_email', 'email', 'exact_value', e.toLowerCase()),
    textField('contact_email', 'email', 'phrase', e.toLowerCase()),
  ]);
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
 * The exact website values a lead url typed for this domain may hold: `acme.com`,
 * `www.acme.com`, `http(s)://` either, with or without a trailing slash.
 */
export function websiteValues(domain: string): string[] {
  const hosts = [domain, `www.${domain}`];
  return [
    ...hosts,
    ...hosts.flatMap((host) =>
      ['https', 'http'].flatMap((scheme) => [`${scheme}://${host}`, `${scheme}://${host}/`]),
    ),
  ];
}

/**
 * Leads of a company domain, in forms that match under any plausible tokenizer (Close does not
 * say how it indexes `lead.url` or addresses): the bare domain and `www.` + domain as phrases (a
 * standard tokenizer keeps `www.acme.com` one token and splits `jo@acme.com` into `jo` +
 * `acme.com`), and the exact website values (a keyword-like index). Callers re-check matches
 * locally: a phrase may match more than the domain.
 */
export function leadHasDomain(domain: string): SearchNode {
  const d = domain.toLowerCase().replace(/^www\./, '');
  return or(
    textField('lead', 'url', 'phrase', d),
    textField('lead', 'url', 'phrase', `www.${d}`),
    ...websiteValues(d).map((value) => textField('lead', 'url', 'exact_value', value)),
    related(
      'lead',
      'contact',
      related('contact', 'contact_email', textField('contact_email', 'email', 'phrase', d)),
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

/**
 * One `/data/search/` request. A 400 means Close refused our query (a bug on our side, or an
 * assumption in docs/close-api.md that is wrong): it is reported as such, with the request and
 * Close's answer kept for a bug report, never retried another way.
 */
export async function search(http: CloseHttp, request: SearchRequest): Promise<SearchResponse> {
  let raw: unknown;
  try {
    raw = await http.post('data/search/', { ...request }, { idempotent: true });
  } catch (error) {
    if (error instanceof CloseError && error.status === 400) {
      throw new CloseSearchRefusedError(error, JSON.stringify(request));
    }
    throw error;
  }
  const parsed = parseWith(SearchResponseSchema, raw, t('closeWhatSearchResults'));
  const total = parsed.count?.total;
  return {
    data: parsed.data,
    cursor: parsed.cursor ?? null,
    ...(typeof total === 'number' ? { total } : {}),
  };
}

/**
 * Advanced Filtering is missing for this plan or key (403) or this API (404). A 400 is not that:
 * it means our query is wrong and is shown as "Close refused the search".
 */
export function searchUnavailable(error: unknown): boolean {
  return (
    error instanceof CloseError &&
    !(error instanceof CloseSearchRefusedError) &&
    (error.status === 403 || error.status === 404)
  );
}

/** Runs the Advanced Filtering search, or the legacy `query` search when it is unavailable. */
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

/**
 * Quotes a value for the legacy query language. Only keywords with a public source are used with
 * it: `email_address:`, `name:`, `sort:` (docs/close-api.md, "Legacy lead query").
 */
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
  // The open tasks come with the look-up: the panel's task list needs no request of its own.
  'tasks',
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

/**
 * `_fields` for a lead search: the lead's fields and, keyed `contact`, the nested contacts'
 * (as live clients ask; without it Close may send the nested contacts as ids).
 */
export const LEAD_SEARCH_FIELDS: Record<string, string[]> = {
  lead: LEAD_FIELDS,
  contact: CONTACT_FIELDS,
};
