// Pure matching: which leads answer a page's query, why, and which addresses found nothing.

import type { Lead } from '@/utils/close/types';
import { isFreeMailDomain } from '@/utils/domain/free-mail';
import type { LeadMatch, LookupQuery, MatchReason } from '@/utils/lookup/types';

/** Lower-cased, de-duplicated, sorted addresses; a free-mail or malformed domain is dropped. */
export function normalizeQuery(query: LookupQuery): LookupQuery {
  const emails = [
    ...new Set(
      query.emails.map((e) => e.trim().toLowerCase()).filter((e) => /^[^@\s]+@[^@\s]+$/.test(e)),
    ),
  ].sort();
  const domain = query.domain
    ?.trim()
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  const name = query.name?.trim();
  return {
    emails,
    ...(domain && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) && !isFreeMailDomain(domain)
      ? { domain }
      : {}),
    ...(name ? { name } : {}),
  };
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  try {
    return new URL(withScheme).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

export function domainMatches(host: string | null, domain: string): boolean {
  return host !== null && (host === domain || host.endsWith(`.${domain}`));
}

function emailHost(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Why this lead answers the query (empty when Close matched more loosely than we accept). */
export function reasonsFor(lead: Lead, query: LookupQuery, byName: boolean): MatchReason[] {
  const reasons: MatchReason[] = [];
  const leadEmails = new Set(
    lead.contacts.flatMap((c) => c.emails.map((e) => e.email.toLowerCase())),
  );
  for (const email of query.emails) {
    if (leadEmails.has(email)) reasons.push({ kind: 'email', value: email });
  }
  const { domain } = query;
  if (
    domain &&
    (domainMatches(hostOf(lead.url), domain) ||
      [...leadEmails].some((e) => domainMatches(emailHost(e), domain)))
  ) {
    reasons.push({ kind: 'domain', value: domain });
  }
  if (byName && query.name && reasons.length === 0)
    reasons.push({ kind: 'name', value: query.name });
  return reasons;
}

/**
 * Builds the matches: leads with a reason, ranked by how strongly they match (addresses, then
 * domain, then name; newest update first), each lead's matching contacts first.
 */
export function buildMatches(
  leads: Lead[],
  query: LookupQuery,
  byName = false,
): { matches: LeadMatch[]; unmatchedEmails: string[] } {
  const seen = new Set<string>();
  const matches: LeadMatch[] = [];
  for (const lead of leads) {
    if (seen.has(lead.id)) continue;
    seen.add(lead.id);
    const matchedBy = reasonsFor(lead, query, byName);
    if (matchedBy.length === 0) continue;
    const wanted = new Set(matchedBy.filter((r) => r.kind === 'email').map((r) => r.value));
    const isMatching = (emails: Array<{ email: string }>) =>
      emails.some((e) => wanted.has(e.email.toLowerCase()));
    const contacts = [
      ...lead.contacts.filter((c) => isMatching(c.emails)),
      ...lead.contacts.filter((c) => !isMatching(c.emails)),
    ];
    const { opportunities = [], tasks, ...rest } = lead;
    matches.push({
      lead: { ...rest, contacts },
      matchedBy,
      contacts,
      opportunities,
      ...(tasks ? { tasks } : {}),
    });
  }
  const score = (m: LeadMatch) =>
    m.matchedBy.reduce((s, r) => s + (r.kind === 'email' ? 100 : r.kind === 'domain' ? 10 : 1), 0);
  matches.sort(
    (a, b) => score(b) - score(a) || b.lead.dateUpdated.localeCompare(a.lead.dateUpdated),
  );
  const matchedEmails = new Set(
    matches.flatMap((m) => m.matchedBy.filter((r) => r.kind === 'email').map((r) => r.value)),
  );
  return { matches, unmatchedEmails: query.emails.filter((e) => !matchedEmails.has(e)) };
}

/** Ids of every lead, contact and opportunity in the matches. */
export function refsOf(matches: LeadMatch[]): string[] {
  return [
    ...new Set(
      matches.flatMap((m) => [
        m.lead.id,
        ...m.contacts.map((c) => c.id),
        ...m.opportunities.map((o) => o.id),
        ...(m.tasks ?? []).map((t) => t.id),
      ]),
    ),
  ];
}
