// /custom_field/lead/ (+ /custom_field_schema/lead/) — lead custom fields (docs/close-api.md).

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
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import { serializeCustomField } from '@/tests/close-fake/serialize.ts';
import type { CustomFieldRec } from '@/tests/close-fake/types.ts';
import { type FieldErrors, REQUIRED } from '@/tests/close-fake/validate.ts';

const TYPES = ['text', 'number', 'date', 'datetime', 'choices', 'user', 'contact', 'hidden'];

function fieldOr404(ctx: RequestContext, id: string): CustomFieldRec {
  const f = ctx.store.leadCustomFieldsOf(ctx.auth.organization.id).find((x) => x.id === id);
  if (!f) throw notFound('LeadCustomField');
  return f;
}

function listFields(ctx: RequestContext) {
  const paging = parsePaging(ctx.query, 100);
  const fields = parseFieldList(ctx.query._fields);
  const { page, has_more } = paginate(
    ctx.store.leadCustomFieldsOf(ctx.auth.organization.id),
    paging,
  );
  return json({ has_more, data: page.map((f) => project(serializeCustomField(f), fields)) });
}

function parse(body: Record<string, unknown>, errors: FieldErrors, creating: boolean) {
  if (creating || body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim() === '') errors.name = REQUIRED;
  }
  if (creating || body.type !== undefined) {
    if (!TYPES.includes(String(body.type)))
      errors.type = body.type === undefined ? REQUIRED : 'Not a valid choice.';
  }
  if (
    body.choices !== undefined &&
    !(Array.isArray(body.choices) && body.choices.every((c) => typeof c === 'string'))
  ) {
    errors.choices = 'Not a valid list.';
  }
  if (creating && body.type === 'choices' && !Array.isArray(body.choices))
    errors.choices = REQUIRED;
}

function createField(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  parse(body, errors, true);
  const orgId = ctx.auth.organization.id;
  if (ctx.store.leadCustomFieldsOf(orgId).some((f) => f.name === body.name)) {
    errors.name = 'A custom field with this name already exists.';
  }
  if (Object.keys(errors).length) throw validationError(errors);
  const now = ctx.store.now();
  const f: CustomFieldRec = {
    id: ctx.store.newId('cf'),
    organization_id: orgId,
    name: String(body.name).trim(),
    description: typeof body.description === 'string' ? body.description : null,
    type: String(body.type),
    choices: Array.isArray(body.choices) ? body.choices.map(String) : null,
    accepts_multiple_values: body.accepts_multiple_values === true,
    created_by: ctx.auth.user.id,
    updated_by: ctx.auth.user.id,
    date_created: now,
    date_updated: now,
  };
  ctx.store.leadCustomFields.push(f);
  return json(serializeCustomField(f));
}

function updateField(ctx: RequestContext, [id = '']: string[]) {
  const f = fieldOr404(ctx, id);
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  parse(body, errors, false);
  if (Object.keys(errors).length) throw validationError(errors);
  if (typeof body.name === 'string') f.name = body.name.trim();
  if (typeof body.type === 'string') f.type = body.type;
  if (body.description !== undefined)
    f.description = typeof body.description === 'string' ? body.description : null;
  if (Array.isArray(body.choices)) f.choices = body.choices.map(String);
  if (typeof body.accepts_multiple_values === 'boolean')
    f.accepts_multiple_values = body.accepts_multiple_values;
  f.updated_by = ctx.auth.user.id;
  f.date_updated = ctx.store.now();
  return json(serializeCustomField(f));
}

function deleteField(ctx: RequestContext, [id = '']: string[]) {
  const f = fieldOr404(ctx, id);
  ctx.store.leadCustomFields = ctx.store.leadCustomFields.filter((x) => x !== f);
  for (const lead of ctx.store.leads.values()) delete lead.custom[f.id];
  return json({});
}

export const customFieldRoutes: Route[] = [
  route('GET', '/custom_field/lead/', 'custom_field', listFields),
  route('POST', '/custom_field/lead/', 'custom_field', createField),
  route('GET', '/custom_field/lead/:id/', 'custom_field', (ctx, [id = '']) =>
    json(project(serializeCustomField(fieldOr404(ctx, id)), parseFieldList(ctx.query._fields))),
  ),
  route('PUT', '/custom_field/lead/:id/', 'custom_field', updateField),
  route('DELETE', '/custom_field/lead/:id/', 'custom_field', deleteField),
  route('GET', '/custom_field_schema/lead/', 'custom_field', (ctx) =>
    json({
      fields: ctx.store.leadCustomFieldsOf(ctx.auth.organization.id).map(serializeCustomField),
    }),
  ),
];
