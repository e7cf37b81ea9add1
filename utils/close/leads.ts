// Leads: list, get, search, create (with nested contacts) and update.
import * as v from 'valibot';
import { CloseSearchRefusedError } from '@/utils/close/errors';
import type { CloseHttp, JsonBody } from '@/utils/close/http';
import {
  contactsLoaded,
  mapLead,
  mapPage,
  pageSchema,
  parseWith,
  RawLeadSchema,
} from '@/utils/close/schemas';
import {
  and,
  LEAD_SEARCH_FIELDS,
  leadHasDomain,
  leadHasEmail,
  MAX_PAGE,
  objectType,
  or,
  quote,
  related,
  STABLE_SORT,
  search,
  searchUnavailable,
  textField,
  withLegacyFallback,
} from '@/utils/close/search';
import type { Lead, Page } from '@/utils/close/types';
import { createdSince, hasAllEmails, newest, sameText } from '@/utils/close/verify';
import { t } from '@/utils/i18n';

/** The largest page we ask for (docs/close-api.md, "Page sizes": 200 is only a third-party claim). */
export const MAX_LEAD_LIMIT = MAX_PAGE;

/** Leads loaded at once when a search answer lacked their contacts' addresses. */
const LOAD_CONCURRENCY = 6;

/**
 * Search results → leads with every contact's addresses. A lead whose nested contacts came back
 * as ids, or without `emails`, is loaded with `GET /lead/{id}/` (all of them, a few at a time,
 * in the order Close sent): dropping or half-showing them would lose an exact-address match.
 */
export async function leadsFromSearch(
  http: CloseHttp,
  data: Array<Record<string, unknown> & { id: string }>,
): Promise<Lead[]> {
  const leads: Lead[] = new Array(data.length);
  const toLoad: number[] = [];
  data.forEach((raw, i) => {
    if (contactsLoaded(raw))
      leads[i] = mapLead(parseWith(RawLeadSchema, raw, t('closeWhatAFoundLead')));
    else toLoad.push(i);
  });
  for (let start = 0; start < toLoad.length; start += LOAD_CONCURRENCY) {
    const batch = toLoad.slice(start, start + LOAD_CONCURRENCY);
    const loaded = await Promise.all(
      batch.map((i) => getLead(http, (data[i] as { id: string }).id)),
    );
    batch.forEach((i, k) => {
      leads[i] = loaded[k] as Lead;
    });
  }
  return leads;
}

const LeadPageSchema = pageSchema(RawLeadSchema);

export interface ListLeadsInput {
  /** 1–100, default 100. */
  limit?: number;
  skip?: number;
  /** Legacy search text (`name:"Acme"`, `email_address:"jo@acme.com"`, plain words). */
  query?: string;
}

function clampLimit(limit: number | undefined, max: number, fallback = 100): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(limit)));
}

export async function listLeads(http: CloseHttp, input: ListLeadsInput = {}): Promise<Page<Lead>> {
  const raw = await http.get('lead/', {
    query: {
      _limit: clampLimit(input.limit, MAX_LEAD_LIMIT),
      _skip: input.skip ?? 0,
      query: input.query?.trim() || undefined,
    },
  });
  return mapPage(parseWith(LeadPageSchema, raw, t('closeWhatListOfLeads')), mapLead);
}

const leadPath = (id: string) => `lead/${encodeURIComponent(id)}/`;

export async function getLead(http: CloseHttp, id: string): Promise<Lead> {
  const raw = await http.get(leadPath(id));
  return mapLead(parseWith(RawLeadSchema, raw, t('closeWhatLead')));
}

export interface SearchLeadsInput {
  /** Free text: a company name, an address or a domain. */
  text: string;
  limit?: number;
  /** `cursor` of the previous page (opaque to callers); absent or null for the first page. */
  cursor?: string | null | undefined;
}

/**
 * A page of found leads and where the next page starts (null at the end). The cursor is ours:
 * `af:<shown>:<Close's cursor>` for Advanced Filtering (`shown` = leads on earlier pages, to pick
 * the search up again if Close refuses an old cursor), `skip:<n>` for the legacy `query` list.
 */
export type LeadSearchPage = Page<Lead> & { cursor: string | null };

type SearchCursor = { kind: 'af'; shown: number; close: string } | { kind: 'skip'; skip: number };

export function parseSearchCursor(cursor: string | null | undefined): SearchCursor | null {
  if (!cursor) return null;
  const skip = /^skip:(\d{1,9})$/.exec(cursor);
  if (skip) return { kind: 'skip', skip: Number(skip[1]) };
  const af = /^af:(\d{1,9}):(.+)$/s.exec(cursor);
  if (af) return { kind: 'af', shown: Number(af[1]), close: af[2] as string };
  return null;
}

function looksLikeDomain(text: string): boolean {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(text);
}

