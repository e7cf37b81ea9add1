// The one privacy rule for what may be sent to Close: never the user's own addresses, never their
// organization's domain (or its subdomains), never anything on the never-look-up list (a listed
// domain covers its subdomains and every address at them). Page look-ups and the duplicate check
// before "Create lead" both ask this module.
import { domainInfo, registrableDomain } from '@/utils/domain/registrable-domain';
import { isNeverLookUp, normalizeNeverList } from '@/utils/settings';

export interface QueryFilters {
  /** The user's own addresses (never looked up). */
  ownEmails: string[];
  /** The user's organization domain(s), e.g. the domain of their Close login. */
  ownDomains: string[];
  /** Addresses and domains the user never wants sent to Close. */
  neverLookUp: string[];
}

export interface LookupFilter {
  /** May this address be sent? */
  email(address: string): boolean;
  /** May this domain or host be sent? */
  domain(domainOrHost: string): boolean;
  /** May anything about this site be sent? A blocked host or registrable domain blocks it whole. */
  site(url: string): boolean;
  /** Free text (a name): refused when it is itself a blocked address or domain. */
  text(value: string): boolean;
}

/** `extraOwnEmails`: addresses the page itself says are the user's (Gmail's account chip). */
export function lookupFilter(
  filters: QueryFilters | undefined,
  extraOwnEmails: readonly string[] = [],
): LookupFilter {
  const never = normalizeNeverList(filters?.neverLookUp ?? []);
  const own = new Set(
    [...(filters?.ownEmails ?? []), ...extraOwnEmails].map((e) => e.trim().toLowerCase()),
  );
  const ownDomains = (filters?.ownDomains ?? []).map((d) => d.trim().toLowerCase());
  const domain = (value: string) => {
    const host = value.trim().toLowerCase();
    if (!host) return false;
    return (
      !isNeverLookUp(host, never) && !ownDomains.some((d) => host === d || host.endsWith(`.${d}`))
    );
  };
  const email = (value: string) => {
    const address = value.trim().toLowerCase();
    if (!address || own.has(address) || isNeverLookUp(address, never)) return false;
    const host = address.slice(address.lastIndexOf('@') + 1);
    const registrable = registrableDomain(address);
    return domain(host) && (registrable === null || domain(registrable));
  };
  const site = (url: string) => {
    const info = domainInfo(url);
    return !info || (domain(info.domain) && domain(info.hostname));
  };
  return {
    email,
    domain,
    site,
    text: (value: string) => (value.includes('@') ? email(value) : domain(value)),
  };
}
