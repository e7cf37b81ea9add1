// What to ask Close for a page: its people's addresses and its company's domain, minus the user's
// own addresses and organization domain, free-mail domains and the never-look-up list.

import { isPlatformHost } from '../detect/platforms';
import { companyDomain, domainInfo, registrableDomain } from '../domain/registrable-domain';
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

function hostIsPlatform(url: string): boolean {
  const info = domainInfo(url);
  return info !== null && isPlatformHost(info.hostname);
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
  /** The host itself (a listed subdomain) or its registrable domain is own or never-look-up. */
  const siteBlocked = (url: string) => {
    const info = domainInfo(url);
    if (!info) return false;
    return (
      ownDomains.has(info.domain) ||
      never.has(info.domain) ||
      never.has(info.hostname) ||
      [...ownDomains].some((own) => info.hostname === own || info.hostname.endsWith(`.${own}`))
    );
  };

  const emails: string[] = [];
  const domainVotes = new Map<string, number>();
  for (const person of snapshot.people) {
    const email = person.email;
    if (!email || own.has(email) || never.has(email)) continue;
    const domain = registrableDomain(email);
    if (domain && (never.has(domain) || ownDomains.has(domain))) continue;
    if (!emails.includes(email) && emails.length < MAX_EMAILS) emails.push(email);
    const company = companyDomain(email);
    // notifications@github.com is GitHub writing, not the thread's company.
    if (company && !isPlatformHost(company))
      domainVotes.set(company, (domainVotes.get(company) ?? 0) + 1);
  }

  // The site the page is about: the website the user is on (a canonical link or JSON-LD can point
  // anywhere), a LinkedIn company's stated website, or the domain or link a selection points at.
  // A platform (GitHub, Medium…) is never the company: on a platform page the reader's website is
  // the canonical link's host elsewhere, if any; otherwise the account name is looked up.
  const onPlatform = snapshot.source === 'website' && hostIsPlatform(snapshot.url);
  const stated =
    snapshot.source === 'website'
      ? onPlatform
        ? (snapshot.company?.website ?? null)
        : snapshot.url
      : snapshot.source === 'linkedin-company' || snapshot.source === 'selection'
        ? (snapshot.company?.website ?? null)
        : null;
  const site = stated !== null && hostIsPlatform(stated) ? null : stated;
  // A blocked site is blocked whole: its name, its people and its domain stay out of Close. (Only
  // its domain was dropped before, and the name fallback below then sent the company's name.)
  if (site !== null && siteBlocked(site)) return null;
  if (onPlatform && siteBlocked(snapshot.url)) return null;
  let domain: string | null = site !== null ? companyDomain(site) : null;
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