/** The Advanced Filtering query for free text: name words, an exact address, or a domain. */
export function leadTextQuery(text: string): ReturnType<typeof and> {
  const value = text.trim();
  const alternatives = [
    textField('lead', 'name', 'beginning_of_words', value),
    related('lead', 'contact', textField('contact', 'name', 'beginning_of_words', value)),
  ];
  if (value.includes('@')) alternatives.push(leadHasEmail([value.toLowerCase()]));
  else if (looksLikeDomain(value)) alternatives.push(leadHasDomain(value.toLowerCase()));
  return and(objectType('lead'), or(...alternatives));
}

/**
 * Searches leads with `POST /data/search/`, falling back to the legacy `query` parameter, one page
 * at a time: each page asks Close for `limit` leads after the cursor, however deep the user pages.
 */
export async function searchLeads(
  http: CloseHttp,
  input: SearchLeadsInput,
): Promise<LeadSearchPage> {
  const limit = clampLimit(input.limit, MAX_LEAD_LIMIT, 25);
  const query = leadTextQuery(input.text);
  const cursor = parseSearchCursor(input.cursor);

  const legacy = async (skip: number): Promise<LeadSearchPage> => {
    const value = input.text.trim();
    const text = value.includes('@') ? `email_address:${quote(value.toLowerCase())}` : value;
    // Oldest first, so `_skip` pages do not shift when leads are added meanwhile.
    const page = await listLeads(http, { query: `${text} sort:created`, limit, skip });
    const next = skip + page.data.length;
    return { ...page, cursor: page.hasMore && page.data.length > 0 ? `skip:${next}` : null };
  };

  /** One Advanced Filtering request; `skipFirst` drops leads already shown (after a restart). */
  /**
   * The one request body of this search. Every page, first or later, re-run or not, sends the
   * same body (only `cursor` changes): whether Close accepts a cursor with a different `_limit`
   * or `_fields` is not documented.
   */
  const request = (closeCursor: string | undefined) => ({
    query,
    _fields: LEAD_SEARCH_FIELDS,
    _limit: limit,
    sort: STABLE_SORT('lead'),
    ...(closeCursor ? { cursor: closeCursor } : {}),
  });

  /** One Advanced Filtering page; `skipFirst` drops leads already shown (after a re-run). */
  const advanced = async (
    shown: number,
    closeCursor: string | undefined,
    skipFirst = 0,
  ): Promise<LeadSearchPage> => {
    const response = await search(http, request(closeCursor));
    const data = await leadsFromSearch(http, response.data.slice(skipFirst));
    return {
      data,
      hasMore: response.cursor !== null,
      // Close's cursor points past everything it sent; all of it after `skipFirst` is on this page.
      cursor: response.cursor ? `af:${shown + data.length}:${response.cursor}` : null,
      ...(response.total !== undefined ? { totalResults: response.total } : {}),
    };
  };

  /**
   * Close may refuse an old cursor (said to expire after 30 s; docs/close-api.md, "Cursors"): run
   * the same search again, in the same stable order (oldest first, so leads added meanwhile come
   * last), and walk page by page past what was shown; the page where the user stopped is
   * returned from there (it may be short), with Close's fresh cursor after it.
   */
  const restart = async (shown: number): Promise<LeadSearchPage> => {
    let closeCursor: string | undefined;
    let toSkip = shown;
    while (toSkip >= limit) {
      const response = await search(http, request(closeCursor));
      if (!response.cursor || response.data.length === 0) {
        return { data: [], hasMore: false, cursor: null };
      }
      toSkip -= response.data.length;
      closeCursor = response.cursor;
    }
    return advanced(shown, closeCursor, toSkip);
  };

  if (cursor?.kind === 'skip') return legacy(cursor.skip);
  if (cursor?.kind === 'af') {
    const { shown, close } = cursor;
    try {
      return await advanced(shown, close);
    } catch (error) {
      // Close refused the old cursor (expired): re-run the search once in its stable order. A
      // refusal of the re-run itself is shown as "Close refused the search".
      if (error instanceof CloseSearchRefusedError) return restart(shown);
      if (!searchUnavailable(error)) throw error;
      return legacy(shown);
    }
  }
  return withLegacyFallback(
    () => advanced(0, undefined),
    () => legacy(0),
  );
}

export interface NewEmail {
  email: string;
  type?: string;
}
export interface NewPhone {
  phone: string;
  type?: string;
}
export interface NewContact {
  name?: string;
  title?: string;
  emails?: NewEmail[];
  phones?: NewPhone[];
}

export interface CreateLeadInput {
  name: string;
  url?: string;
  description?: string;
  statusId?: string;
  contacts?: NewContact[];
  /** Custom field values keyed by field id (`cf_…`). */
  custom?: Record<string, unknown>;
}

