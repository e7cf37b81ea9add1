// Reads a LinkedIn profile (name, headline, current company) or company page (name, website,
// description) the user is looking at. Read-only and pure; run only on the user's request.

import { cleanText } from '@/utils/detect/emails';
import { isOrganization, ldString, ldStrings, readJsonLdNodes } from '@/utils/detect/json-ld';
import { linkedinSelectors as S } from '@/utils/detect/linkedin-selectors';
import { snapshotUrl, visibleText } from '@/utils/detect/people';
import type { PageSnapshot } from '@/utils/page-snapshot';

export type LinkedInPage = { kind: 'profile' | 'company'; slug: string; url: string };

/** `/in/<slug>` or `/company/<slug>` (any sub-page such as `/about/`), normalised; null otherwise. */
export function linkedinPage(url: URL): LinkedInPage | null {
  if (!/(^|\.)linkedin\.com$/i.test(url.hostname)) return null;
  const match = /^\/(in|company|school|showcase)\/([^/?#]+)/i.exec(url.pathname);
  if (!match?.[1] || !match[2]) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[2]).slice(0, 200);
  } catch {
    slug = match[2].slice(0, 200);
  }
  const kind = match[1].toLowerCase() === 'in' ? 'profile' : 'company';
  const section = kind === 'profile' ? 'in' : match[1].toLowerCase();
  return { kind, slug, url: `https://www.linkedin.com/${section}/${encodeURIComponent(slug)}/` };
}

const isLinkedInHost = (host: string) => /(^|\.)(linkedin\.com|lnkd\.in)$/i.test(host);

/** LinkedIn wraps outbound links in /redir/redirect?url=…; strip that and tracking parameters. */
export function externalWebsite(href: string | null | undefined, base: URL): string | undefined {
  if (!href) return undefined;
  let target: URL;
  try {
    target = new URL(href.trim(), base);
    if (isLinkedInHost(target.hostname)) {
      const wrapped = target.searchParams.get('url');
      if (!wrapped) return undefined;
      target = new URL(wrapped);
    }
  } catch {
    return undefined;
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return undefined;
  if (isLinkedInHost(target.hostname)) return undefined;
  for (const key of [...target.searchParams.keys()]) {
    if (/^(utm_|trk|li_)/i.test(key)) target.searchParams.delete(key);
  }
  const clean = target.href;
  return clean.length <= 2048 ? clean : undefined;
}

/**
 * LinkedIn's error and gate pages ("Profile Not Found | LinkedIn", a "This page doesn't exist"
 * heading, the /404 redirect, the sign-up and security-check walls): their heading is not a name.
 */
const MISSING_TEXT =
  /\b(?:not found|doesn[’']?t exist|does not exist|(?:isn[’']?t|not|no longer) available|unavailable|something went wrong)\b|^404$/i;
/** Titles of gate pages (sign-up, log-in, security check) on top of the error wording. */
const ERROR_TEXT = new RegExp(
  `${MISSING_TEXT.source}|\\b(?:sign ?up|sign in|log ?in|join linkedin|security verification|authwall)\\b|^linkedin$`,
  'i',
);

/** True on LinkedIn's "profile not found" (and similar) pages: nothing there is a person. */
export function isLinkedInErrorPage(root: ParentNode, url: URL): boolean {
  if (/^\/(?:404|authwall|checkpoint|uas\/login|signup)\b/i.test(url.pathname)) return true;
  const title = cleanText(root.querySelector('head > title, title')?.textContent, 300);
  if (title && ERROR_TEXT.test(title.replace(/\s*\|\s*LinkedIn\s*$/i, ''))) return true;
  for (const heading of root.querySelectorAll(S.errorHeading)) {
    if (MISSING_TEXT.test(cleanText(heading.textContent, 200))) return true;
  }
  return false;
}

/** "Name | LinkedIn" → "Name" (also "(3) Name | LinkedIn"); "" for error and gate titles. */
function nameFromTitle(root: ParentNode): string {
  const title = cleanText(root.querySelector('head > title, title')?.textContent, 300);
  const name = cleanText(title.replace(/^\(\d+\+?\)\s*/, '').split(/\s+\|\s+/)[0], 200);
  return ERROR_TEXT.test(name) ? '' : name;
}

/**
 * "Current company: Acme Corp. Click to skip to experience card" → "Acme Corp". Linear string work
 * on the collapsed label: the regex it replaces backtracked quadratically on a crafted aria-label.
 */
function afterCurrentCompany(label: string): string {
  const prefix = 'current company:';
  if (!label.toLowerCase().startsWith(prefix)) return '';
  const rest = label.slice(prefix.length).trim();
  const lower = rest.toLowerCase();
  let cut = lower.indexOf('. click', 1);
  while (cut > 0 && /\w/.test(lower.charAt(cut + 7))) cut = lower.indexOf('. click', cut + 1);
  return cut > 0 ? rest.slice(0, cut) : rest;
}

