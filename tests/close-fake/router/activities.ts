// /activity/ — the mixed list and the typed endpoints: notes, emails, calls, SMS, status changes (§3.4).

import { htmlToText, textToNoteHtml, wrapBody } from '@/tests/close-fake/html.ts';
import {
  badRequest,
  bodyObject,
  dateRangeMatches,
  HttpError,
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
import { normalisePhone } from '@/tests/close-fake/phone.ts';
import {
  type Handler,
  type RequestContext,
  type Route,
  route,
} from '@/tests/close-fake/router/types.ts';
import { serializeActivity } from '@/tests/close-fake/serialize.ts';
import type { ActivityRec } from '@/tests/close-fake/types.ts';
import { DOES_NOT_EXIST, type FieldErrors, resolveLead } from '@/tests/close-fake/validate.ts';

/** Typed endpoint path → `_type`. */
const TYPED: Record<string, string> = {
  note: 'Note',
  email: 'Email',
  emailthread: 'EmailThread',
  call: 'Call',
  sms: 'SMS',
  meeting: 'Meeting',
  created: 'Created',
  'status_change/lead': 'LeadStatusChange',
  'status_change/opportunity': 'OpportunityStatusChange',
  task_completed: 'TaskCompleted',
  lead_merge: 'LeadMerge',
};

const EMAIL_STATUSES = ['inbox', 'draft', 'scheduled', 'outbox', 'sent', 'error'];
const CALL_STATUSES = [
  'created',
  'in-progress',
  'completed',
  'cancel',
  'no-answer',
  'busy',
  'failed',
  'timeout',
];
const MAX_LIMIT = 100;

function newestFirst(a: ActivityRec, b: ActivityRec): number {
  return b.activity_at.localeCompare(a.activity_at) || b.date_created.localeCompare(a.date_created);
}

function listActivities(ctx: RequestContext, onlyType?: string) {
  const { store, query } = ctx;
  const paging = parsePaging(query, MAX_LIMIT);
  const fields = parseFieldList(query._fields);
  const orgId = ctx.auth.organization.id;
  const leadIds = listParam(query, 'lead_id');
  const contactIds = listParam(query, 'contact_id');
  const userIds = listParam(query, 'user_id');
  const types = onlyType ? [onlyType] : listParam(query, '_type');
  const ids = listParam(query, 'id');
  let items = [...store.activities.values()].filter(
    (a) =>
      a.organization_id === orgId &&
      (!leadIds || leadIds.includes(a.lead_id)) &&
      (!contactIds || contactIds.includes(a.contact_id ?? '')) &&
      (!userIds || userIds.includes(a.user_id ?? '')) &&
      (!types || types.includes(a._type)) &&
      (!ids || ids.includes(a.id)) &&
      dateRangeMatches(query, 'date_created', a.date_created) &&
      dateRangeMatches(query, 'activity_at', a.activity_at),
  );
  items.sort(newestFirst);
  items = orderBy(items, query._order_by, (a, f) => a[f]);
  const { page, has_more } = paginate(items, paging);
  return json({ has_more, data: page.map((a) => project(serializeActivity(store, a), fields)) });
}

function getTyped(ctx: RequestContext, type: string, id: string): ActivityRec {
  const a = ctx.store.inOrg(ctx.store.activities, ctx.auth.organization.id, id);
  if (!a || a._type !== type) throw notFound(type);
  return a;
}

function resolveContact(
  ctx: RequestContext,
  body: Record<string, unknown>,
  errors: FieldErrors,
): string | null | undefined {
  if (body.contact_id === undefined) return undefined;
  if (body.contact_id === null) return null;
  const c =
    typeof body.contact_id === 'string'
      ? ctx.store.inOrg(ctx.store.contacts, ctx.auth.organization.id, body.contact_id)
      : undefined;
  if (!c) {
    errors.contact = DOES_NOT_EXIST;
    return undefined;
  }
  return c.id;
}

function newActivity(
  ctx: RequestContext,
  type: string,
  body: Record<string, unknown>,
): ActivityRec {
  const errors: FieldErrors = {};
  const lead = resolveLead(ctx.store, ctx.auth.organization.id, body, errors, true);
  const contactId = resolveContact(ctx, body, errors);
  let userId = ctx.auth.user.id;
  if (body.user_id !== undefined && body.user_id !== null) {
    if (!ctx.auth.organization.memberships.some((m) => m.user_id === body.user_id))
      errors.user = DOES_NOT_EXIST;
    else userId = String(body.user_id);
  }
  let activityAt: string | undefined;
  if (typeof body.activity_at === 'string') {
    const t = Date.parse(body.activity_at);
    if (Number.isNaN(t)) errors.activity_at = 'Invalid datetime.';
    else activityAt = `${new Date(t).toISOString().slice(0, 23)}000+00:00`;
  }
  if (Object.keys(errors).length || !lead) throw validationError(errors);
  const now = ctx.store.now();
  return {
    id: ctx.store.newId('acti'),
    _type: type,
    organization_id: ctx.auth.organization.id,
    lead_id: lead.id,
    contact_id: contactId ?? null,
    user_id: userId,
    created_by: ctx.auth.user.id,
    updated_by: ctx.auth.user.id,
    activity_at: activityAt ?? now,
    date_created: now,
    date_updated: now,
  };
}

// ---------------------------------------------------------------------------
// Notes: note ↔ note_html kept in sync; note_html wins when both are sent (§3.4, D-RICH).
// ---------------------------------------------------------------------------

function applyNoteText(a: ActivityRec, body: Record<string, unknown>): void {
  if (typeof body.note_html === 'string') {
    const html = wrapBody(body.note_html);
    a.note_html = html;
    a.note = htmlToText(html);
  } else if (typeof body.note === 'string') {
    a.note = body.note;
    a.note_html = textToNoteHtml(body.note);
  } else if (body.note_html === null || body.note === null) {
    a.note = '';
    a.note_html = '';
  }
}

function createNote(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const a: ActivityRec = {
    ...newActivity(ctx, 'Note', body),
    note: '',
    note_html: '',
    note_mentions: [],
    title: typeof body.title === 'string' ? body.title : null,
    pinned: body.pinned === true,
    pinned_at: body.pinned === true ? ctx.store.now() : null,
    source: 'api',
    attachments: Array.isArray(body.attachments) ? body.attachments : [],
    users: [],
  };
  applyNoteText(a, body);
  ctx.store.activities.set(a.id, a);
  return json(serializeActivity(ctx.store, a));
}

function updateNote(ctx: RequestContext, [id = '']: string[]) {
  const a = getTyped(ctx, 'Note', id);
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  const contactId = resolveContact(ctx, body, errors);
  if (Object.keys(errors).length) throw validationError(errors);
  applyNoteText(a, body);
  if (contactId !== undefined) a.contact_id = contactId;
  if (body.title !== undefined) a.title = typeof body.title === 'string' ? body.title : null;
  if (typeof body.pinned === 'boolean') {
    a.pinned = body.pinned;
    a.pinned_at = body.pinned ? ctx.store.now() : null;
  }
  a.updated_by = ctx.auth.user.id;
  a.date_updated = ctx.store.now();
  return json(serializeActivity(ctx.store, a));
}

// ---------------------------------------------------------------------------
// Emails, calls, SMS
// ---------------------------------------------------------------------------

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string' && value
      ? [value]
      : [];
}

