// Store records → the JSON objects Close returns (field sets follow docs/close-api.md and the recordings).

import { htmlToText } from '@/tests/close-fake/html.ts';
import { todayIn } from '@/tests/close-fake/ids.ts';
import { deriveValues, formatValue } from '@/tests/close-fake/money.ts';
import type { FakeStore } from '@/tests/close-fake/store.ts';
import type {
  ActivityRec,
  AuthContext,
  ContactRec,
  CustomFieldRec,
  LeadRec,
  OpportunityRec,
  OrganizationRec,
  PipelineRec,
  TaskRec,
  UserRec,
} from '@/tests/close-fake/types.ts';

export type Json = Record<string, unknown>;

/** Lead display name: its name; for nameless leads the first contact's name, else "Untitled" (UNCONFIRMED). */
export function leadDisplayName(store: FakeStore, lead: LeadRec): string {
  if (lead.name) return lead.name;
  const first = store.contactsOfLead(lead.id).find((c) => c.name);
  return first ? first.name : 'Untitled';
}

export function contactDisplayName(contact: ContactRec): string {
  return contact.name || contact.emails[0]?.email || '';
}

/** Takes the store like every serializer, though a contact needs nothing from it. */
export function serializeContact(_store: FakeStore, c: ContactRec): Json {
  return {
    id: c.id,
    lead_id: c.lead_id,
    organization_id: c.organization_id,
    name: c.name,
    title: c.title,
    display_name: contactDisplayName(c),
    emails: c.emails.map((e) => ({ ...e })),
    phones: c.phones.map((p) => ({ ...p })),
    urls: c.urls.map((u) => ({ ...u })),
    integration_links: [],
    created_by: c.created_by,
    updated_by: c.updated_by,
    date_created: c.date_created,
    date_updated: c.date_updated,
  };
}

export function serializeOpportunity(store: FakeStore, o: OpportunityRec): Json {
  const status = store.opportunityStatuses.find((s) => s.id === o.status_id);
  const pipeline = store.pipelines.find((p) => p.id === status?.pipeline_id);
  const lead = store.leads.get(o.lead_id);
  const contact = o.contact_id ? store.contacts.get(o.contact_id) : undefined;
  const derived = deriveValues(o.value, o.value_period, o.confidence);
  return {
    id: o.id,
    lead_id: o.lead_id,
    lead_name: lead ? leadDisplayName(store, lead) : null,
    contact_id: o.contact_id,
    contact_name: contact ? contact.name : null,
    organization_id: o.organization_id,
    user_id: o.user_id,
    user_name: store.userName(o.user_id),
    pipeline_id: pipeline?.id ?? null,
    pipeline_name: pipeline?.name ?? null,
    status_id: o.status_id,
    status_label: status?.label ?? null,
    status_display_name: status?.label ?? null,
    status_type: status?.type ?? null,
    value: o.value,
    value_currency: o.value_currency,
    value_period: o.value_period,
    value_formatted: formatValue(o.value, o.value_period, o.value_currency),
    confidence: o.confidence,
    ...derived,
    note: o.note,
    note_html: o.note_html,
    date_won: o.date_won,
    date_lost: o.date_lost,
    is_stalled: false,
    attachments: [],
    integration_links: [],
    created_by: o.created_by,
    created_by_name: store.userName(o.created_by),
    updated_by: o.updated_by,
    updated_by_name: store.userName(o.updated_by),
    date_created: o.date_created,
    date_updated: o.date_updated,
  };
}

/** The day a task is filed under: its date's day, or (dateless) the day it was created. */
export function taskDay(t: TaskRec): string | null {
  return t.date ? t.date.slice(0, 10) : null;
}

/**
 * Shaped like the recorded create_task / update_task answers: a dateless task still carries
 * `date` (its creation day) with `is_dateless: true` and `due_date: null`; `view` is where Close's
 * task views file it (archive when complete, future after the caller's today, else inbox).
 */
export function serializeTask(store: FakeStore, t: TaskRec, tzOffset = 0): Json {
  const lead = store.leads.get(t.lead_id);
  const day = taskDay(t);
  const view = t.is_complete
    ? 'archive'
    : day !== null && day > todayIn(tzOffset)
      ? 'future'
      : 'inbox';
  return {
    id: t.id,
    _type: 'lead',
    lead_id: t.lead_id,
    lead_name: lead ? leadDisplayName(store, lead) : null,
    contact_id: null,
    contact_name: null,
    organization_id: t.organization_id,
    text: t.text,
    date: t.date ?? t.date_created.slice(0, 10),
    due_date: t.date,
    is_dateless: t.date === null,
    is_complete: t.is_complete,
    view,
    object_type: t.completion_activity_id ? 'taskcompleted' : null,
    object_id: t.completion_activity_id ?? null,
    assigned_to: t.assigned_to,
    assigned_to_name: store.userName(t.assigned_to),
    created_by: t.created_by,
    created_by_name: store.userName(t.created_by),
    updated_by: t.updated_by ?? t.created_by,
    updated_by_name: store.userName(t.updated_by ?? t.created_by),
    date_created: t.date_created,
    date_updated: t.date_updated,
  };
}