function currentCompany(card: ParentNode, headline: string): string {
  const label = card.querySelector(S.currentCompanyLabel)?.getAttribute('aria-label');
  const fromLabel = afterCurrentCompany(cleanText(label, 1_000));
  if (fromLabel) return cleanText(fromLabel, 300);
  const link = card.querySelector(S.currentCompanyLink);
  if (link) {
    const hidden = cleanText(link.querySelector(S.visuallyHidden)?.textContent, 300);
    const fromHidden = /^current company:\s*(.+)$/i.exec(hidden);
    if (fromHidden?.[1]) return cleanText(fromHidden[1], 300);
    const text = visibleText(link, 300);
    if (text) return text;
  }
  const fromHeadline = /\s(?:at|@)\s+(.+)$/i.exec(headline);
  return fromHeadline?.[1] ? cleanText(fromHeadline[1].split(/\s+[|·]\s+/)[0], 300) : '';
}

/** The person on a `/in/<slug>` page. */
export function readLinkedInProfile(root: ParentNode, url: URL): PageSnapshot | null {
  const page = linkedinPage(url);
  const href = snapshotUrl(url);
  if (page?.kind !== 'profile' || !href) return null;
  // "Profile not found": its heading would otherwise become a person and a name search.
  if (isLinkedInErrorPage(root, url)) return null;
  const card = root.querySelector(S.profileTopCard) ?? root;
  const name = visibleText(card.querySelector(S.profileName), 200) || nameFromTitle(root);
  if (!name || ERROR_TEXT.test(name)) return null;
  const headline = visibleText(card.querySelector(S.profileHeadline), 500);
  const company = currentCompany(card, headline);
  const person: NonNullable<PageSnapshot['person']> = { name, profileUrl: page.url };
  if (headline) person.headline = headline;
  if (company) person.company = company;
  return { source: 'linkedin-profile', url: href, title: name, people: [], person };
}

function aboutWebsite(root: ParentNode, url: URL): string | undefined {
  for (const term of root.querySelectorAll(S.companyAboutTerms)) {
    if (!/^\s*website\s*$/i.test(term.textContent ?? '')) continue;
    const link =
      term.nextElementSibling?.querySelector('a[href]') ??
      term.parentElement?.querySelector('dd a[href]');
    const website = externalWebsite(link?.getAttribute('href'), url);
    if (website) return website;
  }
  return undefined;
}

/** The company on a `/company/<slug>` page (logged-in top card, About page, or guest page). */
export function readLinkedInCompany(root: ParentNode, url: URL): PageSnapshot | null {
  const page = linkedinPage(url);
  const href = snapshotUrl(url);
  if (page?.kind !== 'company' || !href) return null;
  if (isLinkedInErrorPage(root, url)) return null;
  const nodes = readJsonLdNodes(root);
  const org = nodes.find(isOrganization);
  const titled = root.querySelector(S.companyName);
  const name =
    cleanText(titled?.getAttribute('title'), 300) ||
    visibleText(titled, 300) ||
    cleanText(org ? ldString(org.name, nodes) : '', 300) ||
    nameFromTitle(root);
  if (!name) return null;
  let website: string | undefined;
  for (const link of root.querySelectorAll(S.companyWebsite)) {
    website = externalWebsite(link.getAttribute('href'), url);
    if (website) break;
  }
  website ??= aboutWebsite(root, url);
  if (!website && org) {
    for (const candidate of [...ldStrings(org.sameAs, nodes), ldString(org.url, nodes) ?? '']) {
      website = externalWebsite(candidate, url);
      if (website) break;
    }
  }
  const description =
    S.companyDescription
      .map((selector) => visibleText(root.querySelector(selector), 2000))
      .find(Boolean) ||
    cleanText(org ? ldString(org.description, nodes) : '', 2000) ||
    cleanText(root.querySelector(S.metaDescription)?.getAttribute('content'), 2000);
  const company: NonNullable<PageSnapshot['company']> = { name, canonicalUrl: page.url };
  if (website) company.website = website;
  if (description) company.description = description;
  return { source: 'linkedin-company', url: href, title: name, people: [], company };
}

/** Profile or company, whichever the URL says; null on any other LinkedIn page. */
export function readLinkedIn(root: ParentNode, url: URL): PageSnapshot | null {
  const page = linkedinPage(url);
  if (!page) return null;
  return page.kind === 'profile' ? readLinkedInProfile(root, url) : readLinkedInCompany(root, url);
}