function createEmail(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const base = newActivity(ctx, 'Email', body);
  const status = typeof body.status === 'string' ? body.status : 'draft';
  const errors: FieldErrors = {};
  if (!EMAIL_STATUSES.includes(status)) errors.status = 'Not a valid choice.';
  if (['inbox', 'scheduled', 'outbox', 'error'].includes(status) && !body.sender)
    errors.sender = 'This field is required.';
  if (status === 'scheduled' && !body.date_scheduled)
    errors.date_scheduled = 'This field is required.';
  if (Object.keys(errors).length) throw validationError(errors);
  const bodyHtml = typeof body.body_html === 'string' ? body.body_html : '';
  const bodyText = typeof body.body_text === 'string' ? body.body_text : htmlToText(bodyHtml);
  const sentish = status === 'sent' || status === 'inbox' || status === 'outbox';
  const a: ActivityRec = {
    ...base,
    subject: typeof body.subject === 'string' ? body.subject : '',
    body_text: bodyText,
    body_html: bodyHtml,
    sender: typeof body.sender === 'string' ? body.sender : '',
    to: stringList(body.to),
    cc: stringList(body.cc),
    bcc: stringList(body.bcc),
    status,
    direction: body.direction === 'incoming' || status === 'inbox' ? 'incoming' : 'outgoing',
    date_sent:
      typeof body.date_sent === 'string' ? body.date_sent : sentish ? base.activity_at : null,
    date_scheduled: typeof body.date_scheduled === 'string' ? body.date_scheduled : null,
    thread_id: ctx.store.newId('acti'),
    in_reply_to_id: null,
    message_ids: [],
    references: [],
    has_reply: false,
    opens: [],
    opens_summary: null,
    attachments: [],
    template_id: typeof body.template_id === 'string' ? body.template_id : null,
    template_name: null,
    email_account_id: null,
    sequence_id: null,
    sequence_name: null,
    sequence_subscription_id: null,
    followup_sequence_id: null,
    followup_sequence_delay: null,
    bulk_email_action_id: null,
    need_smtp_credentials: false,
    send_attempts: [],
    users: [],
  };
  ctx.store.activities.set(a.id, a);
  return json(serializeActivity(ctx.store, a));
}

