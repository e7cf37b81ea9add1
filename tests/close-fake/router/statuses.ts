// /status/lead/ and /status/opportunity/ (docs/close-api.md).

import {
  bodyObject,
  HttpError,
  json,
  notFound,
  paginate,
  parseFieldList,
  parsePaging,
  project,
  validationError,
} from '@/tests/close-fake/http.ts';
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import type { LeadStatusRec, OpportunityStatusRec, StatusType } from '@/tests/close-fake/types.ts';
import { DOES_NOT_EXIST, type FieldErrors, REQUIRED } from '@/tests/close-fake/validate.ts';

const TYPES: StatusType[] = ['active', 'won', 'lost'];

function leadStatusJson(s: LeadStatusRec) {
  return { id: s.id, label: s.label, organization_id: s.organization_id };
}

function oppStatusJson(ctx: RequestContext, s: OpportunityStatusRec) {
  const pipeline = ctx.store.pipelines.find((p) => p.id === s.pipeline_id);
  return {
    id: s.id,
    label: s.label,
    type: s.type,
    pipeline_id: s.pipeline_id,
    pipeline_name: pipeline?.name ?? null,
    organization_id: s.organization_id,
  };
}

function list<T>(ctx: RequestContext, items: T[], toJson: (item: T) => Record<string, unknown>) {
  const paging = parsePaging(ctx.query, 100);
  const fields = parseFieldList(ctx.query._fields);
  const { page, has_more } = paginate(items, paging);
  return json({ has_more, data: page.map((i) => project(toJson(i), fields)) });
}

function label(
  body: Record<string, unknown>,
  errors: FieldErrors,
  required: boolean,
): string | undefined {
  if (body.label === undefined) {
    if (required) errors.label = REQUIRED;
    return undefined;
  }
  if (typeof body.label !== 'string' || body.label.trim() === '') {
    errors.label = REQUIRED;
    return undefined;
  }
  return body.label.trim();
}

// ----- lead statuses -----

function leadStatusOr404(ctx: RequestContext, id: string): LeadStatusRec {
  const s = ctx.store.leadStatusesOf(ctx.auth.organization.id).find((x) => x.id === id);
  if (!s) throw notFound('Status');
  return s;
}

function createLeadStatus(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  const l = label(body, errors, true);
  const orgId = ctx.auth.organization.id;
  if (l && ctx.store.findLeadStatus(orgId, l, true))
    errors.label = 'A status with this label already exists.';
  if (Object.keys(errors).length || !l) throw validationError(errors);
  const s: LeadStatusRec = { id: ctx.store.newId('stat'), organization_id: orgId, label: l };
  ctx.store.leadStatuses.push(s);
  return json(leadStatusJson(s));
}

function updateLeadStatus(ctx: RequestContext, [id = '']: string[]) {
  const s = leadStatusOr404(ctx, id);
  const errors: FieldErrors = {};
  const l = label(bodyObject(ctx.body), errors, false);
  if (Object.keys(errors).length) throw validationError(errors);
  if (l) s.label = l;
  return json(leadStatusJson(s));
}

function deleteLeadStatus(ctx: RequestContext, [id = '']: string[]) {
  const s = leadStatusOr404(ctx, id);
  if ([...ctx.store.leads.values()].some((l) => l.status_id === s.id)) {
    throw new HttpError(400, {
      errors: ['This status is in use by leads and cannot be deleted.'],
      'field-errors': {},
    });
  }
  ctx.store.leadStatuses = ctx.store.leadStatuses.filter((x) => x !== s);
  return json({});
}

// ----- opportunity statuses -----

function oppStatusOr404(ctx: RequestContext, id: string): OpportunityStatusRec {
  const s = ctx.store.opportunityStatusesOf(ctx.auth.organization.id).find((x) => x.id === id);
  if (!s) throw notFound('Status');
  return s;
}

function createOppStatus(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  const l = label(body, errors, true);
  const orgId = ctx.auth.organization.id;
  const type = body.type;
  if (!TYPES.includes(type as StatusType))
    errors.type = type === undefined ? REQUIRED : 'Not a valid choice.';
  const pipelines = ctx.store.pipelinesOf(orgId);
  const pipelineId = body.pipeline_id ?? pipelines[0]?.id;
  const pipeline = pipelines.find((p) => p.id === pipelineId);
  if (!pipeline) errors.pipeline = DOES_NOT_EXIST;
  if (Object.keys(errors).length || !l || !pipeline) throw validationError(errors);
  const s: OpportunityStatusRec = {
    id: ctx.store.newId('stat'),
    organization_id: orgId,
    pipeline_id: pipeline.id,
    label: l,
    type: type as StatusType,
  };
  ctx.store.opportunityStatuses.push(s);
  return json(oppStatusJson(ctx, s));
}

function updateOppStatus(ctx: RequestContext, [id = '']: string[]) {
  const s = oppStatusOr404(ctx, id);
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  const l = label(body, errors, false);
  if (body.type !== undefined && !TYPES.includes(body.type as StatusType))
    errors.type = 'Not a valid choice.';
  if (Object.keys(errors).length) throw validationError(errors);
  if (l) s.label = l;
  if (body.type !== undefined) s.type = body.type as StatusType;
  return json(oppStatusJson(ctx, s));
}

function deleteOppStatus(ctx: RequestContext, [id = '']: string[]) {
  const s = oppStatusOr404(ctx, id);
  if ([...ctx.store.opportunities.values()].some((o) => o.status_id === s.id)) {
    throw new HttpError(400, {
      errors: ['This status is in use by opportunities and cannot be deleted.'],
      'field-errors': {},
    });
  }
  ctx.store.opportunityStatuses = ctx.store.opportunityStatuses.filter((x) => x !== s);
  return json({});
}

export const statusRoutes: Route[] = [
  route('GET', '/status/lead/', 'status', (ctx) =>
    list(ctx, ctx.store.leadStatusesOf(ctx.auth.organization.id), leadStatusJson),
  ),
  route('POST', '/status/lead/', 'status', createLeadStatus),
  route('GET', '/status/lead/:id/', 'status', (ctx, [id = '']) =>
    json(project(leadStatusJson(leadStatusOr404(ctx, id)), parseFieldList(ctx.query._fields))),
  ),
  route('PUT', '/status/lead/:id/', 'status', updateLeadStatus),
  route('DELETE', '/status/lead/:id/', 'status', deleteLeadStatus),
  route('GET', '/status/opportunity/', 'status', (ctx) =>
    list(ctx, ctx.store.opportunityStatusesOf(ctx.auth.organization.id), (s) =>
      oppStatusJson(ctx, s),
    ),
  ),
  route('POST', '/status/opportunity/', 'status', createOppStatus),
  route('GET', '/status/opportunity/:id/', 'status', (ctx, [id = '']) =>
    json(project(oppStatusJson(ctx, oppStatusOr404(ctx, id)), parseFieldList(ctx.query._fields))),
  ),
  route('PUT', '/status/opportunity/:id/', 'status', updateOppStatus),
  route('DELETE', '/status/opportunity/:id/', 'status', deleteOppStatus),
];
