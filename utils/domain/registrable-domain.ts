// Registrable domain ("example.co.uk") of a URL, hostname or email address via the Public Suffix
// List (tldts). Background / extension pages only: tldts is ~45 KB gzipped, never in a content script.
import { parse } from 'tldts';
import { isFreeMailDomain } from '@/utils/domain/free-mail';

/** ICANN section only, so acme.github.io → github.io (a "site", not a company); IPs are rejected. */
const OPTIONS = { allowPrivateDomains: false, detectIp: true, validateHostname: true } as const;

/** The host part of a URL, URL string, bare hostname or email address, lower-cased. */
function hostOf(input: string | URL): string | null {
  if (input instanceof URL) return input.hostname.toLowerCase() || null;
  const value = input.trim();
  if (!value || value.length > 2048) return null;
  if (!value.includes('://')) {
    const at = value.lastIndexOf('@');
    const host = (at === -1 ? value : value.slice(at + 1)).split(/[/?#:]/, 1)[0] ?? '';
    return host.toLowerCase().replace(/\.$/, '') || null;
  }
  try {
    return new URL(value).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

export interface DomainInfo {
  /** The registrable domain, e.g. "example.co.uk". */
  domain: string;
  /** The full hostname it came from, e.g. "www.shop.example.co.uk". */
  hostname: string;
  /** True when the host sits under a private suffix (acme.github.io, x.myshopify.com): a site, not a company. */
  isPrivateSuffix: boolean;
}

/** Registrable domain and context of a URL, hostname or email address; null for IPs, localhost, unknown TLDs. */
export function domainInfo(input: string | URL): DomainInfo | null {
  const hostname = hostOf(input);
  if (!hostname) return null;
  const icann = parse(hostname, OPTIONS);
  if (icann.isIp || !icann.domain || icann.isIcann !== true) return null;
  const withPrivate = parse(hostname, { ...OPTIONS, allowPrivateDomains: true });
  return { domain: icann.domain, hostname, isPrivateSuffix: withPrivate.isPrivate === true };
}

/** Registrable domain of a URL, hostname or email address ("https://www.acme.co.uk/x" → "acme.co.uk"). */
export function registrableDomain(input: string | URL): string | null {
  return domainInfo(input)?.domain ?? null;
}

/** True when the address or host ends in a real ICANN suffix (drops "user@host.local", "a@b.invalid"). */
export function hasIcannSuffix(input: string | URL): boolean {
  return domainInfo(input) !== null;
}

/**
 * The company domain an email address or website points to: its registrable domain, or null for
 * free-mail providers (gmail.com, yahoo.co.jp…), private-suffix hosts and anything unparseable.
 */
export function companyDomain(input: string | URL): string | null {
  const info = domainInfo(input);
  if (!info || info.isPrivateSuffix || isFreeMailDomain(info.domain)) return null;
  return info.domain;
}

/** A display name from a domain when the page gave none: "northwind-analytics.co.uk" → "Northwind Analytics". */
export function companyNameFromDomain(domain: string): string {
  const info = domainInfo(domain);
  const suffix = info ? parse(info.domain, OPTIONS).publicSuffix : null;
  const base =
    info && suffix ? info.domain.slice(0, -(suffix.length + 1)) : (domain.split('.')[0] ?? '');
  return base
    .split(/[-_.]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