function updateEmail(ctx: RequestContext, [id = '']: string[]) {
  const a = getTyped(ctx, 'Email', id);
  const body = bodyObject(ctx.body);
  // Only drafts are editable (OAS); changing a draft's status (e.g. to outbox) is allowed.
  if (a.status !== 'draft')
    throw new HttpError(400, { errors: ['Only draft emails can be edited.'], 'field-errors': {} });
  for (const key of ['subject', 'body_text', 'body_html', 'sender', 'date_scheduled'] as const) {
    if (typeof body[key] === 'string') a[key] = body[key];
  }
  for (const key of ['to', 'cc', 'bcc'] as const)
    if (body[key] !== undefined) a[key] = stringList(body[key]);
  if (typeof body.body_html === 'string' && typeof body.body_text !== 'string')
    a.body_text = htmlToText(body.body_html);
  if (typeof body.status === 'string') {
    if (!EMAIL_STATUSES.includes(body.status))
      throw validationError({ status: 'Not a valid choice.' });
    a.status = body.status;
    if (body.status === 'sent' || body.status === 'outbox') a.date_sent = ctx.store.now();
  }
  a.updated_by = ctx.auth.user.id;
  a.date_updated = ctx.store.now();
  return json(serializeActivity(ctx.store, a));
}

function phoneFields(
  prefix: 'local' | 'remote',
  raw: unknown,
  country: string,
): Record<string, unknown> {
  if (typeof raw !== 'string' || raw.replace(/\D/g, '') === '') {
    return {
      [`${prefix}_phone`]: null,
      [`${prefix}_phone_formatted`]: null,
      [`${prefix}_country_iso`]: null,
    };
  }
  const p = normalisePhone(raw, country);
  return {
    [`${prefix}_phone`]: p.phone,
    [`${prefix}_phone_formatted`]: p.phone_formatted,
    [`${prefix}_country_iso`]: p.country,
  };
}

function createCall(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const base = newActivity(ctx, 'Call', body);
  const errors: FieldErrors = {};
  const status = typeof body.status === 'string' ? body.status : 'completed';
  if (!CALL_STATUSES.includes(status)) errors.status = 'Not a valid choice.';
  const direction = body.direction ?? 'outbound';
  if (direction !== 'inbound' && direction !== 'outbound') errors.direction = 'Not a valid choice.';
  if (
    body.duration !== undefined &&
    !(Number.isInteger(body.duration) && Number(body.duration) >= 0)
  ) {
    errors.duration = 'A valid integer is required.';
  }
  if (typeof body.recording_url === 'string' && !body.recording_url.startsWith('https://')) {
    errors.recording_url = 'Recording URL must use https.';
  }
  if (Object.keys(errors).length) throw validationError(errors);
  const country = ctx.auth.organization.phone_country;
  const remote = phoneFields('remote', body.phone ?? body.remote_phone, country);
  const a: ActivityRec = {
    ...base,
    status,
    direction,
    duration: typeof body.duration === 'number' ? body.duration : 0,
    phone: remote.remote_phone,
    ...phoneFields('local', body.local_phone, country),
    ...remote,
    disposition: status === 'completed' ? 'answered' : status,
    call_method: 'external',
    source: 'External',
    note: null,
    note_html: null,
    recording_url: typeof body.recording_url === 'string' ? body.recording_url : null,
    voicemail_url: null,
    voicemail_duration: 0,
    has_recording: typeof body.recording_url === 'string',
    cost: null,
    dialer_id: null,
    sequence_id: null,
    sequence_subscription_id: null,
    outcome_id: typeof body.outcome_id === 'string' ? body.outcome_id : null,
    users: [],
  };
  if (body.note !== undefined || body.note_html !== undefined) applyNoteText(a, body);
  ctx.store.activities.set(a.id, a);
  return json(serializeActivity(ctx.store, a));
}

