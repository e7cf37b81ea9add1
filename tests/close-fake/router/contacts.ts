// /contact/ — list (lead_id filter), CRUD (docs/close-api.md).

import {
  bodyObject,
  json,
  notFound,
  paginate,
  parseFieldList,
  parsePaging,
  project,
  validationError,
} from '@/tests/close-fake/http.ts';
import { recordLeadCreated } from '@/tests/close-fake/router/activity-log.ts';
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import { serializeContact } from '@/tests/close-fake/serialize.ts';
import { textMatches } from '@/tests/close-fake/text-match.ts';
import type { ContactRec, LeadRec } from '@/tests/close-fake/types.ts';
import {
  type ContactInput,
  type FieldErrors,
  parseContactInput,
  resolveLead,
} from '@/tests/close-fake/validate.ts';

export function createContactRecord(
  ctx: RequestContext,
  leadId: string,
  input: ContactInput,
): ContactRec {
  const now = ctx.store.now();
  const rec: ContactRec = {
    id: ctx.store.newId('cont'),
    organization_id: ctx.auth.organization.id,
    lead_id: leadId,
    name: input.name ?? '',
    title: input.title ?? '',
    emails: input.emails ?? [],
    phones: input.phones ?? [],
    urls: input.urls ?? [],
    created_by: ctx.auth.user.id,
    updated_by: ctx.auth.user.id,
    date_created: now,
    date_updated: now,
  };
  ctx.store.contacts.set(rec.id, rec);
  return rec;
}

function getContactOr404(ctx: RequestContext, id: string): ContactRec {
  const c = ctx.store.inOrg(ctx.store.contacts, ctx.auth.organization.id, id);
  if (!c) throw notFound('Contact');
  return c;
}

function listContacts(ctx: RequestContext) {
  const paging = parsePaging(ctx.query, 100);
  const fields = parseFieldList(ctx.query._fields);
  const orgId = ctx.auth.organization.id;
  let contacts = [...ctx.store.contacts.values()].filter((c) => c.organization_id === orgId);
  const leadIds = ctx.query.lead_id ? ctx.query.lead_id.split(',') : null;
  if (leadIds) contacts = contacts.filter((c) => leadIds.includes(c.lead_id));
  // `query` is not documented for contacts (only lead_id is): strict mode ignores it.
  const q = ctx.behaviour.undocumentedQueries ? ctx.query.query : undefined;
  if (q) {
    contacts = contacts.filter(
      (c) =>
        textMatches('contains', c.name, q) ||
        c.emails.some(
          (e) =>
            e.email.toLowerCase() === q.trim().toLowerCase() || textMatches('contains', e.email, q),
        ),
    );
  }
  contacts.sort((a, b) => a.date_created.localeCompare(b.date_created));
  const { page, has_more } = paginate(contacts, paging);
  return json({ has_more, data: page.map((c) => project(serializeContact(ctx.store, c), fields)) });
}

function getContact(ctx: RequestContext, [id = '']: string[]) {
  const c = getContactOr404(ctx, id);
  return json(project(serializeContact(ctx.store, c), parseFieldList(ctx.query._fields)));
}

/** Without lead_id, "a new lead will be created, named after the contact" (OpenAPI description; docs/close-api.md). */
function createContact(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const { store, auth } = ctx;
  const orgId = auth.organization.id;
  const errors: FieldErrors = {};
  const lead = resolveLead(store, orgId, body, errors, false);
  const input = parseContactInput(body, auth.organization.phone_country, errors);
  if (Object.keys(errors).length) throw validationError(errors);
  let leadId = lead?.id;
  if (!leadId) {
    const now = store.now();
    const status = store.leadStatusesOf(orgId)[0];
    const newLead: LeadRec = {
      id: store.newId('lead'),
      organization_id: orgId,
      name: input.name || input.emails?.[0]?.email || null,
      description: '',
      url: null,
      status_id: status?.id ?? '',
      addresses: [],
      custom: {},
      created_by: auth.user.id,
      updated_by: auth.user.id,
      date_created: now,
      date_updated: now,
    };
    store.leads.set(newLead.id, newLead);
    recordLeadCreated(ctx, newLead);
    leadId = newLead.id;
  }
  const rec = createContactRecord(ctx, leadId, input);
  return json(serializeContact(store, rec));
}

function updateContact(ctx: RequestContext, [id = '']: string[]) {
  const c = getContactOr404(ctx, id);
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  const input = parseContactInput(body, ctx.auth.organization.phone_country, errors);
  let newLead: LeadRec | undefined;
  if (body.lead_id !== undefined) {
    newLead = resolveLead(ctx.store, ctx.auth.organization.id, body, errors, true);
  }
  if (Object.keys(errors).length) throw validationError(errors);
  if (input.name !== undefined) c.name = input.name;
  if (input.title !== undefined) c.title = input.title;
  if (input.emails !== undefined) c.emails = input.emails;
  if (input.phones !== undefined) c.phones = input.phones;
  if (input.urls !== undefined) c.urls = input.urls;
  if (newLead) c.lead_id = newLead.id;
  c.updated_by = ctx.auth.user.id;
  c.date_updated = ctx.store.now();
  return json(serializeContact(ctx.store, c));
}

function deleteContact(ctx: RequestContext, [id = '']: string[]) {
  const c = getContactOr404(ctx, id);
  ctx.store.contacts.delete(c.id);
  for (const o of ctx.store.opportunities.values()) if (o.contact_id === c.id) o.contact_id = null;
  return json({});
}

export const contactRoutes: Route[] = [
  route('GET', '/contact/', 'contact', listContacts),
  route('POST', '/contact/', 'contact', createContact),
  route('GET', '/contact/:id/', 'contact', getContact),
  route('PUT', '/contact/:id/', 'contact', updateContact),
  route('DELETE', '/contact/:id/', 'contact', deleteContact),
];
