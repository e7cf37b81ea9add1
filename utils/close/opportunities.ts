// Opportunities: list (optionally by lead, with total_results), get, search, create and update.
import type { CloseHttp, JsonBody } from '@/utils/close/http';
import {
  mapOpportunity,
  mapPage,
  pageSchema,
  parseWith,
  type RawOpportunity,
  RawOpportunitySchema,
} from '@/utils/close/schemas';
import type { Opportunity, OpportunityStatusType, Page, ValuePeriod } from '@/utils/close/types';
import { findCreatedOnLead, sameText } from '@/utils/close/verify';
import { t } from '@/utils/i18n';

const OpportunityPageSchema = pageSchema(RawOpportunitySchema);

export interface ListOpportunitiesInput {
  leadId?: string;
  statusType?: OpportunityStatusType | OpportunityStatusType[];
  limit?: number;
  skip?: number;
  /** Legacy opportunity query (`note:important`). */
  query?: string;
  /** ISO datetime: only opportunities created at or after it. */
  createdSince?: string;
}

export async function listOpportunities(
  http: CloseHttp,
  input: ListOpportunitiesInput = {},
): Promise<Page<Opportunity>> {
  const statusTypes = input.statusType === undefined ? [] : [input.statusType].flat();
  const raw = await http.get('opportunity/', {
    query: {
      lead_id: input.leadId,
      status_type__in: statusTypes.length > 0 ? statusTypes.join(',') : undefined,
      query: input.query?.trim() || undefined,
      date_created__gte: input.createdSince,
      _limit: Math.min(100, Math.max(1, input.limit ?? 100)),
      _skip: input.skip ?? 0,
    },
  });
  return mapPage(
    parseWith(OpportunityPageSchema, raw, t('closeWhatListOfOpportunities')),
    mapOpportunity,
  );
}

export async function getOpportunity(http: CloseHttp, id: string): Promise<Opportunity> {
  const raw = await http.get(`opportunity/${encodeURIComponent(id)}/`);
  return mapOpportunity(parseWith(RawOpportunitySchema, raw, t('closeWhatOpportunity')));
}

export interface SearchOpportunitiesInput {
  /** Words of the note, or of the lead's name. */
  text: string;
  limit?: number;
}

/**
 * Opportunities are not an Advanced Filtering object type we can rely on, so search uses the
 * opportunity list's own documented `query` (opportunity properties: note, status). One request:
 * finding nothing is an answer, and a refused query is an error (never re-tried with an
 * undocumented keyword such as `lead_name:`). Leads themselves are found by the lead search.
 */
export async function searchOpportunities(
  http: CloseHttp,
  input: SearchOpportunitiesInput,
): Promise<Page<Opportunity>> {
  return listOpportunities(http, { query: input.text.trim(), limit: input.limit ?? 25 });
}

/**
 * What a write sends. No currency: `value_currency` is not in Close's create schema
 * (docs/close-api.md, "Opportunities"); the currency shown is the one Close returns.
 */
export interface OpportunityFields {
  statusId?: string;
  /** 0–100. */
  confidence?: number;
  /** Cents. */
  value?: number | null;
  valuePeriod?: ValuePeriod;
  note?: string;
  contactId?: string | null;
}

export interface CreateOpportunityInput extends OpportunityFields {
  leadId: string;
  pipelineId?: string;
}

function opportunityBody(input: OpportunityFields): JsonBody {
  const body: JsonBody = {};
  if (input.statusId !== undefined) body.status_id = input.statusId;
  if (input.confidence !== undefined) body.confidence = Math.round(input.confidence);
  if (input.value !== undefined) body.value = input.value === null ? null : Math.round(input.value);
  if (input.valuePeriod !== undefined) body.value_period = input.valuePeriod;
  if (input.note !== undefined) body.note = input.note;
  if (input.contactId !== undefined) body.contact_id = input.contactId;
  return body;
}

function matchesSent(raw: RawOpportunity, input: CreateOpportunityInput): boolean {
  return (
    raw.lead_id === input.leadId &&
    (input.value === undefined || (raw.value ?? null) === input.value) &&
    (input.note === undefined || sameText(raw.note, input.note)) &&
    (input.statusId === undefined || raw.status_id === input.statusId) &&
    (input.confidence === undefined || raw.confidence === input.confidence)
  );
}

/** The lead's opportunities created since `sentAt` with what we sent (a plain list: certain). */
function findCreatedOpportunityRaw(
  http: CloseHttp,
  input: CreateOpportunityInput,
  sentAt: number,
): Promise<RawOpportunity | undefined> {
  return findCreatedOnLead(
    http,
    'opportunity/',
    input.leadId,
    sentAt,
    (page) => parseWith(OpportunityPageSchema, page, t('closeWhatLeadsOpportunities')).data,
    (candidate) => matchesSent(candidate, input),
  );
}

/** For the write journal: the opportunity a lost create made, or undefined when Close has none. */
export async function findCreatedOpportunity(
  http: CloseHttp,
  input: CreateOpportunityInput,
  sentAt: number,
): Promise<Opportunity | undefined> {
  const raw = await findCreatedOpportunityRaw(http, input, sentAt);
  return raw && mapOpportunity(raw);
}

export async function createOpportunity(
  http: CloseHttp,
  input: CreateOpportunityInput,
): Promise<Opportunity> {
  const body: JsonBody = { lead_id: input.leadId, ...opportunityBody(input) };
  if (input.pipelineId !== undefined) body.pipeline_id = input.pipelineId;
  const raw = await http.post('opportunity/', body, {
    verify: ({ sentAt }) => findCreatedOpportunityRaw(http, input, sentAt),
    // Whether a new opportunity is in the list at once is not documented: not seeing it proves nothing.
    absenceIsCertain: false,
  });
  return mapOpportunity(parseWith(RawOpportunitySchema, raw, t('closeWhatNewOpportunity')));
}

export type UpdateOpportunityInput = OpportunityFields;

export async function updateOpportunity(
  http: CloseHttp,
  id: string,
  input: UpdateOpportunityInput,
): Promise<Opportunity> {
  const raw = await http.put(`opportunity/${encodeURIComponent(id)}/`, opportunityBody(input));
  return mapOpportunity(parseWith(RawOpportunitySchema, raw, t('closeWhatUpdatedOpportunity')));
}

export async function deleteOpportunity(http: CloseHttp, id: string): Promise<void> {
  await http.delete(`opportunity/${encodeURIComponent(id)}/`);
}