function createSms(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const base = newActivity(ctx, 'SMS', body);
  const status = typeof body.status === 'string' ? body.status : 'inbox';
  if (!EMAIL_STATUSES.includes(status)) throw validationError({ status: 'Not a valid choice.' });
  const country = ctx.auth.organization.phone_country;
  const direction =
    body.direction === 'inbound' || body.direction === 'outbound'
      ? body.direction
      : status === 'inbox'
        ? 'inbound'
        : 'outbound';
  const a: ActivityRec = {
    ...base,
    text: typeof body.text === 'string' ? body.text : '',
    status,
    direction,
    ...phoneFields('local', body.local_phone, country),
    ...phoneFields('remote', body.remote_phone, country),
    date_sent: status === 'sent' || status === 'inbox' ? base.activity_at : null,
    date_scheduled: typeof body.date_scheduled === 'string' ? body.date_scheduled : null,
    error_message: null,
    cost: null,
    source: 'External',
    template_id: null,
    attachments: [],
    users: [],
  };
  ctx.store.activities.set(a.id, a);
  return json(serializeActivity(ctx.store, a));
}

/** PUT on calls/SMS/others: a patch of the type's own fields. */
function genericUpdate(type: string): Handler {
  const locked = new Set([
    'id',
    '_type',
    'organization_id',
    'lead_id',
    'created_by',
    'date_created',
    'date_updated',
    'updated_by',
  ]);
  return (ctx, [id = '']) => {
    const a = getTyped(ctx, type, id);
    const body = bodyObject(ctx.body);
    if ('note' in body || 'note_html' in body) applyNoteText(a, body);
    for (const [key, value] of Object.entries(body)) {
      if (locked.has(key) || key === 'note' || key === 'note_html') continue;
      if (!(key in a)) throw badRequest(`Unknown field: ${key}`);
      a[key] = value;
    }
    a.updated_by = ctx.auth.user.id;
    a.date_updated = ctx.store.now();
    return json(serializeActivity(ctx.store, a));
  };
}

const CREATORS: Record<string, Handler> = {
  Note: createNote,
  Email: createEmail,
  Call: createCall,
  SMS: createSms,
};

const UPDATERS: Record<string, Handler> = {
  Note: updateNote,
  Email: updateEmail,
};

function typedRoutes(): Route[] {
  const routes: Route[] = [];
  for (const [segment, type] of Object.entries(TYPED)) {
    const list = `/activity/${segment}/`;
    const one = `/activity/${segment}/:id/`;
    routes.push(route('GET', list, 'activity', (ctx) => listActivities(ctx, type)));
    const create = CREATORS[type];
    if (create) routes.push(route('POST', list, 'activity', create));
    routes.push(
      route('GET', one, 'activity', (ctx, [id = '']) => {
        const a = getTyped(ctx, type, id);
        return json(project(serializeActivity(ctx.store, a), parseFieldList(ctx.query._fields)));
      }),
    );
    routes.push(route('PUT', one, 'activity', UPDATERS[type] ?? genericUpdate(type)));
    routes.push(
      route('DELETE', one, 'activity', (ctx, [id = '']) => {
        const a = getTyped(ctx, type, id);
        ctx.store.activities.delete(a.id);
        return json({});
      }),
    );
  }
  return routes;
}

export const activityRoutes: Route[] = [
  route('GET', '/activity/', 'activity', (ctx) => listActivities(ctx)),
  ...typedRoutes(),
];
