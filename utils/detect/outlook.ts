// Best-effort reader for Outlook on the web: the open message's people from mailto: links,
// title/aria-label attributes and "Name <address>" text in the reading pane. Pure: DOM passed in.

import { cleanText, emailsFromMailto, emailsInText, normalizeEmail } from '@/utils/detect/emails';
import { outlookSelectors as S } from '@/utils/detect/outlook-selectors';
import { PeopleList, snapshotUrl } from '@/utils/detect/people';
import type { PagePerson, PageSnapshot } from '@/utils/page-snapshot';

export interface OutlookReadOptions {
  /** Addresses of the signed-in user, in addition to those found in the account menu. */
  ownEmails?: readonly string[];
}

type Role = NonNullable<PagePerson['role']>;

const MAX_ELEMENTS = 400;
const MAX_TEXT_NODES = 2_000;
const LABEL = /^\s*(from|to|cc|bcc)\b\s*:?/i;

export function isOutlookUrl(url: URL): boolean {
  return (
    /^outlook\.(office|office365|live)\.com$/i.test(url.hostname) ||
    /^outlook\.cloud\.microsoft$/i.test(url.hostname)
  );
}

/** The signed-in user's addresses from the account manager. */
export function outlookOwnEmails(root: ParentNode, extra: readonly string[] = []): string[] {
  const own: string[] = [];
  for (const email of extra) {
    const clean = normalizeEmail(email);
    if (clean && !own.includes(clean)) own.push(clean);
  }
  for (const element of root.querySelectorAll(S.account)) {
    emailsInText(
      `${element.getAttribute('aria-label') ?? ''} ${element.textContent ?? ''}`,
      own,
      20,
    );
  }
  return own.slice(0, 20);
}

function labelRole(text: string | null | undefined): Role | null {
  const match = LABEL.exec(text ?? '');
  return match?.[1] ? (match[1].toLowerCase() as Role) : null;
}

/** From/To/Cc/Bcc from the element's own label, a labelled ancestor, or a labelled previous sibling. */
function roleOf(element: Element, pane: Element): Role | undefined {
  let current: Element | null = element;
  for (let depth = 0; current && depth < 6; depth++) {
    const own =
      labelRole(current.getAttribute('aria-label')) ??
      labelRole(current.firstChild?.nodeType === 3 ? current.firstChild.textContent : null);
    if (own) return own;
    let sibling = current.previousElementSibling;
    for (let i = 0; sibling && i < 3; i++, sibling = sibling.previousElementSibling) {
      const role =
        labelRole(sibling.getAttribute('aria-label')) ??
        labelRole(sibling.textContent?.slice(0, 10));
      if (role) return role;
    }
    if (current === pane) break;
    current = current.parentElement;
  }
  return undefined;
}

/**
 * A name for the address: "From: Maria Lopez" on the element or a labelled previous sibling, or the
 * element's own text when the address sat in an attribute of a person chip (never a link's text).
 */
function nameNear(element: Element, useOwnText: boolean): string | undefined {
  for (const labelled of [element, element.previousElementSibling]) {
    // Linear on page input: the label is bounded and collapsed first, then cut after "From:"
    // (the old single regex backtracked quadratically on a long label with an "@" at its end).
    const label = cleanText(labelled?.getAttribute('aria-label'), 1_000);
    const head = /^(?:from|to|cc|bcc) ?:/i.exec(label);
    const rest = head ? label.slice(head[0].length).trim() : '';
    if (rest && !/[@;<]/.test(rest)) return cleanText(rest, 200);
  }
  const ownText = cleanText(element.textContent, 200);
  return useOwnText && ownText && !ownText.includes('@') && !LABEL.test(ownText)
    ? ownText
    : undefined;
}

/**
 * `Sam Reed <sam@x.com>` or `"Sam Reed" <sam@x.com>` → name and address; null otherwise. Plain
 * string work: the regex it replaces backtracked (cubically) on a long run of spaces.
 */
