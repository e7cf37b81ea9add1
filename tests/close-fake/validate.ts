// Request-body checks shared by routers; failures collect into Close's `field-errors` shape.

import { isRecord } from '@/tests/close-fake/http.ts';
import { normalisePhone } from '@/tests/close-fake/phone.ts';
import type { FakeStore } from '@/tests/close-fake/store.ts';
import type { EmailRec, LeadRec, PhoneRec } from '@/tests/close-fake/types.ts';

export type FieldErrors = Record<string, unknown>;

export const REQUIRED = 'This field is required.';
export const DOES_NOT_EXIST = 'Object does not exist.';

export function optionalString(
  body: Record<string, unknown>,
  key: string,
  errors: FieldErrors,
  nullable = false,
): string | null | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === null) {
    if (nullable) return null;
    return '';
  }
  if (typeof value !== 'string') {
    errors[key] = 'Not a valid string.';
    return undefined;
  }
  return value;
}

/** Resolves the lead a child object (contact, opportunity, activity) points at. */
export function resolveLead(
  store: FakeStore,
  orgId: string,
  body: Record<string, unknown>,
  errors: FieldErrors,
  required: boolean,
): LeadRec | undefined {
  const leadId = body.lead_id ?? body.lead;
  if (leadId === undefined || leadId === null || leadId === '') {
    if (required) errors.lead = REQUIRED;
    return undefined;
  }
  const lead = typeof leadId === 'string' ? store.inOrg(store.leads, orgId, leadId) : undefined;
  if (!lead) errors.lead = DOES_NOT_EXIST;
  return lead;
}

/** Status by `status_id` or by label in `status` (docs/close-api.md; recorded create_lead_error). */
export function resolveLeadStatus(
  store: FakeStore,
  orgId: string,
  body: Record<string, unknown>,
  errors: FieldErrors,
): string | undefined {
  const byId = body.status_id;
  const byLabel = body.status;
  const given = byId ?? byLabel;
  if (given === undefined || given === null) return undefined;
  const status =
    typeof byId === 'string'
      ? store.findLeadStatus(orgId, byId)
      : typeof byLabel === 'string'
        ? store.findLeadStatus(orgId, byLabel, true)
        : undefined;
  if (!status) {
    errors.status = `Not a valid choice. Please go to Customizations in your organization settings and add "${String(given)}" to the list of lead statuses.`;
    return undefined;
  }
  return status.id;
}

export interface ContactInput {
  name?: string;
  title?: string;
  emails?: EmailRec[];
  phones?: PhoneRec[];
  urls?: { url: string; type: string }[];
}

/** Validates a contact create/update body (also used for contacts nested in a lead create). */
export function parseContactInput(
  body: Record<string, unknown>,
  phoneCountry: string,
  errors: FieldErrors,
): ContactInput {
  const out: ContactInput = {};
  const name = optionalString(body, 'name', errors);
  if (typeof name === 'string') out.name = name;
  const title = optionalString(body, 'title', errors);
  if (typeof title === 'string') out.title = title;

  if (body.emails !== undefined) {
    const list = listOf(body.emails, 'emails', errors);
    const emails: EmailRec[] = [];
    const itemErrors: Record<string, unknown> = {};
    list.forEach((item, i) => {
      if (!isRecord(item) || typeof item.email !== 'string' || item.email.trim() === '') {
        itemErrors[i] = { email: REQUIRED };
        return;
      }
      if (!/^[^\s@]+@[^\s@]+$/.test(item.email.trim())) {
        itemErrors[i] = { email: 'Invalid email address.' };
        return;
      }
      emails.push({
        email: item.email.trim(),
        type: typeof item.type === 'string' ? item.type : 'office',
        is_unsubscribed: item.is_unsubscribed === true,
      });
    });
    if (Object.keys(itemErrors).length) errors.emails = itemErrors;
    out.emails = emails;
  }
  if (body.phones !== undefined) {
    const list = listOf(body.phones, 'phones', errors);
    const phones: PhoneRec[] = [];
    const itemErrors: Record<string, unknown> = {};
    list.forEach((item, i) => {
      const raw = isRecord(item) ? item.phone : undefined;
      if (typeof raw !== 'string' || raw.replace(/\D/g, '') === '') {
        itemErrors[i] = { phone: raw === undefined ? REQUIRED : 'Invalid phone number.' };
        return;
      }
      phones.push({
        ...normalisePhone(raw, phoneCountry),
        type: isRecord(item) && typeof item.type === 'string' ? item.type : 'office',
      });
    });
    if (Object.keys(itemErrors).length) errors.phones = itemErrors;
    out.phones = phones;
  }
  if (body.urls !== undefined) {
    const list = listOf(body.urls, 'urls', errors);
    const urls: { url: string; type: string }[] = [];
    const itemErrors: Record<string, unknown> = {};
    list.forEach((item, i) => {
      if (!isRecord(item) || typeof item.url !== 'string' || item.url === '') {
        itemErrors[i] = { url: REQUIRED };
        return;
      }
      urls.push({ url: item.url, type: typeof item.type === 'string' ? item.type : 'url' });
    });
    if (Object.keys(itemErrors).length) errors.urls = itemErrors;
    out.urls = urls;
  }
  return out;
}

