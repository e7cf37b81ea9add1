// Advanced Filtering, `POST /data/search/`: query trees over leads and contacts (docs/close-api.md "Search").

import { createHash } from 'node:crypto';
import {
  badRequest,
  compareValues,
  type HttpError,
  isRecord,
  project,
} from '@/tests/close-fake/http.ts';
import type { FakeBehaviour } from '@/tests/close-fake/modes.ts';
import {
  serializeContact,
  serializeLead,
  serializeOpportunity,
} from '@/tests/close-fake/serialize.ts';
import type { FakeStore } from '@/tests/close-fake/store.ts';
import {
  emailMatchesDomain,
  TEXT_MODES,
  type TextMode,
  textMatches,
  urlMatchesDomain,
} from '@/tests/close-fake/text-match.ts';
import type {
  ContactRec,
  EmailRec,
  LeadRec,
  OpportunityRec,
  PhoneRec,
} from '@/tests/close-fake/types.ts';

type Candidate =
  | { type: 'lead'; rec: LeadRec }
  | { type: 'contact'; rec: ContactRec }
  | { type: 'contact_email'; rec: EmailRec; contact: ContactRec }
  | { type: 'contact_phone'; rec: PhoneRec; contact: ContactRec }
  | { type: 'opportunity'; rec: OpportunityRec };

const SEARCHABLE = ['lead', 'contact'] as const;
type SearchableType = (typeof SEARCHABLE)[number];

function invalid(message: string): HttpError {
  return badRequest(message);
}

function related(store: FakeStore, from: Candidate, type: string): Candidate[] {
  const emailsOf = (c: ContactRec): Candidate[] =>
    c.emails.map((e) => ({ type: 'contact_email', rec: e, contact: c }));
  const phonesOf = (c: ContactRec): Candidate[] =>
    c.phones.map((p) => ({ type: 'contact_phone', rec: p, contact: c }));
  const leadOf = (leadId: string): Candidate[] => {
    const lead = store.leads.get(leadId);
    return lead ? [{ type: 'lead', rec: lead }] : [];
  };
  if (from.type === 'lead') {
    const contacts = store.contactsOfLead(from.rec.id);
    if (type === 'contact') return contacts.map((rec) => ({ type: 'contact', rec }));
    if (type === 'contact_email') return contacts.flatMap(emailsOf);
    if (type === 'contact_phone') return contacts.flatMap(phonesOf);
    if (type === 'opportunity') {
      return store.opportunitiesOfLead(from.rec.id).map((rec) => ({ type: 'opportunity', rec }));
    }
  } else if (from.type === 'contact') {
    if (type === 'contact_email') return emailsOf(from.rec);
    if (type === 'contact_phone') return phonesOf(from.rec);
    if (type === 'lead') return leadOf(from.rec.lead_id);
  } else if (from.type === 'opportunity') {
    if (type === 'lead') return leadOf(from.rec.lead_id);
  } else if (type === 'contact') {
    return [{ type: 'contact', rec: from.contact }];
  }
  throw invalid(`Unsupported relation: ${from.type} → ${type}`);
}

