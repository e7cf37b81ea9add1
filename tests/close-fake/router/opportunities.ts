// /opportunity/ — list with filters and aggregates, CRUD, derived values (docs/close-api.md).

import { htmlToText, textToNoteHtml, wrapBody } from '@/tests/close-fake/html.ts';
import {
  bodyObject,
  dateRangeMatches,
  json,
  listParam,
  notFound,
  orderBy,
  paginate,
  parseFieldList,
  parsePaging,
  project,
  validationError,
} from '@/tests/close-fake/http.ts';
import { todayIn } from '@/tests/close-fake/ids.ts';
import { aggregates } from '@/tests/close-fake/money.ts';
import {
  recordLeadCreated,
  recordOpportunityStatusChange,
} from '@/tests/close-fake/router/activity-log.ts';
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import { serializeOpportunity } from '@/tests/close-fake/serialize.ts';
import type {
  LeadRec,
  OpportunityRec,
  OpportunityStatusRec,
  ValuePeriod,
} from '@/tests/close-fake/types.ts';
import { DOES_NOT_EXIST, type FieldErrors, resolveLead } from '@/tests/close-fake/validate.ts';

const PERIODS: ValuePeriod[] = ['one_time', 'monthly', 'annual'];

function getOr404(ctx: RequestContext, id: string): OpportunityRec {
  const o = ctx.store.inOrg(ctx.store.opportunities, ctx.auth.organization.id, id);
  if (!o) throw notFound('Opportunity');
  return o;
}

function listOpportunities(ctx: RequestContext) {
  const { store, query } = ctx;
  const paging = parsePaging(query, 100);
  const fields = parseFieldList(query._fields);
  const orgId = ctx.auth.organization.id;
  const leadIds = listParam(query, 'lead_id');
  const userIds = listParam(query, 'user_id');
  const statusIds = listParam(query, 'status_id');
  const statusTypes = listParam(query, 'status_type');
  const statusLabels = [
    ...(listParam(query, 'status_label') ?? []),
    ...(listParam(query, 'status') ?? []),
  ];
  const periods = listParam(query, 'value_period');
  const pipelineIds = listParam(query, 'pipeline_id');
  const q = query.query?.trim().toLowerCase();

  let opps = [...store.opportunities.values()].filter((o) => {
    if (o.organization_id !== orgId) return false;
    const status = store.opportunityStatuses.find((s) => s.id === o.status_id);
    if (leadIds && !leadIds.includes(o.lead_id)) return false;
    if (userIds && !userIds.includes(o.user_id ?? '')) return false;
    if (statusIds && !statusIds.includes(o.status_id)) return false;
    if (statusTypes && !statusTypes.includes(status?.type ?? '')) return false;
    if (
      statusLabels.length &&
      !statusLabels.some((l) => l.toLowerCase() === status?.label.toLowerCase())
    ) {
      return false;
    }
    if (periods && !periods.includes(o.value_period)) return false;
    if (pipelineIds && !pipelineIds.includes(status?.pipeline_id ?? '')) return false;
    if (!dateRangeMatches(query, 'date_won', o.date_won)) return false;
    if (!dateRangeMatches(query, 'date_created', o.date_created)) return false;
    if (!dateRangeMatches(query, 'date_updated', o.date_updated)) return false;
    if (q && !`${o.note}\n${status?.label ?? ''}`.toLowerCase().includes(q)) return false;
    return true;
  });
  opps.sort((a, b) => b.date_created.localeCompare(a.date_created));
  opps = orderBy(opps, query._order_by, (o, field) => {
    const s = serializeOpportunity(store, o);
    return field === 'user_name' ? s.user_name : s[field];
  });
  const { page, has_more } = paginate(opps, paging);
  return json({
    ...aggregates(opps, ctx.auth.organization.currency),
    has_more,
    data: page.map((o) => project(serializeOpportunity(store, o), fields)),
  });
}

function getOpportunity(ctx: RequestContext, [id = '']: string[]) {
  const o = getOr404(ctx, id);
  return json(project(serializeOpportunity(ctx.store, o), parseFieldList(ctx.query._fields)));
}

