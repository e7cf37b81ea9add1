// /lead/ — list (+ legacy query search), CRUD, merge (docs/close-api.md).

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
import { runLeadQuery, sortLeads } from '@/tests/close-fake/lead-query.ts';
import {
  recordLeadCreated,
  recordLeadStatusChange,
} from '@/tests/close-fake/router/activity-log.ts';
import { createContactRecord } from '@/tests/close-fake/router/contacts.ts';
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import { serializeLead } from '@/tests/close-fake/serialize.ts';
import type { LeadRec } from '@/tests/close-fake/types.ts';
import {
  applyLeadCustomFields,
  type FieldErrors,
  optionalString,
  parseContactInput,
  resolveLeadStatus,
} from '@/tests/close-fake/validate.ts';

/** Unpublished per resource; 200 per the seed operations spec and a third-party claim (§2.1). */
export const LEAD_MAX_LIMIT = 200;

export function getLeadOr404(ctx: RequestContext, id: string): LeadRec {
  const lead = ctx.store.inOrg(ctx.store.leads, ctx.auth.organization.id, id);
  if (!lead) throw notFound('Lead');
  return lead;
}

function listLeads(ctx: RequestContext) {
  const paging = parsePaging(ctx.query, LEAD_MAX_LIMIT);
  const fields = parseFieldList(ctx.query._fields);
  const orgId = ctx.auth.organization.id;
  let leads = ctx.query.query
    ? runLeadQuery(ctx.store, orgId, ctx.query.query, !ctx.behaviour.undocumentedQueries)
    : sortLeads(ctx.store, ctx.store.leadsOf(orgId), []);
  const idIn = ctx.query.id__in;
  if (idIn) {
    const ids = new Set(idIn.split(','));
    leads = leads.filter((l) => ids.has(l.id));
  }
  const { page, has_more } = paginate(leads, paging);
  return json({
    has_more,
    total_results: leads.length,
    data: page.map((l) => project(serializeLead(ctx.store, l), fields)),
  });
}

function getLead(ctx: RequestContext, [id = '']: string[]) {
  const lead = getLeadOr404(ctx, id);
  return json(project(serializeLead(ctx.store, lead), parseFieldList(ctx.query._fields)));
}

function createLead(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const { store, auth } = ctx;
  const orgId = auth.organization.id;
  const errors: FieldErrors = {};
  const name = optionalString(body, 'name', errors, true);
  const description = optionalString(body, 'description', errors);
  const url = optionalString(body, 'url', errors, true);
  const statusId = resolveLeadStatus(store, orgId, body, errors);
  const custom = applyLeadCustomFields(store, orgId, {}, body, errors);
  const contactInputs: ReturnType<typeof parseContactInput>[] = [];
  if (body.contacts !== undefined && body.contacts !== null) {
    if (!Array.isArray(body.contacts)) {
      errors.contacts = 'Not a valid list.';
    } else {
      const itemErrors: Record<string, unknown> = {};
      body.contacts.forEach((raw, i) => {
        const contactErrors: FieldErrors = {};
        contactInputs.push(
          parseContactInput(bodyObject(raw), auth.organization.phone_country, contactErrors),
        );
        if (Object.keys(contactErrors).length) itemErrors[i] = contactErrors;
      });
      if (Object.keys(itemErrors).length) errors.contacts = itemErrors;
    }
  }
  const addresses = Array.isArray(body.addresses) ? body.addresses : [];
  if (Object.keys(errors).length) throw validationError(errors);

  const now = store.now();
  const defaultStatus = store.leadStatusesOf(orgId)[0];
  if (!defaultStatus) throw new HttpError(500, { error: 'Organization has no lead statuses' });
  const lead: LeadRec = {
    id: store.newId('lead'),
    organization_id: orgId,
    name: name ?? null,
    description: description ?? '',
    url: url ?? null,
    status_id: statusId ?? defaultStatus.id,
    addresses,
    custom,
    created_by: auth.user.id,
    updated_by: auth.user.id,
    date_created: now,
    date_updated: now,
  };
  store.leads.set(lead.id, lead);
  for (const input of contactInputs) createContactRecord(ctx, lead.id, input);
  recordLeadCreated(ctx, lead);
  return json(serializeLead(store, lead));
}

function updateLead(ctx: RequestContext, [id = '']: string[]) {
  const lead = getLeadOr404(ctx, id);
  const body = bodyObject(ctx.body);
  const { store, auth } = ctx;
  const orgId = auth.organization.id;
  const errors: FieldErrors = {};
  const name = optionalString(body, 'name', errors, true);
  const description = optionalString(body, 'description', errors);
  const url = optionalString(body, 'url', errors, true);
  const statusId = resolveLeadStatus(store, orgId, body, errors);
  const custom = applyLeadCustomFields(store, orgId, lead.custom, body, errors);
  if (body.addresses !== undefined && body.addresses !== null && !Array.isArray(body.addresses)) {
    errors.addresses = 'Not a valid list.';
  }
  if (Object.keys(errors).length) throw validationError(errors);

  const oldStatus = lead.status_id;
  if (name !== undefined) lead.name = name;
  if (description !== undefined) lead.description = description ?? '';
  if (url !== undefined) lead.url = url;
  if (statusId !== undefined) lead.status_id = statusId;
  if (Array.isArray(body.addresses)) lead.addresses = body.addresses;
  if (body.addresses === null) lead.addresses = [];
  lead.custom = custom;
  lead.updated_by = auth.user.id;
  lead.date_updated = store.now();
  if (lead.status_id !== oldStatus) recordLeadStatusChange(ctx, lead, oldStatus);
  return json(serializeLead(store, lead));
}

function deleteLead(ctx: RequestContext, [id = '']: string[]) {
  const lead = getLeadOr404(ctx, id);
  const { store } = ctx;
  store.leads.delete(lead.id);
  for (const map of [store.contacts, store.opportunities, store.activities, store.tasks]) {
    for (const [key, rec] of map) if (rec.lead_id === lead.id) map.delete(key);
  }
  return json({});
}

/** `POST /lead/merge/` {source, destination} → `{"status": "ok"}` (recorded merge_leads). */
function mergeLeads(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const { store } = ctx;
  const orgId = ctx.auth.organization.id;
  const source =
    typeof body.source === 'string' ? store.inOrg(store.leads, orgId, body.source) : undefined;
  if (!source) throw new HttpError(404, { errors: ['Source lead does not exist.'] });
  const dest =
    typeof body.destination === 'string'
      ? store.inOrg(store.leads, orgId, body.destination)
      : undefined;
  if (!dest) throw new HttpError(404, { errors: ['Destination lead does not exist.'] });
  if (source.id === dest.id)
    throw new HttpError(400, { errors: ['Cannot merge a lead into itself.'] });
  for (const map of [store.contacts, store.opportunities, store.activities, store.tasks]) {
    for (const rec of map.values()) if (rec.lead_id === source.id) rec.lead_id = dest.id;
  }
  dest.custom = { ...source.custom, ...dest.custom };
  dest.date_updated = store.now();
  store.leads.delete(source.id);
  return json({ status: 'ok' });
}

export const leadRoutes: Route[] = [
  route('GET', '/lead/', 'lead', listLeads),
  route('POST', '/lead/', 'lead', createLead),
  route('POST', '/lead/merge/', 'lead', mergeLeads),
  route('GET', '/lead/:id/', 'lead', getLead),
  route('PUT', '/lead/:id/', 'lead', updateLead),
  route('DELETE', '/lead/:id/', 'lead', deleteLead),
];
