// Valibot schemas for Close's raw JSON (lenient to extra fields and nulls, strict about ids) and the mappers to types.ts.
import * as v from 'valibot';
import { mapTask, RawTaskSchema } from '@/utils/close/activity-schemas';
import { CloseUnexpectedResponseError } from '@/utils/close/errors';
import { id, optionalText, statusType, text } from '@/utils/close/schema-primitives';
import type { Contact, Lead, Opportunity, Page, ValuePeriod } from '@/utils/close/types';

// Statuses, pipelines, custom fields and the user live in config-schemas.ts; activities, notes,
// tasks and emails in activity-schemas.ts.
export * from '@/utils/close/activity-schemas';
export * from '@/utils/close/config-schemas';

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
  /** Open tasks only, since 2024-06-07 (Close's API changelog); each is checked in `mapLead`. */
  tasks: v.nullish(v.array(v.unknown())),
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
  if (raw.tasks) {
    const tasks = raw.tasks.map((task) => v.safeParse(RawTaskSchema, task));
    // One task we cannot read and the list is left out: the panel then asks `GET /task/`,
    // whose answer is checked (and any failure shown) like every other.
    if (tasks.every((task) => task.success))
      lead.tasks = tasks.map((task) => mapTask(task.output)).filter((task) => !task.isComplete);
  }
  return lead;
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