interface OppInput {
  status?: OpportunityStatusRec;
  value?: number | null;
  value_period?: ValuePeriod;
  value_currency?: string;
  confidence?: number;
  contact_id?: string | null;
  user_id?: string | null;
  note?: string;
  note_html?: string;
  date_won?: string | null;
}

function parseOppInput(
  ctx: RequestContext,
  body: Record<string, unknown>,
  errors: FieldErrors,
): OppInput {
  const { store } = ctx;
  const orgId = ctx.auth.organization.id;
  const out: OppInput = {};
  const statuses = store.opportunityStatusesOf(orgId);

  let pipelineId: string | undefined;
  if (body.pipeline_id !== undefined && body.pipeline_id !== null) {
    const pipeline = store.pipelinesOf(orgId).find((p) => p.id === body.pipeline_id);
    if (!pipeline) errors.pipeline = DOES_NOT_EXIST;
    else pipelineId = pipeline.id;
  }
  const statusRef = body.status_id ?? body.status;
  if (statusRef !== undefined && statusRef !== null) {
    const s =
      body.status_id !== undefined
        ? statuses.find((x) => x.id === body.status_id)
        : statuses.find((x) => x.label.toLowerCase() === String(body.status).toLowerCase());
    if (!s)
      errors.status = `Not a valid choice: "${String(statusRef)}" is not an opportunity status of this organization.`;
    else if (pipelineId && s.pipeline_id !== pipelineId)
      errors.status = 'This status does not belong to the given pipeline.';
    else out.status = s;
  } else if (pipelineId) {
    out.status = statuses.find((s) => s.pipeline_id === pipelineId);
    if (!out.status) errors.pipeline = 'This pipeline has no statuses.';
  }

  if (body.value !== undefined) {
    if (body.value === null) out.value = null;
    else if (typeof body.value === 'number' && Number.isInteger(body.value)) out.value = body.value;
    else if (typeof body.value === 'string' && /^-?\d+$/.test(body.value))
      out.value = Number(body.value);
    else errors.value = 'A valid integer is required.';
  }
  if (body.value_period !== undefined) {
    if (PERIODS.includes(body.value_period as ValuePeriod))
      out.value_period = body.value_period as ValuePeriod;
    else errors.value_period = 'Not a valid choice.';
  }
  if (body.value_currency !== undefined) {
    if (typeof body.value_currency === 'string' && /^[A-Z]{3}$/.test(body.value_currency)) {
      out.value_currency = body.value_currency;
    } else errors.value_currency = 'Not a valid choice.';
  }
  if (body.confidence !== undefined && body.confidence !== null) {
    const c = Number(body.confidence);
    if (Number.isInteger(c) && c >= 0 && c <= 100) out.confidence = c;
    else errors.confidence = 'Ensure this value is between 0 and 100.';
  }
  if (body.contact_id !== undefined) {
    if (body.contact_id === null) out.contact_id = null;
    else {
      const contact =
        typeof body.contact_id === 'string'
          ? store.inOrg(store.contacts, orgId, body.contact_id)
          : undefined;
      if (!contact) errors.contact = DOES_NOT_EXIST;
      else out.contact_id = contact.id;
    }
  }
  if (body.user_id !== undefined) {
    if (body.user_id === null) out.user_id = null;
    else if (!ctx.auth.organization.memberships.some((m) => m.user_id === body.user_id))
      errors.user = DOES_NOT_EXIST;
    else out.user_id = String(body.user_id);
  }
  if (body.note_html !== undefined) {
    const html = typeof body.note_html === 'string' ? wrapBody(body.note_html) : '';
    out.note_html = html;
    out.note = htmlToText(html);
  } else if (body.note !== undefined) {
    out.note = typeof body.note === 'string' ? body.note : '';
    out.note_html = textToNoteHtml(out.note);
  }
  if (body.date_won !== undefined) {
    if (body.date_won === null) out.date_won = null;
    else if (typeof body.date_won === 'string' && /^\d{4}-\d{2}-\d{2}/.test(body.date_won)) {
      out.date_won = body.date_won.slice(0, 10);
    } else errors.date_won = 'Invalid date. Use YYYY-MM-DD.';
  }
  return out;
}

