// Reads the open Gmail thread (sender and every recipient of every message, expanded or collapsed)
// and the person under the mouse, from stable attributes only. Pure: the DOM is passed in.

import { cleanText, normalizeEmail } from '@/utils/detect/emails';
import { gmailSelectors as S } from '@/utils/detect/gmail-selectors';
import { PeopleList, snapshotUrl } from '@/utils/detect/people';
import type { PagePerson, PageSnapshot } from '@/utils/page-snapshot';

export interface GmailReadOptions {
  /** Extra addresses of the signed-in user (e.g. send-as aliases the user configured). */
  ownEmails?: readonly string[];
  /** The element under the mouse; a person chip there is reported with role 'hover'. */
  hover?: Element | null;
  /**
   * Nodes whose children changed since the last reading (the MutationObserver's targets): a
   * message with none of them inside is not read again (its last reading is reused). Absent or
   * null: every message is read.
   */
  changed?: ReadonlySet<Node> | null;
}

/** Messages read per thread; Gmail itself folds long threads, so this is never reached in practice. */
const MAX_MESSAGES = 250;
/** Person chips read per message (a 200-recipient message still fits). */
const MAX_CHIPS_PER_MESSAGE = 300;

type Role = NonNullable<PagePerson['role']>;

/**
 * Gmail labels every address of the signed-in user, send-as aliases included, with the word for
 * "me" in the UI language instead of a name.
 */
const ME_WORDS = 'me|ich|moi|yo|eu|io|ik|mij|mig|meg|minä|jag|mnie|я|我|自分|나|ฉัน|tôi|saya|aku';
const ME = new RegExp(`^(?:${ME_WORDS}|ja|já|ben)$`, 'i');

/** Words for "me" that are never also a given name ("Ben", "Ja" are both). */
const NOT_A_NAME = new RegExp(`^(?:${ME_WORDS})$`, 'i');

/**
 * The account address in the title's fixed tail: Gmail's title is "<view or subject> - <address> -
 * <product>" in every locale ("Inbox (3) - me@example.com - Gmail", "Re: quote - me@acme.com - Acme
 * Mail"). Only that slot counts: the subject before it is whatever the sender wrote, addresses included.
 */
function titleAccount(title: string): string | null {
  const match = /\s[-–]\s(\S+@\S+)\s[-–]\s[^@]*$/.exec(title.slice(-400));
  return match ? normalizeEmail(match[1]) : null;
}

