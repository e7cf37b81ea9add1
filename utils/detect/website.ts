// Reads any company website on demand: company name, description, stated website, canonical URL and
// the email addresses on the page. The registrable domain is left to the background (tldts).

import {
  cleanText,
  EMAIL_LIMITS,
  emailsInCloudflareLinks,
  emailsInMailtoLinks,
  emailsInTextNodes,
  isJunkAddress,
  normalizeEmail,
} from '@/utils/detect/emails';
import {
  isOrganization,
  type LdNode,
  ldString,
  ldStrings,
  ldTypes,
  readJsonLdNodes,
  resolveRef,
} from '@/utils/detect/json-ld';
import { absoluteHttpUrl, PeopleList, snapshotUrl } from '@/utils/detect/people';
import {
  isPlatformHost,
  isPlatformName,
  type PlatformAccount,
  platformAccount,
  platformAccountIsSubdomain,
} from '@/utils/detect/platforms';
import { websiteSelectors as S } from '@/utils/detect/website-selectors';
import type { PageSnapshot } from '@/utils/page-snapshot';

/** Longest description kept; sites put whole paragraphs in og:description. */
const DESCRIPTION_CHARS = 300;
/** Addresses reported per page (the rest are almost always directories or spam traps). */
const MAX_PAGE_EMAILS = 100;

const GENERIC_TITLE_PARTS =
  /^(?:home(?:\s?page)?|welcome|official (?:web)?site|start|index|accueil|startseite|inicio|blog|news|articles?|posts?)$/i;

/** Words a brand's section pages add to its name ("Acme Blog", "Acme Newsroom"). */
const SECTION_SUFFIX =
  /\s+(?:blog|news(?:room)?|press(?:\s+room)?|careers|jobs|docs|documentation|developers?|help(?:\s+cent(?:er|re))?|support|community|store|shop|academy|insights|engineering|magazine|podcast|notes|weekly|newsletter|digest|journal|updates)$/i;

/** Separators between a page's name and the site's: | • · » ~ and a dash spaced on either side ("Code- Business"). */
const BRAND_SEPARATOR = /\s*[|•·»~]\s*|\s+[-–—/]\s*|\s*[-–—]\s+|\s+::\s+/;
/** Also splits on a colon ("Acme: Forecasting", "Why pay more?: Acme"), only to find the brand part. */
const TITLE_SEPARATOR = new RegExp(`${BRAND_SEPARATOR.source}|:\\s+`);

/** Second-level labels under a country TLD (acme.co.uk, acme.com.au): the brand is one label further left. */
const SECOND_LEVEL =
  /^(?:co|com|org|net|ac|gov|edu|ne|or|go|gv|gob|nic|ltd|plc|sch|nom|mil|biz|info)$/;

function metaContent(root: ParentNode, selector: string, max: number): string {
  return cleanText(root.querySelector(selector)?.getAttribute('content'), max);
}

const bareHost = (host: string): string => host.toLowerCase().replace(/^www\d?\./, '');

/**
 * The label of the host's registrable domain ("news.acme.co.uk" → "acme"), guessed without the
 * Public Suffix List (content scripts do not carry tldts): one label left of the TLD, two when the
 * TLD is a country code under a generic second level (co.uk, com.au, co.jp…).
 */
export function brandLabel(hostname: string): string {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  if (labels.length < 2) return labels[0] ?? '';
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  if (labels.length >= 3 && tld.length === 2 && SECOND_LEVEL.test(second)) {
    return labels[labels.length - 3] ?? '';
  }
  return second;
}

const squash = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');

/** True when a title part names the brand of the site (compared with the registrable domain's label). */
function namesBrand(part: string, label: string): boolean {
  const squashed = squash(part);
  if (!squashed || !label) return false;
  if (squashed === label) return true;
  if (label.length < 3 || squashed.length < 3) return false;
  return squashed.includes(label) || label.includes(squashed);
}