function applyInput(ctx: RequestContext, o: OpportunityRec, input: OppInput): void {
  const oldStatus = o.status_id;
  if (input.status) o.status_id = input.status.id;
  if (input.value !== undefined) o.value = input.value;
  if (input.value_period !== undefined) o.value_period = input.value_period;
  if (input.value_currency !== undefined) o.value_currency = input.value_currency;
  if (input.confidence !== undefined) o.confidence = input.confidence;
  if (input.contact_id !== undefined) o.contact_id = input.contact_id;
  if (input.user_id !== undefined) o.user_id = input.user_id;
  if (input.note !== undefined) o.note = input.note;
  if (input.note_html !== undefined) o.note_html = input.note_html;
  if (input.date_won !== undefined) o.date_won = input.date_won;
  const type = ctx.store.opportunityStatuses.find((s) => s.id === o.status_id)?.type;
  // Moving to a won status sets date_won to today (x-tz-offset) when unset; reverting keeps it.
  if (type === 'won' && !o.date_won) o.date_won = todayIn(ctx.tzOffset);
  if (type === 'lost' && oldStatus !== o.status_id && !o.date_lost) o.date_lost = ctx.store.now();
}

function createOpportunity(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const { store, auth } = ctx;
  const orgId = auth.organization.id;
  const errors: FieldErrors = {};
  let lead = resolveLead(store, orgId, body, errors, false);
  const input = parseOppInput(ctx, body, errors);
  if (Object.keys(errors).length) throw validationError(errors);
  const status = input.status ?? store.opportunityStatusesOf(orgId)[0];
  if (!status) throw validationError({ status: 'This organization has no opportunity statuses.' });
  const now = store.now();
  if (!lead) {
    // Omitted lead_id: a new lead is created, shown as "Untitled" (OAS CreateOpportunity).
    const newLead: LeadRec = {
      id: store.newId('lead'),
      organization_id: orgId,
      name: null,
      description: '',
      url: null,
      status_id: store.leadStatusesOf(orgId)[0]?.id ?? '',
      addresses: [],
      custom: {},
      created_by: auth.user.id,
      updated_by: auth.user.id,
      date_created: now,
      date_updated: now,
    };
    store.leads.set(newLead.id, newLead);
    recordLeadCreated(ctx, newLead);
    lead = newLead;
  }
  const o: OpportunityRec = {
    id: store.newId('oppo'),
    organization_id: orgId,
    lead_id: lead.id,
    contact_id: null,
    user_id: auth.user.id,
    status_id: status.id,
    value: null,
    value_period: 'one_time',
    value_currency: auth.organization.currency,
    confidence: 0,
    note: '',
    note_html: '',
    date_won: null,
    date_lost: null,
    created_by: auth.user.id,
    updated_by: auth.user.id,
    date_created: now,
    date_updated: now,
  };
  applyInput(ctx, o, { ...input, status });
  store.opportunities.set(o.id, o);
  return json(serializeOpportunity(store, o));
}

function updateOpportunity(ctx: RequestContext, [id = '']: string[]) {
  const o = getOr404(ctx, id);
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  const input = parseOppInput(ctx, body, errors);
  if (Object.keys(errors).length) throw validationError(errors);
  const oldStatus = o.status_id;
  applyInput(ctx, o, input);
  o.updated_by = ctx.auth.user.id;
  o.date_updated = ctx.store.now();
  if (o.status_id !== oldStatus) recordOpportunityStatusChange(ctx, o, oldStatus);
  return json(serializeOpportunity(ctx.store, o));
}

function deleteOpportunity(ctx: RequestContext, [id = '']: string[]) {
  const o = getOr404(ctx, id);
  ctx.store.opportunities.delete(o.id);
  return json({});
}

export const opportunityRoutes: Route[] = [
  route('GET', '/opportunity/', 'opportunity', listOpportunities),
  route('POST', '/opportunity/', 'opportunity', createOpportunity),
  route('GET', '/opportunity/:id/', 'opportunity', getOpportunity),
  route('PUT', '/opportunity/:id/', 'opportunity', updateOpportunity),
  route('DELETE', '/opportunity/:id/', 'opportunity', deleteOpportunity),
];