/** The signed-in user's addresses, from the window title's tail and the Google account button. */
export function gmailOwnEmails(root: ParentNode, extra: readonly string[] = []): string[] {
  const own: string[] = [];
  const add = (email: string | null) => {
    if (email && !own.includes(email)) own.push(email);
  };
  for (const email of extra) add(normalizeEmail(email));
  // Only a Document has no owner document.
  add(titleAccount(((root as Node).ownerDocument ?? (root as Document)).title));
  const account = root.querySelector(S.account);
  // aria-label "Google Account: Ada Lovelace (ada@example.com)": the address in parentheses.
  const label = account?.getAttribute('aria-label') ?? '';
  const text = label.slice(0, 500);
  const inParens = /\(([^()\s]+@[^()\s]+)\)\s*$/.exec(text);
  if (inParens) add(normalizeEmail(inParens[1]));
  else {
    // Older layouts without "(address)": each word that is a whole address (Gmail's own chrome,
    // so the page-text scanner `emailsInText` is not needed here).
    const words = text.split(/[\s()<>[\],;:"']+/).filter((word) => word.includes('@'));
    for (const word of words.slice(0, 2)) add(normalizeEmail(word.replace(/^\.+|[.-]+$/g, '')));
  }
  return own.slice(0, 20);
}

/** The `[role=main]` pane, or `root` itself when the caller passed the pane (or a fragment). */
export function gmailMain(root: ParentNode): ParentNode {
  const node = root as Element;
  if (node.nodeType === 1 && node.matches(S.main)) return root;
  return root.querySelector(S.main) ?? root;
}

/** Identity of the open thread, or null when no thread is open (list view). */
export function gmailThreadKey(root: ParentNode): string | null {
  const main = gmailMain(root);
  const idElement = threadIdElement(main);
  const perm = idElement?.getAttribute('data-thread-perm-id');
  if (perm && perm !== 'undefined') return perm;
  const legacy = idElement?.getAttribute('data-legacy-thread-id');
  if (legacy) return `legacy:${legacy}`;
  const withId = main.querySelector(S.messageId);
  const messageId =
    withId?.getAttribute('data-message-id') ?? withId?.getAttribute('data-legacy-message-id');
  if (messageId) return `message:${messageId}`;
  return main.querySelector(S.message) ? `subject:${subjectOf(main)}` : null;
}

function threadIdElement(main: ParentNode): Element | null {
  // List rows carry data-thread-id / data-legacy-thread-id on spans too; they are not an open thread.
  for (const element of main.querySelectorAll(S.threadId)) {
    if (element.hasAttribute('data-thread-perm-id') || element.tagName === 'H2') {
      if (!element.closest('[role="row"], tr.zA')) return element;
    }
  }
  return null;
}

function subjectOf(main: ParentNode): string {
  for (const heading of main.querySelectorAll(S.subject)) {
    const text = cleanText(heading.textContent, 500);
    if (text) return text;
  }
  return '';
}

/** Top-level message containers (an `.adn` inside a `[data-message-id]` is the same message). */
function messagesOf(main: ParentNode): Element[] {
  const all = main.querySelectorAll(S.message);
  const out: Element[] = [];
  for (let i = 0; i < all.length && out.length < MAX_MESSAGES; i++) {
    const element = all[i];
    if (!element) continue;
    const previous = out[out.length - 1];
    if (previous?.contains(element)) continue;
    out.push(element);
  }
  return out;
}

/**
 * Normalised addresses by raw attribute value. A thread's chips repeat on every scan, so this turns
 * most of the per-chip string work into one Map lookup. Bounded; cleared when full.
 */
const emailCache = new Map<string, string | null>();

function chipEmail(chip: Element): string | null {
  const raw = chip.getAttribute('email') ?? chip.getAttribute('data-hovercard-id');
  if (!raw) return null;
  let email = emailCache.get(raw);
  if (email === undefined) {
    if (emailCache.size >= 5000) emailCache.clear();
    email = normalizeEmail(raw);
    emailCache.set(raw, email);
  }
  return email;
}

/**
 * An element id or internal token, not a name: Gmail's avatar `<img name=":62">`, `:o6`, `a1b2`.
 * A person's display name has no leading colon and is not one digit-bearing token.
 */
function isIdLike(name: string): boolean {
  return /^[:#_]/.test(name) || (/^[\w:.-]{1,16}$/.test(name) && /\d/.test(name));
}

/** A display name worth showing: cleaned, never an address, an element id or a word for "me". */
export function gmailName(value: string | null | undefined): string {
  const name = cleanText(value, 200);
  // "me" on an address that is not the user's (an alias not configured) names nobody.
  return name.includes('@') || isIdLike(name) || NOT_A_NAME.test(name) ? '' : name;
}

/**
 * The display name the element carrying the address gives: `data-name` (avatars, compose chips),
 * then `name` only on an `email=` chip (on an avatar `<img>` it is an element id), then the chip's
 * own text.
 */
function chipName(chip: Element): string {
  return (
    gmailName(chip.getAttribute('data-name')) ||
    (chip.hasAttribute('email') ? gmailName(chip.getAttribute('name')) : '') ||
    (chip.tagName === 'IMG' ? '' : gmailName(chip.textContent))
  );
}

/** Address and display name of a person chip (`email=` first, then `data-hovercard-id`). */
export function gmailChipPerson(chip: Element): { email: string; name?: string } | null {
  const email = chipEmail(chip);
  if (!email) return null;
  const name = chipName(chip);
  return name ? { email, name } : { email };
}

/** To/Cc/Bcc from the row label of the "show details" table ("cc:" → cc). */
function detailsRole(chip: Element): Role {
  const label = cleanText(chip.closest('tr')?.firstElementChild?.textContent, 10).toLowerCase();
  if (label.startsWith('bcc')) return 'bcc';
  if (label.startsWith('cc')) return 'cc';
  if (label.startsWith('from')) return 'from';
  return 'to';
}

type ChipKind = 'from' | 'to' | 'details' | 'unknown';

/** `S.avatar` without the selector engine (this runs once per chip of a 200-address thread). */
function isAvatar(chip: Element): boolean {
  return chip.tagName === 'IMG' || chip.classList.contains('ajn');
}

/** What a chip is, from its own class or the nearest meaningful container; null inside a body. */
function chipKind(chip: Element): ChipKind | null {
  const context = chip.parentElement?.closest(S.chipContext);
  if (context?.matches(S.body)) return null;
  // The avatar beside a message is always its sender's (expanded and collapsed alike).
  if (chip.matches(S.senderChip) || isAvatar(chip)) return 'from';
  if (context?.matches(S.detailsTable)) return 'details';
  if (chip.matches(S.recipientChip) || context?.matches(S.recipientLine)) return 'to';
  if (context?.matches(S.senderBox)) return 'from';
  return 'unknown';
}

/** "me" in the UI language, on a chip whose address is one of the user's own. */
function isOwnMeChip(chip: Element, email: string, own: ReadonlySet<string>): boolean {
  if (!own.has(email)) return false;
  const label =
    chip.getAttribute('name') ?? chip.getAttribute('data-name') ?? chip.textContent ?? '';
  return label.length < 12 && ME.test(label.trim());
}

/** One person a message shows, as read from its chips (in chip order). */
interface MessagePerson {
  /** Normalised. */
  email: string;
  /** From `chipName`: cleaned, never an address; '' when the chip gives none. */
  name: string;
  role: Role;
}

function readMessage(message: Element, own: ReadonlySet<string>): MessagePerson[] {
  const chips = message.querySelectorAll(S.person);
  const count = Math.min(chips.length, MAX_CHIPS_PER_MESSAGE);
  const found: Array<{ chip: Element; email: string; kind: ChipKind }> = [];
  // The header's "to …" line mixes To and Cc; the details table, when open, knows which is which.
  const detailRoles = new Map<string, Role>();
  let hasSender = false;
  for (let i = 0; i < count; i++) {
    const chip = chips[i];
    const email = chip ? chipEmail(chip) : null;
    if (!chip || !email) continue;
    const kind = chipKind(chip);
    if (!kind) continue;
    // "me" is the user only when the address is theirs: a sender named "Ben" or "Ja" (the word
    // for "me" in Turkish and Polish) is still a person to look up.
    if (isOwnMeChip(chip, email, own)) continue;
    if (kind === 'details' && !detailRoles.has(email)) detailRoles.set(email, detailsRole(chip));
    if (kind === 'from') hasSender = true;
    found.push({ chip, email, kind });
  }
  const out: MessagePerson[] = [];
  /** A name per address is enough: the first chip with one gives it. */
  const named = new Set<string>();
  for (let i = 0; i < found.length; i++) {
    const { chip, email, kind } = found[i] as (typeof found)[number];
    let role: Role;
    if (kind === 'from') role = 'from';
    else if (detailRoles.has(email)) role = detailRoles.get(email) as Role;
    else if (kind === 'to') role = 'to';
    // A DOM generation we have not seen: the header lists the sender first, then recipients.
    else role = !hasSender && i === 0 ? 'from' : 'to';
    const name = named.has(email) ? '' : chipName(chip);
    if (name) named.add(email);
    out.push({ email, name, role });
  }
  return out;
}

/**
 * Each message's last reading, while its subtree is unchanged: a mutation batch (a chip drawn, a
 * message expanded) re-reads only the messages it touched. Keyed by element, so a message Gmail
 * replaces is read afresh; `own` is part of the key (a "me" chip depends on it).
 */
const messageReadings = new WeakMap<Element, { own: string; people: MessagePerson[] }>();
/** More changed nodes than this and every message is read (cheaper than checking them all). */
const MAX_CHANGED = 64;

function messagePeople(
  message: Element,
  own: ReadonlySet<string>,
  ownKey: string,
  changed: ReadonlySet<Node> | null,
): MessagePerson[] {
  const last = messageReadings.get(message);
  if (last && last.own === ownKey && changed && !touched(message, changed)) return last.people;
  const people = readMessage(message, own);
  messageReadings.set(message, { own: ownKey, people });
  return people;
}

function touched(message: Element, changed: ReadonlySet<Node>): boolean {
  for (const node of changed) if (message.contains(node)) return true;
  return false;
}

/** The open thread's messages, whether a thread is open, and its subject. */
interface ThreadFrame {
  main: ParentNode;
  messages: Element[];
  open: boolean;
  title: string;
}

/** The last frame read: still right while every change since was inside one of its messages. */
let lastFrame: ThreadFrame | null = null;

function threadFrame(main: ParentNode, changed: ReadonlySet<Node> | null): ThreadFrame {
  const last = lastFrame;
  if (last && last.main === main && changed && withinMessages(changed, last.messages)) return last;
  const messages = messagesOf(main);
  const open = messages.length > 0 || threadIdElement(main) !== null;
  lastFrame = { main, messages, open, title: open ? subjectOf(main) : '' };
  return lastFrame;
}

function withinMessages(changed: ReadonlySet<Node>, messages: readonly Element[]): boolean {
  for (const message of messages) if (!message.isConnected) return false;
  for (const node of changed) if (!messages.some((message) => message.contains(node))) return false;
  return true;
}

/** The person whose chip is under (or contains) `target`, unless it is the user. */
export function gmailHoverPerson(
  target: Element | null | undefined,
  own: readonly string[] = [],
): PagePerson | null {
  const chip = target?.closest(S.person);
  if (!chip) return null;
  // Inside a message body (quoted headers, signatures, pasted lists) it is text, not a chip.
  if (chip.closest(S.body)) return null;
  const person = gmailChipPerson(chip);
  if (!person || own.includes(person.email)) return null;
  return { ...person, role: 'hover' };
}

/**
 * What the user sees in Gmail: the open thread's people (sender 'from', recipients 'to'/'cc'/'bcc')
 * without the user's own addresses, plus the hovered person. Null in the list view when nothing is
 * hovered.
 */
export function readGmail(
  root: ParentNode,
  url: URL,
  options: GmailReadOptions = {},
): PageSnapshot | null {
  const href = snapshotUrl(url);
  if (!href) return null;
  const main = gmailMain(root);
  const changed = options.changed && options.changed.size <= MAX_CHANGED ? options.changed : null;
  const { messages, open, title } = threadFrame(main, changed);
  const own = gmailOwnEmails(root, options.ownEmails);
  const hover = gmailHoverPerson(options.hover, own);
  if (!open && !hover) return null;

  const people = new PeopleList(own);
  const ownSet = new Set(own);
  const ownKey = own.join(' ');
  for (const message of messages) {
    if (people.full) break;
    for (const person of messagePeople(message, ownSet, ownKey, changed)) {
      if (people.full) break;
      people.addClean(person.email, person.name, person.role);
    }
  }
  const list = people.toArray();
  if (hover) {
    // An avatar carries the address but often no name: the thread's chip for it has one.
    const known = hover.name ? undefined : list.find((p) => p.email === hover.email)?.name;
    list.push(known ? { ...hover, name: known } : hover);
  }
  const snapshot: PageSnapshot = { source: 'gmail', url: href, people: list };
  if (title) snapshot.title = title;
  if (own.length > 0) snapshot.ownEmails = own;
  return snapshot;
}