export function contactBody(contact: NewContact): JsonBody {
  const body: JsonBody = {};
  if (contact.name !== undefined) body.name = contact.name;
  if (contact.title !== undefined) body.title = contact.title;
  if (contact.emails) {
    body.emails = contact.emails.map((e) => ({ email: e.email.trim(), type: e.type ?? 'office' }));
  }
  if (contact.phones) {
    body.phones = contact.phones.map((p) => ({ phone: p.phone.trim(), type: p.type ?? 'office' }));
  }
  return body;
}

/** `custom: {cf_x: 1}` → `{"custom.cf_x": 1}`, the current (non-deprecated) form. */
export function customBody(custom: Record<string, unknown> | undefined): JsonBody {
  const body: JsonBody = {};
  for (const [key, value] of Object.entries(custom ?? {})) {
    body[key.startsWith('custom.') ? key : `custom.${key}`] = value;
  }
  return body;
}

const LeadIdsSchema = v.array(RawLeadSchema);

/**
 * After a create whose answer was lost: is there a lead with this name, created since we sent it,
 * with the contacts' addresses we sent? Searched by name through the same fallback path. Both
 * paths are search-backed and Close's index may not have the lead yet, so finding nothing proves
 * nothing (`absenceIsCertain: false`): the create is never sent again on that basis.
 */
async function findCreatedLead(
  http: CloseHttp,
  input: CreateLeadInput,
  sentAt: number,
): Promise<unknown> {
  const raws = await withLegacyFallback(
    async () => {
      const response = await search(http, {
        query: and(objectType('lead'), textField('lead', 'name', 'exact_value', input.name)),
        _fields: LEAD_SEARCH_FIELDS,
        _limit: 50,
      });
      return parseWith(LeadIdsSchema, response.data, t('closeWhatFoundLeads'));
    },
    async () => {
      const raw = await http.get('lead/', {
        query: { query: `name:${quote(input.name)} sort:-created`, _limit: 50 },
      });
      return parseWith(LeadPageSchema, raw, t('closeWhatFoundLeads')).data;
    },
  );
  const sentEmails = (input.contacts ?? []).flatMap((c) => c.emails ?? []);
  const recent = raws.filter(
    (r) =>
      sameText(r.name ?? r.display_name, input.name) &&
      createdSince(r.date_created, sentAt) &&
      (input.url === undefined || sameText(r.url, input.url)),
  );
  // The few recent namesakes are read whole: search results may carry contacts as ids only.
  const full = await Promise.all(
    recent.map(async (r) =>
      parseWith(RawLeadSchema, await http.get(leadPath(r.id)), t('closeWhatLead')),
    ),
  );
  return newest(
    full.filter((r) =>
      hasAllEmails(
        sentEmails,
        (r.contacts ?? []).flatMap((c) => (typeof c === 'string' ? [] : c.emails)),
      ),
    ),
  );
}

/**
 * For the write journal: the id of the lead a lost create made, or undefined when search finds
 * none (which proves nothing: search-backed).
 */
export async function findCreatedLeadId(
  http: CloseHttp,
  input: CreateLeadInput,
  sentAt: number,
): Promise<string | undefined> {
  const found = (await findCreatedLead(http, input, sentAt)) as { id?: unknown } | undefined;
  return typeof found?.id === 'string' ? found.id : undefined;
}

export async function createLead(http: CloseHttp, input: CreateLeadInput): Promise<Lead> {
  const body: JsonBody = { name: input.name, ...customBody(input.custom) };
  if (input.url !== undefined) body.url = input.url;
  if (input.description !== undefined) body.description = input.description;
  if (input.statusId !== undefined) body.status_id = input.statusId;
  if (input.contacts) body.contacts = input.contacts.map(contactBody);
  const raw = await http.post('lead/', body, {
    verify: ({ sentAt }) => findCreatedLead(http, input, sentAt),
    absenceIsCertain: false,
  });
  return mapLead(parseWith(RawLeadSchema, raw, t('closeWhatNewLead')));
}

export interface UpdateLeadInput {
  name?: string;
  url?: string | null;
  description?: string;
  statusId?: string;
  /** Values to set; `null` clears a field. */
  custom?: Record<string, unknown>;
}

export async function updateLead(
  http: CloseHttp,
  id: string,
  input: UpdateLeadInput,
): Promise<Lead> {
  const body: JsonBody = customBody(input.custom);
  if (input.name !== undefined) body.name = input.name;
  if (input.url !== undefined) body.url = input.url;
  if (input.description !== undefined) body.description = input.description;
  if (input.statusId !== undefined) body.status_id = input.statusId;
  const raw = await http.put(`lead/${encodeURIComponent(id)}/`, body);
  return mapLead(parseWith(RawLeadSchema, raw, t('closeWhatUpdatedLead')));
}

export async function deleteLead(http: CloseHttp, id: string): Promise<void> {
  await http.delete(`lead/${encodeURIComponent(id)}/`);
}