function listOf(value: unknown, key: string, errors: FieldErrors): unknown[] {
  if (value === null) return [];
  if (!Array.isArray(value)) {
    errors[key] = 'Not a valid list.';
    return [];
  }
  return value;
}

/**
 * Lead custom field writes: `custom.cf_x: value` (null unsets), `custom.cf_x.add` / `.remove` for
 * multi-value fields, and the deprecated `custom` dict keyed by field id or name.
 * Returns the updated custom map (a copy).
 */
export function applyLeadCustomFields(
  store: FakeStore,
  orgId: string,
  current: Record<string, unknown>,
  body: Record<string, unknown>,
  errors: FieldErrors,
): Record<string, unknown> {
  const fields = store.leadCustomFieldsOf(orgId);
  const next = { ...current };
  const writes: [string, string, unknown, 'set' | 'add' | 'remove'][] = [];
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('custom.')) continue;
    let ref = key.slice('custom.'.length);
    let op: 'set' | 'add' | 'remove' = 'set';
    if (ref.endsWith('.add')) {
      op = 'add';
      ref = ref.slice(0, -4);
    } else if (ref.endsWith('.remove')) {
      op = 'remove';
      ref = ref.slice(0, -7);
    }
    writes.push([key, ref, value, op]);
  }
  if (isRecord(body.custom)) {
    for (const [ref, value] of Object.entries(body.custom)) {
      writes.push([`custom.${ref}`, ref, value, 'set']);
    }
  }
  for (const [key, ref, value, op] of writes) {
    const field = fields.find((f) => f.id === ref) ?? fields.find((f) => f.name === ref);
    if (!field) {
      errors[key] = 'Custom field does not exist.';
      continue;
    }
    if (value === null && op === 'set') {
      delete next[field.id];
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (!field.accepts_multiple_values && (Array.isArray(value) || op !== 'set')) {
      errors[key] = 'This field does not accept multiple values.';
      continue;
    }
    const problem = values.map((v) => checkCustomValue(field.type, field.choices, v)).find(Boolean);
    if (problem) {
      errors[key] = problem;
      continue;
    }
    if (op === 'set') {
      next[field.id] = field.accepts_multiple_values ? values : value;
    } else {
      const existing = Array.isArray(next[field.id]) ? (next[field.id] as unknown[]) : [];
      next[field.id] =
        op === 'add'
          ? [...existing, ...values.filter((v) => !existing.includes(v))]
          : existing.filter((v) => !values.includes(v));
    }
  }
  return next;
}

function checkCustomValue(type: string, choices: string[] | null, value: unknown): string | null {
  switch (type) {
    case 'choices':
      return typeof value === 'string' && (choices ?? []).includes(value)
        ? null
        : 'Not a valid choice.';
    case 'number':
      return typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
        ? null
        : 'A valid number is required.';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? null
        : 'Invalid date. Use YYYY-MM-DD.';
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? null
        : 'Not a valid value.';
  }
}
