// Valibot schemas for Close's raw JSON (lenient to extra fields and nulls, strict about ids) and the mappers to types.ts.
import * as v from 'valibot';
import { CloseUnexpectedResponseError } from './errors';
import { id, optionalText, statusType, text } from './schema-primitives';
import type {
  Activity,
  ActivityType,
  Contact,
  EmailMessage,
  Lead,
  Note,
  Opportunity,
  Page,
  Task,
  ValuePeriod,
} from './types';

// Statuses, pipelines, custom fields and the user live in config-schemas.ts.
export * from './config-schemas';

/** Parses `data` or throws a typed error naming what Close sent. */
export function parseWith<TSchema extends v.GenericSchema>(
  schema: TSchema,
  data: unknown,
  what: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, data);
  if (!result.success) {
    throw new CloseUnexpectedResponseError(what, { cause: new v.ValiError(result.issues) });
  }
  return result.output;
}

// ---------------------------------------------------------------- contacts

export const RawEmailSchema = v.looseObject({
  email: v.string(),
  type: v.nullish(v.string(), 'office'),
});
export const RawPhoneSchema = v.looseObject({
  phone: v.string(),
  phone_formatted: optionalText,
  type: v.nullish(v.string(), 'office'),
});

export const RawContactSchema = v.looseObject({
  id,
  lead_id: text,
  name: optionalText,
  display_name: optionalText,
  title: text,
  emails: v.nullish(v.array(RawEmailSchema), []),
  phones: v.nullish(v.array(RawPhoneSchema), []),
  date_created: text,
  date_updated: text,
});
export type RawContact = v.InferOutput<typeof RawContactSchema>;

export function mapContact(raw: RawContact, leadId?: string): Contact {
  return {
    id: raw.id,
    leadId: raw.lead_id || leadId || '',
    name: raw.name ?? raw.display_name ?? '',
    title: raw.title,
    emails: raw.emails.map((e) => ({ email: e.email, type: e.type })),
    phones: raw.phones.map((p) => ({
      phone: p.phone,
      ...(p.phone_formatted ? { phoneFormatted: p.phone_formatted } : {}),
      type: p.type,
    })),
  };
}

// ---------------------------------------------------------------- opportunities

const VALUE_PERIODS = ['one_time', 'monthly', 'annual'] as const satisfies readonly ValuePeriod[];
const valuePeriod = v.fallback(v.nullish(v.picklist(VALUE_PERIODS), 'one_time'), 'one_time');
const cents = v.nullish(v.pipe(v.number(), v.finite()));

export const RawOpportunitySchema = v.looseObject({
  id,
  lead_id: text,
  lead_name: text,
  status_id: text,
  status_label: text,
  status_type: statusType,
  pipeline_id: optionalText,
  pipeline_name: optionalText,
  value: cents,
  value_currency: v.nullish(v.string(), 'USD'),
  value_period: valuePeriod,
  confidence: v.nullish(v.number(), 0),
  expected_value: cents,
  contact_id: optionalText,
  note: text,
  date_won: optionalText,
  date_lost: optionalText,
  date_created: text,
  date_updated: text,
});
export type RawOpportunity = v.InferOutput<typeof RawOpportunitySchema>;

export function mapOpportunity(raw: RawOpportunity): Opportunity {
  const value = raw.value ?? null;
  return {
    id: raw.id,
    leadId: raw.lead_id,
    leadName: raw.lead_name,
    statusId: raw.status_id,
    statusLabel: raw.status_label,
    statusType: raw.status_type,
    pipelineId: raw.pipeline_id ?? null,
    pipelineName: raw.pipeline_name ?? null,
    value,
    valueCurrency: raw.value_currency || 'USD',
    valuePeriod: raw.value_period,
    confidence: raw.confidence,
    expectedValue:
      raw.expected_value ?? (value === null ? null : Math.round((value * raw.confidence) / 100)),
    contactId: raw.contact_id ?? null,
    note: raw.note,
    dateWon: raw.date_won ?? null,
    dateLost: raw.date_lost ?? null,
    dateCreated: raw.date_created,
    dateUpdated: raw.date_updated,
  };
}

// ---------------------------------------------------------------- leads

/**
 * A contact nested in a lead: the full object, a partial one (only the fields `_fields.contact`
 * asked for), or just its id (how Close may send nested contacts in search results).
 */
export const RawNestedContactSchema = v.union([id, RawContactSchema]);

export const RawLeadSchema = v.looseObject({
  id,
  name: optionalText,
  display_name: optionalText,
  description: text,
  url: optionalText,
  status_id: optionalText,
  status_label: text,
  html_url: optionalText,
  date_created: text,
  date_updated: text,
  contacts: v.nullish(v.array(RawNestedContactSchema)),
  opportunities: v.nullish(v.array(RawOpportunitySchema)),
  custom: v.nullish(v.record(v.string(), v.unknown())),
});
export type RawLead = v.InferOutput<typeof RawLeadSchema>;