/** A capitalised name from the registrable domain's label ("northwind-analytics" → "Northwind Analytics"). */
export function nameFromHost(hostname: string): string {
  const label = brandLabel(hostname);
  if (!label || label.startsWith('xn--') || /^\d+$/.test(label)) return '';
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Words a section page puts before the brand ("Careers at Acme", "Welcome to Acme"). */
const SECTION_PREFIX =
  /^(?:(?:careers|jobs|life|work(?:ing)?|news|press)\s+(?:at|with)|welcome\s+to|about|contact(?:\s+us)?(?:\s+at)?)\s+/i;

/** "Acme Blog" → "Acme", "Careers at Acme" → "Acme" when what is left still names the brand. */
function withoutSection(part: string, label: string): string {
  let name = part;
  for (const pattern of [SECTION_SUFFIX, SECTION_PREFIX]) {
    const trimmed = name.replace(pattern, '').trim();
    if (trimmed !== name && namesBrand(trimmed, label)) name = trimmed;
  }
  return name;
}

/** Looks like a short name, not a headline: few words, no sentence punctuation. */
function looksLikeName(part: string): boolean {
  const words = part.split(/\s+/).length;
  return words <= 4 && part.length <= 40 && !/[?!]$|[.,;]\s/.test(part);
}

/**
 * A company name from a `<title>`: split on its separators and drop generic parts ("Home"); the part
 * that names the registrable domain's brand wins. Without such a part, a short part at the end
 * (or start) of a separated title is taken as the brand; a title with no brand part at all (an
 * article headline) gives "" so the caller falls back to the domain.
 */
export function nameFromTitle(title: string, hostname: string): string {
  const clean = cleanText(title, 300);
  if (!clean) return '';
  const split = (separator: RegExp) =>
    clean
      .split(separator)
      .map((part) => part.trim())
      .filter((part) => part && !GENERIC_TITLE_PARTS.test(part));
  const parts = split(TITLE_SEPARATOR);
  if (parts.length === 0) return '';
  const label = squash(brandLabel(hostname));
  const matches = parts.filter((part) => namesBrand(part, label));
  if (matches.length > 0) {
    const best = matches.reduce((a, b) => (squash(b).length < squash(a).length ? b : a));
    return cleanText(withoutSection(best, label), 300);
  }
  // No part names the domain: only a "Page | Brand" title says which part is the brand.
  const brandParts = split(BRAND_SEPARATOR);
  // "Welcome | Meridian Freight": the generic part dropped, the one left is the brand.
  if (brandParts.length === 1 && clean.split(BRAND_SEPARATOR).length > 1) {
    const only = brandParts[0] ?? '';
    return looksLikeName(only) && !isPlatformName(only) ? cleanText(only, 300) : '';
  }
  if (brandParts.length < 2) return '';
  const last = brandParts[brandParts.length - 1] ?? '';
  const first = brandParts[0] ?? '';
  // "Headline | Brand" and "Brand - Tagline" both occur: the shorter name-like end is the brand.
  const ends = [last, first].filter((part) => looksLikeName(part) && !isPlatformName(part));
  if (ends.length === 0) return '';
  const best = ends.reduce((a, b) => (b.length < a.length ? b : a));
  return cleanText(best, 300);
}

/** True when two hosts are the same site or one is a subdomain of the other (no PSL needed here). */
function sameSite(a: string, b: string): boolean {
  const x = bareHost(a);
  const y = bareHost(b);
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

function hostOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).hostname;
  } catch {
    return null;
  }
}

/** The Organization this page speaks for: same host first, then the WebSite's publisher, then any. */
export function pageOrganization(nodes: readonly LdNode[], url: URL): LdNode | null {
  const orgs = nodes.filter(isOrganization);
  if (orgs.length === 0) return null;
  const sameHost = orgs.find((org) => {
    const host = hostOf(ldString(org.url, nodes));
    return host !== null && sameSite(host, url.hostname) && ldString(org.name, nodes);
  });
  if (sameHost) return sameHost;
  for (const node of nodes) {
    if (!ldTypes(node).includes('WebSite')) continue;
    const publisher = resolveRef(node.publisher, nodes);
    if (publisher && typeof publisher === 'object' && !Array.isArray(publisher)) {
      const candidate = publisher as LdNode;
      if (isOrganization(candidate) && ldString(candidate.name, nodes)) return candidate;
    }
  }
  return orgs.find((org) => ldString(org.name, nodes)) ?? null;
}