/** The field's value(s) on a candidate, or undefined when the field belongs to another object type. */
function fieldValues(
  store: FakeStore,
  c: Candidate,
  field: Record<string, unknown>,
): unknown[] | undefined {
  if (field.type === 'custom_field') {
    if (c.type !== 'lead') return undefined;
    const id = String(field.custom_field_id ?? field.field_name ?? '');
    const v = c.rec.custom[id];
    return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  }
  if (field.type !== 'regular_field')
    throw invalid(`Unsupported field type: ${String(field.type)}`);
  if (field.object_type !== undefined && field.object_type !== c.type) return undefined;
  const name = String(field.field_name ?? '');
  let obj: Record<string, unknown>;
  switch (c.type) {
    case 'lead': {
      const status = store.leadStatuses.find((s) => s.id === c.rec.status_id);
      obj = { ...c.rec, status_label: status?.label ?? null, display_name: c.rec.name ?? '' };
      break;
    }
    case 'contact':
      obj = { ...c.rec, display_name: c.rec.name };
      break;
    case 'opportunity':
      obj = serializeOpportunity(store, c.rec);
      break;
    default:
      obj = { ...c.rec, contact_id: c.contact.id, lead_id: c.contact.lead_id };
  }
  if (!(name in obj)) throw invalid(`Unknown field ${c.type}.${name}`);
  const v = obj[name];
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function conditionMatches(
  behaviour: FakeBehaviour,
  c: Candidate,
  field: Record<string, unknown>,
  values: unknown[],
  condition: Record<string, unknown>,
): boolean {
  switch (condition.type) {
    case 'text': {
      const mode = (condition.mode ?? 'full_words') as TextMode;
      if (!TEXT_MODES.includes(mode)) throw invalid(`Unsupported text mode: ${String(mode)}`);
      const query = String(condition.value ?? '');
      const name = field.field_name;
      return values.some((v) => {
        const s = String(v);
        const options = {
          tokenizer: behaviour.tokenizer,
          exactCaseSensitive: behaviour.exactValueCaseSensitive,
        };
        if (textMatches(mode, s, query, options)) return true;
        // Strict mode has no domain rule: only what the tokenizer gives.
        if (behaviour.tokenizer !== 'lenient') return false;
        // Lenient domain lookups: lead url by host, emails by `@domain` in word modes.
        if (c.type === 'lead' && name === 'url') return urlMatchesDomain(s, query);
        if (c.type === 'contact_email' && name === 'email' && mode !== 'exact_value') {
          return emailMatchesDomain(s, query);
        }
        return false;
      });
    }
    case 'term': {
      const wanted = Array.isArray(condition.values) ? condition.values.map(String) : [];
      return values.some((v) => wanted.includes(String(v)));
    }
    case 'exists':
      return values.some((v) => v !== '' && !(Array.isArray(v) && v.length === 0));
    case 'boolean':
      return values.some((v) => v === condition.value);
    default:
      throw invalid(`Unsupported condition type: ${String(condition.type)}`);
  }
}

function matches(store: FakeStore, b: FakeBehaviour, node: unknown, c: Candidate): boolean {
  if (!isRecord(node)) throw invalid('Invalid query: every node must be an object.');
  const result = matchesPositive(store, b, node, c);
  return node.negate === true ? !result : result;
}

function matchesPositive(
  store: FakeStore,
  b: FakeBehaviour,
  node: Record<string, unknown>,
  c: Candidate,
): boolean {
  switch (node.type) {
    case 'and':
    case 'or': {
      if (!Array.isArray(node.queries))
        throw invalid(`Invalid query: "${node.type}" needs queries.`);
      return node.type === 'and'
        ? node.queries.every((q) => matches(store, b, q, c))
        : node.queries.some((q) => matches(store, b, q, c));
    }
    case 'match_all':
      return true;
    case 'object_type':
      return node.object_type === c.type;
    case 'id_set':
      return Array.isArray(node.ids) && 'id' in c.rec && node.ids.includes(c.rec.id);
    case 'field_condition': {
      if (!isRecord(node.field) || !isRecord(node.condition)) {
        throw invalid('Invalid query: field_condition needs field and condition.');
      }
      const values = fieldValues(store, c, node.field);
      if (values === undefined) return false;
      return conditionMatches(b, c, node.field, values, node.condition);
    }
    case 'has_related': {
      if (node.this_object_type !== undefined && node.this_object_type !== c.type) return false;
      const type = String(node.related_object_type ?? '');
      return related(store, c, type).some((r) => matches(store, b, node.related_query, r));
    }
    default:
      throw invalid(`Unsupported query node type: ${String(node.type)}`);
  }
}

/** The object types the top-level query can return (from its object_type nodes). */
function targetTypes(node: unknown): SearchableType[] {
  if (!isRecord(node)) return [];
  if (node.type === 'object_type') {
    const t = node.object_type;
    if (t !== 'lead' && t !== 'contact') throw invalid(`Unsupported object_type: ${String(t)}`);
    return [t];
  }
  if ((node.type === 'and' || node.type === 'or') && Array.isArray(node.queries)) {
    return [...new Set(node.queries.flatMap(targetTypes))];
  }
  return [];
}

function sortKey(store: FakeStore, c: Candidate, field: Record<string, unknown>): unknown {
  try {
    return fieldValues(store, c, field)?.[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * A lead as a search result. Strict: nested contacts are bare ids unless `_fields.contact` names
 * the contact fields wanted (then each contact carries only those, plus `id`).
 */
function leadForSearch(
  store: FakeStore,
  lead: LeadRec,
  fieldsSpec: unknown,
  behaviour: FakeBehaviour,
): Record<string, unknown> {
  const full = serializeLead(store, lead);
  if (behaviour.nestedContacts === 'objects') return full;
  const contactFields =
    behaviour.nestedContacts === 'ids-unless-asked' &&
    isRecord(fieldsSpec) &&
    Array.isArray(fieldsSpec.contact)
      ? ['id', ...(fieldsSpec.contact as unknown[]).map(String)]
      : null;
  const contacts = store.contactsOfLead(lead.id);
  return {
    ...full,
    contacts: contactFields
      ? contacts.map((c) => project(serializeContact(store, c), contactFields))
      : contacts.map((c) => c.id),
  };
}

function cursorFor(body: Record<string, unknown>, skip: number): string {
  const { cursor: _ignored, ...rest } = body;
  const hash = createHash('sha1').update(JSON.stringify(rest)).digest('hex').slice(0, 12);
  return Buffer.from(JSON.stringify({ s: skip, h: hash })).toString('base64url');
}

function skipFromCursor(body: Record<string, unknown>): number {
  const raw = body.cursor;
  if (raw === undefined || raw === null || raw === '') return 0;
  try {
    const decoded = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8'));
    if (isRecord(decoded) && typeof decoded.s === 'number') {
      if (cursorFor(body, decoded.s) === raw) return decoded.s;
    }
  } catch {
    // fall through
  }
  throw invalid('Invalid cursor.');
}

export function runSearch(
  store: FakeStore,
  orgId: string,
  body: Record<string, unknown>,
  behaviour: FakeBehaviour,
) {
  const MAX_LIMIT = Math.min(behaviour.maxLimit, 200);
  if (!isRecord(body.query)) throw invalid('Invalid query: "query" is required.');
  const types = targetTypes(body.query);
  if (types.length === 0) {
    throw invalid('Invalid query: it must restrict object_type to lead or contact.');
  }
  let limit = 100;
  if (body._limit !== undefined && body._limit !== null) {
    if (typeof body._limit !== 'number' || !Number.isInteger(body._limit) || body._limit < 0) {
      throw invalid(`_limit must be an integer (got "${String(body._limit)}" instead).`);
    }
    if (body._limit > MAX_LIMIT) {
      throw invalid(
        `The limit you set is larger than the maximum limit for this resource (max_limit = ${MAX_LIMIT}).`,
      );
    }
    limit = body._limit;
  }
  const resultsLimit =
    typeof body.results_limit === 'number' && body.results_limit >= 0 ? body.results_limit : null;

  const candidates: Candidate[] = [];
  if (types.includes('lead')) {
    for (const rec of store.leadsOf(orgId)) candidates.push({ type: 'lead', rec });
  }
  if (types.includes('contact')) {
    for (const rec of store.contacts.values()) {
      if (rec.organization_id === orgId) candidates.push({ type: 'contact', rec });
    }
  }
  let hits = candidates.filter((c) => matches(store, behaviour, body.query, c));

  const sort = Array.isArray(body.sort) ? body.sort : [];
  const sortSpecs = sort.filter(isRecord).map((s) => ({
    dir: s.direction === 'asc' ? 1 : -1,
    field: isRecord(s.field) ? s.field : { type: 'regular_field', field_name: 'date_created' },
  }));
  if (sortSpecs.length === 0) {
    sortSpecs.push({ dir: -1, field: { type: 'regular_field', field_name: 'date_created' } });
  }
  hits = [...hits].sort((a, b) => {
    for (const spec of sortSpecs) {
      const cmp = compareValues(sortKey(store, a, spec.field), sortKey(store, b, spec.field));
      if (cmp !== 0) return cmp * spec.dir;
    }
    return 0;
  });

  const total = hits.length;
  const capped = resultsLimit === null ? hits : hits.slice(0, resultsLimit);
  const skip = skipFromCursor(body);
  const page = capped.slice(skip, skip + limit);
  const next = skip + limit < capped.length && limit > 0 ? cursorFor(body, skip + limit) : null;

  const fieldsSpec = body._fields;
  const data = page.map((c) => {
    const wanted = Array.isArray(fieldsSpec)
      ? fieldsSpec.map(String)
      : isRecord(fieldsSpec) && Array.isArray(fieldsSpec[c.type])
        ? (fieldsSpec[c.type] as unknown[]).map(String)
        : ['id'];
    const full =
      c.type === 'lead'
        ? leadForSearch(store, c.rec as LeadRec, fieldsSpec, behaviour)
        : serializeContact(store, c.rec as ContactRec);
    return { __object_type: c.type, ...project(full, wanted) };
  });

  const out: Record<string, unknown> = { data, cursor: next };
  if (body.include_counts === true) out.count = { total };
  return out;
}
