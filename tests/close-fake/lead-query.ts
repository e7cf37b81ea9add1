// The legacy `GET /lead/?query=` search language (deprecated but used in the wild; docs/close-api.md "Legacy lead query").

import type { FakeStore } from '@/tests/close-fake/store.ts';
import { domainOf, emailMatchesDomain, urlMatchesDomain } from '@/tests/close-fake/text-match.ts';
import type { LeadRec } from '@/tests/close-fake/types.ts';

interface Clause {
  key: string | null;
  value: string;
  negate: boolean;
}

/** Splits into tokens, keeping `key:"quoted value"` and `"quoted phrases"` whole. */
function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const re = /(-?[\w.]+:"[^"]*"|-?"[^"]*"|\S+)/g;
  for (const m of query.matchAll(re)) tokens.push(m[0]);
  return tokens;
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

export interface ParsedLeadQuery {
  /** OR of AND-groups. */
  groups: Clause[][];
  sort: string[];
}

export function parseLeadQuery(query: string): ParsedLeadQuery {
  const groups: Clause[][] = [[]];
  const sort: string[] = [];
  for (const token of tokenize(query)) {
    if (token === 'OR') {
      groups.push([]);
      continue;
    }
    if (token === 'AND') continue;
    let t = token;
    let negate = false;
    if (t.startsWith('-') && t.length > 1 && !t.startsWith('--')) {
      negate = true;
      t = t.slice(1);
    }
    const colon = t.startsWith('"') ? -1 : t.indexOf(':');
    const clause: Clause =
      colon > 0
        ? { key: t.slice(0, colon).toLowerCase(), value: unquote(t.slice(colon + 1)), negate }
        : { key: null, value: unquote(t), negate };
    if (clause.key === 'sort') {
      sort.push(...clause.value.split(',').filter(Boolean));
      continue;
    }
    groups[groups.length - 1]?.push(clause);
  }
  return { groups: groups.filter((g) => g.length > 0), sort };
}

/** Keywords with a public source; strict mode reads any other `key:value` as plain text. */
const DOCUMENTED_KEYWORDS = ['email_address', 'name'];

function clauseMatches(
  store: FakeStore,
  lead: LeadRec,
  clause: Clause,
  documentedOnly: boolean,
): boolean {
  if (documentedOnly && clause.key !== null && !DOCUMENTED_KEYWORDS.includes(clause.key)) {
    return clauseMatches(
      store,
      lead,
      { key: null, value: `${clause.key}:${clause.value}`, negate: false },
      false,
    );
  }
  const contacts = store.contactsOfLead(lead.id);
  const emails = contacts.flatMap((c) => c.emails.map((e) => e.email.toLowerCase()));
  const v = clause.value.toLowerCase().trim();
  switch (clause.key) {
    case null: {
      const haystack = [
        lead.name ?? '',
        lead.description,
        lead.url ?? '',
        ...contacts.flatMap((c) => [c.name, c.title, ...c.phones.map((p) => p.phone)]),
        ...emails,
      ]
        .join('\n')
        .toLowerCase();
      return v !== '' && haystack.includes(v);
    }
    case 'email_address':
    case 'email':
      if (documentedOnly) return emails.includes(v);
      return v.includes('@') ? emails.includes(v) : emails.some((e) => emailMatchesDomain(e, v));
    case 'email_domain':
      return emails.some((e) => emailMatchesDomain(e, v));
    case 'name':
    case 'lead_name':
    case 'company':
      return (lead.name ?? '').toLowerCase().includes(v);
    case 'url':
    case 'domain':
    case 'website':
      return domainOf(v)
        ? urlMatchesDomain(lead.url, v)
        : (lead.url ?? '').toLowerCase().includes(v);
    case 'status':
    case 'lead_status': {
      const status = store.leadStatuses.find((s) => s.id === lead.status_id);
      return status?.label.toLowerCase() === v || lead.status_id === clause.value;
    }
    case 'id':
    case 'lead_id':
      return lead.id === clause.value;
    case 'contact_name':
    case 'contact':
      return contacts.some((c) => c.name.toLowerCase().includes(v));
    case 'phone':
    case 'phone_number': {
      const digits = v.replace(/\D/g, '');
      return digits !== '' && contacts.some((c) => c.phones.some((p) => p.phone.includes(digits)));
    }
    default: {
      if (clause.key.startsWith('custom.')) {
        const ref = clause.key.slice('custom.'.length);
        const field = store
          .leadCustomFieldsOf(lead.organization_id)
          .find((f) => f.id.toLowerCase() === ref || f.name.toLowerCase() === ref);
        if (!field) return false;
        const value = lead.custom[field.id];
        const values = Array.isArray(value) ? value : [value];
        return values.some((x) => x !== undefined && String(x).toLowerCase() === v);
      }
      // Unknown keyword: treat `key:value` as plain text.
      return clauseMatches(
        store,
        lead,
        { key: null, value: `${clause.key}:${clause.value}`, negate: false },
        false,
      );
    }
  }
}

const SORT_FIELDS: Record<string, (store: FakeStore, lead: LeadRec) => string | number> = {
  created: (_s, l) => l.date_created,
  date_created: (_s, l) => l.date_created,
  updated: (_s, l) => l.date_updated,
  date_updated: (_s, l) => l.date_updated,
  name: (_s, l) => (l.name ?? '').toLowerCase(),
  display_name: (_s, l) => (l.name ?? '').toLowerCase(),
  contacts: (s, l) => s.contactsOfLead(l.id).length,
};

/** Orders leads by `sort:` keys (`-` = descending); default newest first. */
export function sortLeads(store: FakeStore, leads: LeadRec[], sort: string[]): LeadRec[] {
  const keys = (sort.length ? sort : ['-created'])
    .map((s) => (s.startsWith('-') ? { name: s.slice(1), dir: -1 } : { name: s, dir: 1 }))
    .filter((k) => k.name in SORT_FIELDS);
  return [...leads].sort((a, b) => {
    for (const k of keys) {
      const get = SORT_FIELDS[k.name];
      if (!get) continue;
      const x = get(store, a);
      const y = get(store, b);
      if (x < y) return -k.dir;
      if (x > y) return k.dir;
    }
    return 0;
  });
}

export function runLeadQuery(
  store: FakeStore,
  orgId: string,
  query: string,
  documentedOnly = false,
): LeadRec[] {
  const parsed = parseLeadQuery(query);
  const leads = store
    .leadsOf(orgId)
    .filter(
      (lead) =>
        parsed.groups.length === 0 ||
        parsed.groups.some((group) =>
          group.every((c) => clauseMatches(store, lead, c, documentedOnly) !== c.negate),
        ),
    );
  return sortLeads(store, leads, parsed.sort);
}
