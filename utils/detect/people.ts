// Shared pieces of every reader: a de-duplicating, capped list of people and schema-safe URL/text.

import { cleanText, normalizeEmail } from '@/utils/detect/emails';
import type { PagePerson } from '@/utils/page-snapshot';

type Role = NonNullable<PagePerson['role']>;

/** PageSnapshotSchema allows 500 people; keep headroom for a hover entry. */
export const MAX_PEOPLE = 400;

/** Lower is stronger: someone who sent one message and received another is reported as 'from'. */
const ROLE_RANK: Record<Role, number> = {
  from: 0,
  to: 1,
  cc: 2,
  bcc: 3,
  profile: 4,
  page: 5,
  hover: 6,
};

/** Collects people in order of first appearance, one entry per address, skipping own addresses. */
export class PeopleList {
  private readonly byEmail = new Map<string, PagePerson>();
  private readonly ownSet: Set<string>;

  constructor(own: Iterable<string> = []) {
    this.ownSet = new Set(own);
  }

  get size(): number {
    return this.byEmail.size;
  }

  get full(): boolean {
    return this.byEmail.size >= MAX_PEOPLE;
  }

  /** Adds an address (raw or normalised); skipped when it is not one, the user's, or the list is full. */
  add(rawEmail: string | null | undefined, name?: string | null, role?: Role): void {
    // Fast path for an address already listed in normalised form (repeated chips in a thread).
    const email = rawEmail && this.byEmail.has(rawEmail) ? rawEmail : normalizeEmail(rawEmail);
    if (email) this.addClean(email, cleanName200(name, email), role);
  }

  /**
   * `add` for what a reader already cleaned: a normalised address and a name that passed
   * `cleanText` and holds no `@` (or ''). Skips doing that work again on every scan.
   */
  addClean(email: string, name: string, role?: Role): void {
    if (this.ownSet.has(email)) return;
    const existing = this.byEmail.get(email);
    if (existing) {
      if (!existing.name && name) existing.name = name;
      if (role && (!existing.role || ROLE_RANK[role] < ROLE_RANK[existing.role]))
        existing.role = role;
      return;
    }
    if (this.full) return;
    const person: PagePerson = { email };
    if (name) person.name = name;
    if (role) person.role = role;
    this.byEmail.set(email, person);
  }

  toArray(): PagePerson[] {
    return [...this.byEmail.values()];
  }
}

/** A display name worth keeping: not empty, not the address itself, not just "me". */
function cleanName200(name: string | null | undefined, email: string): string {
  const clean = cleanText(name, 200);
  return clean.toLowerCase() === email || clean.includes('@') ? '' : clean;
}

/** The page URL as the snapshot schema accepts it (≤ 4096 characters, http(s) only). */
export function snapshotUrl(url: URL): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.href.length <= 4096) return url.href;
  const short = `${url.origin}${url.pathname}`;
  return short.length <= 4096 ? short : url.origin;
}

/** Absolute http(s) URL from an attribute value, or undefined. */
export function absoluteHttpUrl(value: string | null | undefined, base: URL): string | undefined {
  if (!value) return undefined;
  try {
    const resolved = new URL(value.trim(), base);
    if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') return undefined;
    return resolved.href.length <= 2048 ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** Visible text of an element without LinkedIn-style doubled accessible copies. */
export function visibleText(element: Element | null | undefined, max: number): string {
  if (!element) return '';
  const hidden = element.querySelector('[aria-hidden="true"]');
  if (hidden?.textContent?.trim()) return cleanText(hidden.textContent, max);
  if (!element.querySelector('.visually-hidden, .sr-only, .a11y-text')) {
    return cleanText(element.textContent, max);
  }
  let text = '';
  const doc = element.ownerDocument;
  const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && text.length < max * 2; node = walker.nextNode()) {
    if (node.parentElement?.closest('.visually-hidden, .sr-only, .a11y-text')) continue;
    text += `${(node as Text).data} `;
  }
  return cleanText(text, max);
}