function namedAddress(part: string): { name: string; email: string } | null {
  const text = part.trim();
  if (!text.endsWith('>')) return null;
  const open = text.lastIndexOf('<');
  if (open < 0) return null;
  const email = text.slice(open + 1, -1);
  if (!email || /[\s<>]/.test(email)) return null;
  let name = text.slice(0, open).trim();
  if (name.startsWith('"')) name = name.slice(1);
  if (name.endsWith('"')) name = name.slice(0, -1);
  if (name.length < 1 || name.length > 200 || /["<>@]/.test(name)) return null;
  return { name, email };
}

function addFromAttributes(element: Element, pane: Element, people: PeopleList): void {
  const role = roleOf(element, pane);
  const href = element.getAttribute('href');
  const emails = href ? emailsFromMailto(href) : [];
  for (const attribute of ['title', 'aria-label', 'data-email', 'data-lpc-hover-target']) {
    const value = element.getAttribute(attribute);
    if (value?.includes('@')) {
      // "To: Sam Reed <sam@x.com>; Ops <ops@x.com>" → one entry per part, keeping names.
      for (const part of value.slice(0, 5_000).replace(LABEL, '').split(/[;,]/).slice(0, 100)) {
        const named = namedAddress(part);
        if (named) people.add(named.email, named.name, role);
        else emailsInText(part, emails, 100);
      }
    }
  }
  const name = emails.length === 1 ? nameNear(element, !href) : undefined;
  for (const email of emails) people.add(email, name, role);
}

function addFromText(pane: Element, people: PeopleList): void {
  const walker = pane.ownerDocument.createTreeWalker(pane, 4 /* NodeFilter.SHOW_TEXT */);
  let visited = 0;
  for (
    let node = walker.nextNode();
    node && visited < MAX_TEXT_NODES && !people.full;
    node = walker.nextNode()
  ) {
    visited++;
    const data = (node as Text).data;
    if (data.indexOf('@') === -1) continue;
    const parent = node.parentElement;
    if (
      !parent ||
      parent.closest(S.body) ||
      parent.nodeName === 'SCRIPT' ||
      parent.nodeName === 'STYLE'
    )
      continue;
    const role = roleOf(parent, pane);
    const text = data.length > 5_000 ? data.slice(0, 5_000) : data;
    // "Maria Lopez <maria@example.com>": the name is the text before "<" back to a separator.
    const bracketed = /<([^<>\s@]{1,64}@[^<>\s]{1,255})>/g;
    let sawNamed = false;
    for (let match = bracketed.exec(text); match; match = bracketed.exec(text)) {
      const before =
        text
          .slice(Math.max(0, match.index - 200), match.index)
          .split(/[;,:>]/)
          .pop() ?? '';
      const name = cleanText(
        before.replace(/^\s*(?:from|to|cc|bcc)\b/i, '').replace(/"/g, ''),
        200,
      );
      if (name) sawNamed = true;
      people.add(match[1], name || nameNear(parent, false), role);
    }
    const name = sawNamed ? undefined : nameNear(parent, false);
    for (const email of emailsInText(text, [], 50)) people.add(email, name, role);
  }
}

/** The open message in Outlook's reading pane; null when no message is open. */
export function readOutlook(
  root: ParentNode,
  url: URL,
  options: OutlookReadOptions = {},
): PageSnapshot | null {
  const href = snapshotUrl(url);
  if (!href) return null;
  const pane = root.querySelector(S.readingPane);
  if (!pane) return null;
  const own = outlookOwnEmails(root, options.ownEmails);
  const people = new PeopleList(own);
  const elements = pane.querySelectorAll(S.addressAttr);
  for (let i = 0; i < elements.length && i < MAX_ELEMENTS && !people.full; i++) {
    const element = elements[i];
    if (element && !element.closest(S.body)) addFromAttributes(element, pane, people);
  }
  addFromText(pane, people);
  let title = '';
  for (const heading of pane.querySelectorAll(S.subject)) {
    title = cleanText(heading.textContent, 500);
    if (title) break;
  }
  if (!title && people.size === 0) return null;
  const snapshot: PageSnapshot = { source: 'outlook', url: href, people: people.toArray() };
  if (title) snapshot.title = title;
  if (own.length > 0) snapshot.ownEmails = own;
  return snapshot;
}