/**
 * Whether a raw lead carries its contacts with their addresses. Contacts as ids, or as objects
 * without `emails`, are *not loaded*: matching by address would silently miss them.
 */
export function contactsLoaded(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object') return false;
  const contacts = (raw as { contacts?: unknown }).contacts;
  return (
    Array.isArray(contacts) &&
    contacts.every(
      (c) =>
        c !== null && typeof c === 'object' && Array.isArray((c as { emails?: unknown }).emails),
    )
  );
}

/** Custom values: current `custom.cf_…` keys, plus id-keyed entries of the deprecated `custom` dict. */
function customValues(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const legacy = raw.custom;
  if (legacy && typeof legacy === 'object' && !Array.isArray(legacy)) {
    for (const [key, value] of Object.entries(legacy as Record<string, unknown>)) {
      // The old dict is keyed by field *name*; only id-shaped keys are safe to expose.
      if (/^l?cf_/.test(key)) out[key] = value;
    }
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('custom.')) out[key.slice('custom.'.length)] = value;
  }
  return out;
}

export function mapLead(raw: RawLead): Lead {
  // Bare ids carry nothing to show; callers load such leads first (see `contactsLoaded`).
  const contacts = (raw.contacts ?? []).flatMap((c) =>
    typeof c === 'string' ? [] : [mapContact(c, raw.id)],
  );
  const lead: Lead = {
    id: raw.id,
    name: raw.name ?? raw.display_name ?? '',
    description: raw.description,
    url: raw.url || null,
    statusId: raw.status_id || null,
    statusLabel: raw.status_label,
    htmlUrl: raw.html_url || `https://app.close.com/lead/${raw.id}/`,
    custom: customValues(raw),
    dateCreated: raw.date_created,
    dateUpdated: raw.date_updated,
    contacts,
  };
  if (raw.opportunities) lead.opportunities = raw.opportunities.map(mapOpportunity);
  return lead;
}

// ---------------------------------------------------------------- activities, notes, emails

export const RawActivitySchema = v.looseObject({
  id,
  _type: v.string(),
  lead_id: text,
  contact_id: optionalText,
  user_name: optionalText,
  activity_at: optionalText,
  date_created: text,
  date_updated: text,
  note: optionalText,
  note_html: optionalText,
  subject: optionalText,
  text: optionalText,
  title: optionalText,
  direction: optionalText,
  duration: v.nullish(v.number()),
  old_status_label: optionalText,
  new_status_label: optionalText,
  task_text: optionalText,
  body_preview: optionalText,
});
export type RawActivity = v.InferOutput<typeof RawActivitySchema>;

const KNOWN_ACTIVITY_TYPES = new Set<ActivityType>([
  'Note',
  'Email',
  'EmailThread',
  'Call',
  'SMS',
  'LeadStatusChange',
  'OpportunityStatusChange',
  'Created',
  'Meeting',
  'TaskCompleted',
]);

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function direction(raw: string | null | undefined): 'incoming' | 'outgoing' | undefined {
  if (raw === 'incoming' || raw === 'inbound') return 'incoming';
  if (raw === 'outgoing' || raw === 'outbound') return 'outgoing';
  return undefined;
}

function activitySummary(raw: RawActivity): string {
  switch (raw._type) {
    case 'Note':
      return oneLine(raw.note ?? '');
    case 'Email':
    case 'EmailThread':
      return oneLine(raw.subject ?? raw.body_preview ?? '');
    case 'Call': {
      const minutes = raw.duration ? ` (${Math.max(1, Math.round(raw.duration / 60))} min)` : '';
      return oneLine(raw.note ?? '') || `Call${minutes}`;
    }
    case 'SMS':
      return oneLine(raw.text ?? '');
    case 'LeadStatusChange':
    case 'OpportunityStatusChange':
      return `${raw.old_status_label ?? '?'} → ${raw.new_status_label ?? '?'}`;
    case 'Created':
      return 'Lead created';
    case 'Meeting':
      return oneLine(raw.title ?? 'Meeting');
    case 'TaskCompleted':
      return oneLine(raw.task_text ?? 'Task completed');
    default:
      return oneLine(raw.title ?? raw.note ?? raw.subject ?? raw._type);
  }
}

