// What to ask Close for a page: its people's addresses and its company's domain, minus the user's
// own addresses and organization domain, free-mail domains and the never-look-up list.
import { companyDomain, registrableDomain } from '../domain/registrable-domain';
import type { PageSnapshot } from '../page-snapshot';
import { isNeverLookUp, normalizeNeverList } from '../settings';
import type { LookupQuery } from './types';

/** Enough for the largest real threads; one search request carries them all. */
const MAX_EMAILS = 50;

export interface QueryFilters {
  /** The user's own addresses (never looked up). */
  ownEmails: string[];
  /** The user's organization domain(s), e.g. the domain of their Close login. */
  ownDomains: string[];
  /** Addresses and domains the user never wants sent to Close. */
  neverLookUp: string[];
}

export function queryForPage(snapshot: PageSnapshot, filters: QueryFilters): LookupQuery | null {
  // A listed domain also covers its subdomains and every address at them.
  const neverList = normalizeNeverList(filters.neverLookUp);
  const never = { has: (value: string) => isNeverLookUp(value, neverList) };
  const own = new Set(
    [...filters.ownEmails, ...(snapshot.ownEmails ?? [])].map((e) => e.toLowerCase()),
  );
  const ownDomains = new Set(filters.ownDomains.map((d) => d.toLowerCase()));
  const blockedDomain = (domain: string | null) =>
    !domain || ownDomains.has(domain) || never.has(domain);

  const emails: string[] = [];
  const domainVotes = new Map<string, number>();
  for (const person of snapshot.people) {
    const email = person.email;
    if (!email || own.has(email) || never.has(email)) continue;
    const domain = registrableDomain(email);
    if (domain && (never.has(domain) || ownDomains.has(domain))) continue;
    if (!emails.includes(email) && emails.length < MAX_EMAILS) emails.push(email);
    const company = companyDomain(email);
    if (company) domainVotes.set(company, (domainVotes.get(company) ?? 0) + 1);
  }

  let domain: string | null = null;
  if (snapshot.source === 'website') {
    // The site the user is on; a canonical link or JSON-LD can point anywhere.
    domain = companyDomain(snapshot.url);
  } else if (snapshot.source === 'linkedin-company' && snapshot.company?.website) {
    domain = companyDomain(snapshot.company.website);
  } else if (snapshot.source === 'selection' && snapshot.company?.website) {
    // "Look up in Close" on a domain or a link: the domain the user pointed at, not the page's.
    domain = companyDomain(snapshot.company.website);
  }
  if (!domain && snapshot.source !== 'linkedin-profile' && snapshot.source !== 'linkedin-company') {
    // A thread's company is the domain most of its outside people write from.
    domain = [...domainVotes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }
  if (blockedDomain(domain)) domain = null;

  const name =
    emails.length === 0 && !domain
      ? (snapshot.company?.name ?? snapshot.person?.company ?? snapshot.person?.name)
      : undefined;
  if (emails.length === 0 && !domain && !name) return null;
  return { emails, ...(domain ? { domain } : {}), ...(name ? { name } : {}) };
}
