// Reads any company website on demand: company name, description, stated website, canonical URL and
// the email addresses on the page. The registrable domain is left to the background (tldts).
import type { PageSnapshot } from '../page-snapshot';
import {
  cleanText,
  EMAIL_LIMITS,
  emailsInCloudflareLinks,
  emailsInMailtoLinks,
  emailsInTextNodes,
  normalizeEmail,
} from './emails';
import {
  isOrganization,
  type LdNode,
  ldString,
  ldStrings,
  ldTypes,
  readJsonLdNodes,
  resolveRef,
} from './json-ld';
import { absoluteHttpUrl, PeopleList, snapshotUrl } from './people';
import { websiteSelectors as S } from './website-selectors';

/** Longest description kept; sites put whole paragraphs in og:description. */
const DESCRIPTION_CHARS = 300;
/** Addresses reported per page (the rest are almost always directories or spam traps). */
const MAX_PAGE_EMAILS = 100;

const GENERIC_TITLE_PARTS =
  /^(?:home(?:\s?page)?|welcome|official (?:web)?site|start|index|accueil|startseite|inicio)$/i;

function metaContent(root: ParentNode, selector: string, max: number): string {
  return cleanText(root.querySelector(selector)?.getAttribute('content'), max);
}

const bareHost = (host: string): string => host.toLowerCase().replace(/^www\d?\./, '');

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

/**
 * A company name from a `<title>`: split on | – — - · : and drop generic parts ("Home"); the part
 * that matches the host name wins, else the last part after "|" or the first part otherwise.
 */
export function nameFromTitle(title: string, hostname: string): string {
  const clean = cleanText(title, 300);
  if (!clean) return '';
  const parts = clean
    .split(/\s+[|–—·:•»-]\s+|\s*\|\s*/)
    .map((part) => part.trim())
    .filter((part) => part && !GENERIC_TITLE_PARTS.test(part));
  if (parts.length === 0) return '';
  const label = (bareHost(hostname).split('.')[0] ?? '').replace(/[^a-z0-9]/g, '');
  const squash = (part: string) => part.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (label.length >= 3) {
    const match = parts.find((part) => {
      const squashed = squash(part);
      return squashed.length > 0 && (squashed.includes(label) || label.includes(squashed));
    });
    if (match) return cleanText(match, 300);
  }
  return cleanText(clean.includes('|') ? parts[parts.length - 1] : parts[0], 300);
}

function clipDescription(text: string): string {
  if (text.length <= DESCRIPTION_CHARS) return text;
  const cut = text.slice(0, DESCRIPTION_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > DESCRIPTION_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/** Company metadata of the page (all optional). */
export function readCompanyMeta(
  root: ParentNode,
  url: URL,
  nodes: readonly LdNode[] = readJsonLdNodes(root),
) {
  const org = pageOrganization(nodes, url);
  const orgName = org
    ? cleanText(ldString(org.name, nodes) ?? ldString(org.legalName, nodes), 300)
    : '';
  const title = cleanText(root.querySelector(S.title)?.textContent, 500);
  const name =
    orgName ||
    metaContent(root, S.siteName, 300) ||
    metaContent(root, S.applicationName, 300) ||
    nameFromTitle(title, url.hostname);
  const description = clipDescription(
    metaContent(root, S.ogDescription, 2000) ||
      metaContent(root, S.description, 2000) ||
      cleanText(org ? ldString(org.description, nodes) : '', 2000),
  );
  const website = org ? absoluteHttpUrl(ldString(org.url, nodes), url) : undefined;
  const canonicalUrl =
    absoluteHttpUrl(root.querySelector(S.canonical)?.getAttribute('href'), url) ??
    absoluteHttpUrl(root.querySelector(S.ogUrl)?.getAttribute('content'), url);
  return { name, title, description, website, canonicalUrl, org };
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
  return found;
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