export function mapActivity(raw: RawActivity): Activity {
  const type: ActivityType = KNOWN_ACTIVITY_TYPES.has(raw._type as ActivityType)
    ? (raw._type as ActivityType)
    : 'Other';
  const activity: Activity = {
    id: raw.id,
    type,
    rawType: raw._type,
    leadId: raw.lead_id,
    date: raw.activity_at || raw.date_created,
    userName: raw.user_name ?? null,
    contactId: raw.contact_id ?? null,
    summary: activitySummary(raw),
  };
  if (type === 'Note') {
    activity.note = raw.note ?? '';
    activity.noteHtml = raw.note_html ?? '';
  }
  if (raw.subject) activity.subject = raw.subject;
  const dir = direction(raw.direction);
  if (dir) activity.direction = dir;
  if (typeof raw.duration === 'number') activity.durationSeconds = raw.duration;
  // An email's MessageStatus (sent, inbox, draft, scheduled, outbox, error); other types' `status`
  // means something else, and an unexpected shape is simply not known.
  if (type === 'Email' && typeof raw.status === 'string') activity.emailStatus = raw.status;
  return activity;
}

export const RawNoteSchema = v.looseObject({
  id,
  lead_id: text,
  note: text,
  note_html: text,
  user_name: optionalText,
  date_created: text,
  date_updated: text,
});
export type RawNote = v.InferOutput<typeof RawNoteSchema>;

export function mapNote(raw: RawNote): Note {
  return {
    id: raw.id,
    leadId: raw.lead_id,
    note: raw.note,
    noteHtml: raw.note_html,
    dateCreated: raw.date_created,
    dateUpdated: raw.date_updated,
    userName: raw.user_name ?? null,
  };
}

// ---------------------------------------------------------------- tasks

/**
 * Recorded create_task / update_task: `date` is a day (`2018-09-17`) and is present even for a
 * dateless task (then its creation day, with `is_dateless: true`, `due_date: null`). Newer tasks
 * may carry a datetime in `date`; both are accepted.
 */
export const RawTaskSchema = v.looseObject({
  id,
  lead_id: text,
  text,
  date: optionalText,
  due_date: optionalText,
  is_dateless: v.nullish(v.boolean()),
  is_complete: v.nullish(v.boolean(), false),
  assigned_to: optionalText,
  assigned_to_name: optionalText,
  date_created: text,
  date_updated: text,
});
export type RawTask = v.InferOutput<typeof RawTaskSchema>;

export function mapTask(raw: RawTask): Task {
  const due = raw.is_dateless ? null : (raw.date ?? raw.due_date ?? null);
  return {
    id: raw.id,
    leadId: raw.lead_id,
    text: raw.text,
    due: due || null,
    isComplete: raw.is_complete,
    assignedTo: raw.assigned_to ?? null,
    assignedToName: raw.assigned_to_name ?? null,
    dateCreated: raw.date_created,
    dateUpdated: raw.date_updated,
  };
}

const addressList = v.nullish(
  v.array(
    v.union([
      v.string(),
      v.pipe(
        v.looseObject({ email: v.string() }),
        v.transform((o) => o.email),
      ),
    ]),
  ),
  [],
);

export const RawEmailMessageSchema = v.looseObject({
  id,
  lead_id: text,
  subject: text,
  body_text: text,
  body_html: text,
  sender: text,
  to: addressList,
  cc: addressList,
  status: text,
  direction: optionalText,
  date_sent: optionalText,
  activity_at: optionalText,
  date_created: text,
});
export type RawEmailMessage = v.InferOutput<typeof RawEmailMessageSchema>;

export function mapEmailMessage(raw: RawEmailMessage): EmailMessage {
  return {
    id: raw.id,
    leadId: raw.lead_id,
    subject: raw.subject,
    bodyText: raw.body_text,
    bodyHtml: raw.body_html,
    sender: raw.sender,
    to: raw.to,
    cc: raw.cc,
    status: raw.status,
    // Logged received mail has status "inbox"; everything else we sent.
    direction: direction(raw.direction) ?? (raw.status === 'inbox' ? 'incoming' : 'outgoing'),
    date: raw.date_sent || raw.activity_at || raw.date_created,
  };
}

// ---------------------------------------------------------------- pages

/** `{data, has_more, total_results?}` with each item parsed by `item`. */
export function pageSchema<TItem extends v.GenericSchema>(item: TItem) {
  return v.looseObject({
    data: v.array(item),
    has_more: v.nullish(v.boolean(), false),
    total_results: v.nullish(v.number()),
  });
}

export function mapPage<TRaw, TOut>(
  raw: { data: TRaw[]; has_more: boolean; total_results?: number | null | undefined },
  map: (item: TRaw) => TOut,
): Page<TOut> {
  return {
    data: raw.data.map(map),
    hasMore: raw.has_more,
    ...(typeof raw.total_results === 'number' ? { totalResults: raw.total_results } : {}),
  };
}