export function serializeLead(store: FakeStore, lead: LeadRec): Json {
  const status = store.leadStatuses.find((s) => s.id === lead.status_id);
  const contacts = store.contactsOfLead(lead.id);
  const out: Json = {
    id: lead.id,
    name: lead.name,
    display_name: leadDisplayName(store, lead),
    description: lead.description,
    url: lead.url,
    status_id: lead.status_id,
    status_label: status?.label ?? null,
    html_url: `https://app.close.com/lead/${lead.id}/`,
    organization_id: lead.organization_id,
    created_by: lead.created_by,
    updated_by: lead.updated_by,
    created_by_name: store.userName(lead.created_by),
    updated_by_name: store.userName(lead.updated_by),
    date_created: lead.date_created,
    date_updated: lead.date_updated,
    addresses: lead.addresses.map((a) => ({ ...a })),
    contact_ids: contacts.map((c) => c.id),
    contacts: contacts.map((c) => serializeContact(store, c)),
    opportunities: store.opportunitiesOfLead(lead.id).map((o) => serializeOpportunity(store, o)),
    // Since June 2024 the Lead API embeds only incomplete tasks (Close's API changelog).
    tasks: store
      .tasksOfLead(lead.id)
      .filter((t) => !t.is_complete)
      .map((t) => serializeTask(store, t)),
    integration_links: [],
  };
  for (const [fieldId, value] of Object.entries(lead.custom)) {
    if (value !== null && value !== undefined) out[`custom.${fieldId}`] = value;
  }
  return out;
}

export function serializeActivity(store: FakeStore, a: ActivityRec): Json {
  const out: Json = {
    ...a,
    user_name: store.userName(a.user_id),
    created_by_name: store.userName(a.created_by),
    updated_by_name: store.userName(a.updated_by),
  };
  if (a._type === 'Email') {
    const bodyText = typeof a.body_text === 'string' ? a.body_text : '';
    out.body_preview = bodyText.slice(0, 200);
    out.body_text_quoted = [{ text: bodyText, expand: true }];
    out.body_html_quoted = [{ html: a.body_html, expand: true }];
    out.envelope = emailEnvelope(a);
  }
  if (a._type === 'Note' && typeof a.note !== 'string' && typeof a.note_html === 'string') {
    out.note = htmlToText(a.note_html);
  }
  return out;
}

function addressList(value: unknown): { email: string; name: string }[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
  return list.map((raw) => {
    const text = String(raw);
    const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(text);
    return m ? { email: m[2] ?? '', name: m[1] ?? '' } : { email: text.trim(), name: '' };
  });
}

function emailEnvelope(a: ActivityRec): Json {
  const date = new Date(String(a.date_sent ?? a.activity_at));
  return {
    from: addressList(a.sender),
    sender: addressList(a.sender),
    to: addressList(a.to),
    cc: addressList(a.cc),
    bcc: addressList(a.bcc),
    reply_to: [],
    date: Number.isNaN(date.getTime()) ? null : date.toUTCString().replace('GMT', '-0000'),
    subject: a.subject ?? '',
    message_id: a.message_id ?? null,
    in_reply_to: null,
    is_autoreply: false,
  };
}

export function serializeUserBrief(u: UserRec): Json {
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    image: u.image,
    last_used_timezone: u.last_used_timezone,
    date_created: u.date_created,
    date_updated: u.date_updated,
  };
}

export function serializePipeline(store: FakeStore, p: PipelineRec): Json {
  return {
    id: p.id,
    name: p.name,
    organization_id: p.organization_id,
    created_by: p.created_by,
    updated_by: p.updated_by,
    date_created: p.date_created,
    date_updated: p.date_updated,
    statuses: store.opportunityStatuses
      .filter((s) => s.pipeline_id === p.id)
      .map((s) => ({ id: s.id, label: s.label, type: s.type })),
  };
}

export function serializeCustomField(f: CustomFieldRec): Json {
  const out: Json = {
    id: f.id,
    name: f.name,
    description: f.description,
    type: f.type,
    accepts_multiple_values: f.accepts_multiple_values,
    editable_with_roles: [],
    organization_id: f.organization_id,
    created_by: f.created_by,
    updated_by: f.updated_by,
    date_created: f.date_created,
    date_updated: f.date_updated,
  };
  if (f.choices) out.choices = [...f.choices];
  return out;
}

export function serializeOrganization(store: FakeStore, o: OrganizationRec): Json {
  return {
    id: o.id,
    name: o.name,
    currency: o.currency,
    created_by: null,
    updated_by: null,
    date_created: o.date_created,
    date_updated: o.date_updated,
    lead_statuses: store.leadStatusesOf(o.id).map((s) => ({ id: s.id, label: s.label })),
    pipelines: store.pipelinesOf(o.id).map((p) => serializePipeline(store, p)),
  };
}

/**
 * `GET /me/`: the user, every organization they belong to (the API key's organization first, so
 * `organizations[0]` is the one the key works in), and their memberships.
 */
export function serializeMe(store: FakeStore, auth: AuthContext): Json {
  const user = auth.user;
  const orgs = [...store.organizations.values()]
    .filter((o) => o.memberships.some((m) => m.user_id === user.id))
    .sort((a, b) => Number(b.id === auth.organization.id) - Number(a.id === auth.organization.id));
  const memberships = orgs.flatMap((o) =>
    o.memberships
      .filter((m) => m.user_id === user.id)
      .map((m) => ({
        id: m.id,
        organization_id: o.id,
        user_id: user.id,
        role_id: m.role_id ?? 'admin',
        permissions_granted: m.permissions_granted ?? [],
        auto_record_calls: 'unset',
        track_email_opens: true,
      })),
  );
  return {
    ...serializeUserBrief(user),
    email_accounts: [],
    phone_numbers: [],
    memberships,
    organizations: orgs.map((o) => serializeOrganization(store, o)),
  };
}
