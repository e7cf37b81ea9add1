// What to ask Close for a page: its people's addresses and its company's domain, minus the user's
// own addresses and organization domain, free-mail domains and the never-look-up list (the privacy
// rule itself lives in privacy-filter.ts).
import { isPlatformHost } from '@/utils/detect/platforms';
import { companyDomain, domainInfo } from '@/utils/domain/registrable-domain';
import { lookupFilter, type QueryFilters } from '@/utils/lookup/privacy-filter';
import type { LookupQuery } from '@/utils/lookup/types';
import type { PageSnapshot } from '@/utils/page-snapshot';

export type { QueryFilters };

/** Enough for the largest real threads; one search request carries them all. */
const MAX_EMAILS = 50;

function hostIsPlatform(url: string): boolean {
  const info = domainInfo(url);
  return info !== null && isPlatformHost(info.hostname);
}

export function queryForPage(snapshot: PageSnapshot, filters: QueryFilters): LookupQuery | null {
  const allowed = lookupFilter(filters, snapshot.ownEmails ?? []);

  const emails: string[] = [];
  const domainVotes = new Map<string, number>();
  // The people the user is writing to come first: the address cap never drops them.
  const writingFirst = [
    ...snapshot.people.filter((p) => p.writing),
    ...snapshot.people.filter((p) => !p.writing),
  ];
  for (const person of writingFirst) {
    const email = person.email;
    if (!email || !allowed.email(email)) continue;
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
  if (site !== null && !allowed.site(site)) return null;
  if (onPlatform && !allowed.site(snapshot.url)) return null;
  let domain: string | null = site !== null ? companyDomain(site) : null;
  if (!domain && snapshot.source !== 'linkedin-profile' && snapshot.source !== 'linkedin-company') {
    // A thread's company is the domain most of its outside people write from.
    domain = [...domainVotes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }
  if (domain && !allowed.domain(domain)) domain = null;

  const candidate =
    emails.length === 0 && !domain
      ? (snapshot.company?.name ?? snapshot.person?.company ?? snapshot.person?.name)
      : undefined;
  const name = candidate && allowed.text(candidate) ? candidate : undefined;
  if (emails.length === 0 && !domain && !name) return null;
  return { emails, ...(domain ? { domain } : {}), ...(name ? { name } : {}) };
}
