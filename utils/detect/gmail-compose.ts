// Reads the recipients (To, Cc, Bcc) of the emails the user is writing in Gmail — new-message
// pop-ups, full-screen composes and inline replies — from the compose windows' recipient chips.
// Pure and read-only: the DOM is passed in, nothing is written into the compose window.

import { normalizeEmail } from '@/utils/detect/emails';
import { gmailChipPerson, gmailName, gmailOwnEmails } from '@/utils/detect/gmail';
import { gmailComposeSelectors as C } from '@/utils/detect/gmail-selectors';
import { MAX_PEOPLE, snapshotUrl } from '@/utils/detect/people';
import type { PagePerson, PageSnapshot } from '@/utils/page-snapshot';

export type ComposeField = NonNullable<PagePerson['writing']>;

export interface ComposeRecipient {
  email: string;
  name?: string;
  field: ComposeField;
}

/** Chips looked at per scan: far above any real email, and a page of 10,000 chips stays cheap. */
const MAX_CHIPS = 200;
/** Recipients reported; the look-up sends at most 50 addresses anyway. */
const MAX_RECIPIENTS = 100;

/** The fields in rank order: an address in two fields is reported in the first of them. */
const FIELDS: readonly ComposeField[] = ['to', 'cc', 'bcc'];

function fieldFromName(value: string | null | undefined): ComposeField | null {
  const name = value?.toLowerCase() as ComposeField;
  return FIELDS.includes(name) ? name : null;
}

/**
 * Which field a chip is in: its own `name` (classic hidden input), the nearest named field
 * (2021+ `div.anm[name=cc]`), the classic row's textarea, then a label starting "Cc"/"Bcc"
 * ("Cc recipients"); To otherwise.
 */
function chipField(chip: Element): ComposeField {
  if (chip.tagName === 'INPUT') {
    const own = fieldFromName(chip.getAttribute('name'));
    if (own) return own;
  }
  const named = fieldFromName(chip.closest(C.field)?.getAttribute('name'));
  if (named) return named;
  const row = chip.closest('.vR, tr');
  const inRow = fieldFromName(row?.querySelector(C.rowField)?.getAttribute('name'));
  if (inRow) return inRow;
  const label = chip.closest('[aria-label]')?.getAttribute('aria-label')?.slice(0, 40) ?? '';
  return fieldFromName(/^\s*(b?cc)\b/i.exec(label)?.[1]) ?? 'to';
}

/** "Name <address>" or a bare address, as the classic chip's hidden input holds it. */
function parseAddressValue(value: string): { email: string; name?: string } | null {
  const text = value.slice(0, 600);
  const angle = /^\s*"?([^"<>]*?)"?\s*<([^<>\s]+)>\s*$/.exec(text);
  const email = normalizeEmail(angle ? angle[2] : text.trim());
  if (!email) return null;
  const name = gmailName(angle?.[1]);
  return name ? { email, name } : { email };
}

/**
 * Address and name of one chip, or null when it holds no address (a half-typed entry): a 2021+
 * chip or a classic `.vN[email]` is read like a thread's person chip (`data-name`, `name`, its own
 * text), a classic hidden input from its "Name <address>" value.
 */
function readChip(chip: Element): { email: string; name?: string } | null {
  if (chip.tagName === 'INPUT') return parseAddressValue(chip.getAttribute('value') ?? '');
  return gmailChipPerson(chip);
}

/**
 * Every recipient of every open compose window, in page order, one entry per address (To before
 * Cc before Bcc when an address is in two fields), without the user's own addresses.
 */
export function readGmailCompose(
  root: ParentNode,
  own: readonly string[] = [],
): ComposeRecipient[] {
  const ownSet = new Set(own);
  const chips = root.querySelectorAll(C.chip);
  const byEmail = new Map<string, ComposeRecipient>();
  const count = Math.min(chips.length, MAX_CHIPS);
  for (let i = 0; i < count && byEmail.size < MAX_RECIPIENTS; i++) {
    const chip = chips[i];
    if (!chip || chip.closest(C.notRecipients) || !chip.closest(C.recipients)) continue;
    const person = readChip(chip);
    if (!person || ownSet.has(person.email)) continue;
    const field = chipField(chip);
    const known = byEmail.get(person.email);
    if (known) {
      if (!known.name && person.name) known.name = person.name;
      if (FIELDS.indexOf(field) < FIELDS.indexOf(known.field)) known.field = field;
      continue;
    }
    byEmail.set(person.email, { ...person, field });
  }
  return [...byEmail.values()];
}

/**
 * The page snapshot with the compose recipients marked `writing`: someone already in the thread
 * keeps their entry (one per address), others are added. A compose open over the inbox list (no
 * thread) makes a snapshot of its own. Unchanged when nothing is being written.
 */
export function withGmailCompose(
  snapshot: PageSnapshot | null,
  root: ParentNode,
  url: URL,
): PageSnapshot | null {
  const own = snapshot?.ownEmails ?? gmailOwnEmails(root);
  const recipients = readGmailCompose(root, own);
  if (recipients.length === 0) return snapshot;
  const href = snapshot?.url ?? snapshotUrl(url);
  if (!href) return snapshot;
  const people: PagePerson[] = (snapshot?.people ?? []).map((p) => ({ ...p }));
  for (const recipient of recipients) {
    const existing = people.find((p) => p.email === recipient.email && p.role !== 'hover');
    if (existing) {
      existing.writing = recipient.field;
      if (!existing.name && recipient.name) existing.name = recipient.name;
      continue;
    }
    // Headroom under the schema's 500 for the thread's people and a hover entry.
    if (people.length >= MAX_PEOPLE + 50) break;
    const person: PagePerson = { email: recipient.email, writing: recipient.field };
    if (recipient.name) person.name = recipient.name;
    people.push(person);
  }
  const next: PageSnapshot = snapshot
    ? { ...snapshot, people }
    : { source: 'gmail', url: href, people };
  // gmailOwnEmails gives at most 20, as the schema allows.
  if (!snapshot && own.length > 0) next.ownEmails = own;
  return next;
}
