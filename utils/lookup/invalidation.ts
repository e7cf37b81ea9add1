// Works out which cached lookups a write through the Close client may have changed.
import type { WriteEvent } from '@/utils/close/http';
import { domainMatches, hostOf } from '@/utils/lookup/match';
import type { LookupQuery } from '@/utils/lookup/types';

export interface Touched {
  /** Lead, contact, opportunity and activity ids the write names or returns. */
  ids: Set<string>;
  emails: Set<string>;
  domains: Set<string>;
  /** Names of leads/contacts a create adds (a name lookup may now find them). */
  names: Set<string>;
}

const ID = /^(lead|cont|oppo|acti)_[A-Za-z0-9]+$/;

function walk(value: unknown, touched: Touched, depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, touched, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (typeof item === 'string') {
      if (ID.test(item) && (key === 'id' || key.endsWith('_id'))) touched.ids.add(item);
      else if (key === 'email' && item.includes('@')) {
        const email = item.trim().toLowerCase();
        touched.emails.add(email);
        touched.domains.add(email.slice(email.lastIndexOf('@') + 1));
      } else if (key === 'url') {
        const host = hostOf(item);
        if (host) touched.domains.add(host);
      }
    } else if (Array.isArray(item) && key === 'contact_ids') {
      for (const id of item) if (typeof id === 'string' && ID.test(id)) touched.ids.add(id);
    } else {
      walk(item, touched, depth + 1);
    }
  }
}

export function touchedBy(event: WriteEvent): Touched {
  const touched: Touched = {
    ids: new Set(),
    emails: new Set(),
    domains: new Set(),
    names: new Set(),
  };
  for (const segment of event.path.split('/')) if (ID.test(segment)) touched.ids.add(segment);
  walk(event.body, touched, 0);
  walk(event.response, touched, 0);
  const resource = event.path.replace(/^\/+/, '').split('/')[0];
  if (event.method !== 'DELETE' && (resource === 'lead' || resource === 'contact')) {
    for (const source of [event.body, event.response]) {
      const name =
        source && typeof source === 'object' ? (source as { name?: unknown }).name : undefined;
      if (typeof name === 'string' && name.trim()) touched.names.add(name.trim().toLowerCase());
    }
  }
  return touched;
}

/**
 * A new note (POST /activity/note/). It only adds to its lead's timeline: a look-up shows nothing
 * it changes (lead fields, contacts, opportunities, open tasks), so cached look-ups and the tabs
 * showing them stay; the note is added to the lead's cached timeline instead of dropping it.
 */
export function isNewNote(event: WriteEvent): boolean {
  return event.method === 'POST' && event.path.replace(/^\/+/, '') === 'activity/note/';
}

/** What a write may have changed in cached look-ups: nothing for a new note, else `touchedBy`. */
export function lookupsTouchedBy(event: WriteEvent): Touched {
  if (!isNewNote(event)) return touchedBy(event);
  return { ids: new Set(), emails: new Set(), domains: new Set(), names: new Set() };
}

/** Does the write touch a cached lookup (by its records, its addresses, its domain or its name)? */
export function affects(touched: Touched, query: LookupQuery, refs: readonly string[]): boolean {
  if (refs.some((id) => touched.ids.has(id))) return true;
  if (query.emails.some((e) => touched.emails.has(e))) return true;
  const { domain, name } = query;
  if (domain && [...touched.domains].some((d) => domainMatches(d, domain))) return true;
  if (name) {
    const wanted = name.toLowerCase();
    if ([...touched.names].some((n) => n.includes(wanted) || wanted.includes(n))) return true;
  }
  return false;
}