function clipDescription(text: string): string {
  if (text.length <= DESCRIPTION_CHARS) return text;
  const cut = text.slice(0, DESCRIPTION_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > DESCRIPTION_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

export interface CompanyMeta {
  name: string;
  title: string;
  description: string;
  website: string | undefined;
  canonicalUrl: string | undefined;
  org: LdNode | null;
  /** Set on a platform-hosted page (GitHub, Medium…): the platform and whose page it is. */
  platform?: { name: string; account?: string };
}

/** Company metadata of the page (all optional). */
export function readCompanyMeta(
  root: ParentNode,
  url: URL,
  nodes: readonly LdNode[] = readJsonLdNodes(root),
): CompanyMeta {
  const title = cleanText(root.querySelector(S.title)?.textContent, 500);
  const description = (org: LdNode | null) =>
    clipDescription(
      metaContent(root, S.ogDescription, 2000) ||
        metaContent(root, S.description, 2000) ||
        cleanText(org ? ldString(org.description, nodes) : '', 2000),
    );
  const canonicalUrl =
    absoluteHttpUrl(root.querySelector(S.canonical)?.getAttribute('href'), url) ??
    absoluteHttpUrl(root.querySelector(S.ogUrl)?.getAttribute('content'), url);
  const onPlatform = platformAccount(url);
  if (onPlatform) return platformMeta(root, url, onPlatform, { title, canonicalUrl, description });

  const org = pageOrganization(nodes, url);
  const orgName = org
    ? cleanText(ldString(org.name, nodes) ?? ldString(org.legalName, nodes), 300)
    : '';
  const name =
    orgName ||
    metaContent(root, S.siteName, 300) ||
    metaContent(root, S.applicationName, 300) ||
    nameFromTitle(title, url.hostname) ||
    nameFromHost(url.hostname);
  const website = org ? absoluteHttpUrl(ldString(org.url, nodes), url) : undefined;
  return { name, title, description: description(org), website, canonicalUrl, org };
}

/**
 * How the page writes the account's name: the title part that is the handle spelled out
 * ("Harbourline - YouTube" for @harbourline, "Meridian Freight | Oslo | Facebook" for
 * /MeridianFreight); the handle itself otherwise.
 */
function accountDisplayName(title: string, account: string | null): string {
  if (!account) return '';
  const handle = squash(account);
  const parts = cleanText(title, 300).split(TITLE_SEPARATOR);
  const spelled = parts
    .map((part) => part.trim())
    .find((part) => handle && squash(part) === handle);
  return spelled ?? account;
}

/**
 * A page on a platform: the platform's brand is never the name and its domain never the website.
 * A canonical link to a host elsewhere (a post cross-published from the writer's own site) gives
 * the website and the brand; otherwise the account or publication is the name.
 */
function platformMeta(
  root: ParentNode,
  url: URL,
  onPlatform: PlatformAccount,
  page: { title: string; canonicalUrl: string | undefined; description: (org: null) => string },
): CompanyMeta {
  const canonicalHost = hostOf(page.canonicalUrl);
  const elsewhere =
    canonicalHost && !isPlatformHost(canonicalHost) && !sameSite(canonicalHost, url.hostname)
      ? canonicalHost
      : null;
  const ownBrand = (name: string) => (name && !isPlatformName(name) ? name : '');
  const siteName = ownBrand(metaContent(root, S.siteName, 300));
  const name = elsewhere
    ? nameFromTitle(page.title, elsewhere) || siteName || nameFromHost(elsewhere)
    : siteName && onPlatform.account && platformAccountIsSubdomain(url)
      ? siteName
      : accountDisplayName(page.title, onPlatform.account);
  const platform: CompanyMeta['platform'] = { name: onPlatform.platform };
  if (onPlatform.account) platform.account = onPlatform.account;
  return {
    name: cleanText(name, 300),
    title: page.title,
    description: page.description(null),
    website: elsewhere ? page.canonicalUrl : undefined,
    canonicalUrl: page.canonicalUrl,
    org: null,
    ...(elsewhere ? {} : { platform }),
  };
}

/** Addresses the Organization states in JSON-LD (`email`, `contactPoint[].email`). */
function organizationEmails(org: LdNode | null, nodes: readonly LdNode[]): string[] {
  if (!org) return [];
  const raw = ldStrings(org.email, nodes);
  const points = Array.isArray(org.contactPoint)
    ? org.contactPoint.slice(0, 20)
    : [org.contactPoint];
  for (const point of points) {
    const resolved = resolveRef(point, nodes);
    if (resolved && typeof resolved === 'object' && !Array.isArray(resolved)) {
      raw.push(...ldStrings((resolved as LdNode).email, nodes));
    }
  }
  return raw
    .map((email) => normalizeEmail(email))
    .filter((email): email is string => email !== null);
}

/** Every address on the page: structured sources first, then visible text. Capped. */
export function pageEmails(
  root: ParentNode,
  org: LdNode | null = null,
  nodes: readonly LdNode[] = [],
): string[] {
  const found = organizationEmails(org, nodes).slice(0, MAX_PAGE_EMAILS);
  emailsInMailtoLinks(root, found, MAX_PAGE_EMAILS);
  emailsInCloudflareLinks(root, found, MAX_PAGE_EMAILS);
  const body = root.querySelector('body') ?? root;
  emailsInTextNodes(body, found, { max: Math.min(MAX_PAGE_EMAILS, EMAIL_LIMITS.maxEmails) });
  // Share-template recipients (yourfriend@…), form placeholders and git remotes are nobody.
  return found.filter((email) => !isJunkAddress(email));
}

/** What a company website says about the company, and the addresses it lists. Null for non-web URLs. */
export function readWebsite(root: ParentNode, url: URL): PageSnapshot | null {
  const href = snapshotUrl(url);
  if (!href) return null;
  const nodes = readJsonLdNodes(root);
  const meta = readCompanyMeta(root, url, nodes);
  const people = new PeopleList();
  for (const email of pageEmails(root, meta.org, nodes)) people.add(email, null, 'page');
  const company: NonNullable<PageSnapshot['company']> = {};
  if (meta.name) company.name = meta.name;
  if (meta.description) company.description = meta.description;
  if (meta.website) company.website = meta.website;
  if (meta.platform) company.platform = meta.platform;
  company.canonicalUrl = meta.canonicalUrl ?? `${url.origin}${url.pathname}`.slice(0, 2048);
  const snapshot: PageSnapshot = {
    source: 'website',
    url: href,
    people: people.toArray(),
    company,
  };
  if (meta.title) snapshot.title = meta.title;
  return snapshot;
}
