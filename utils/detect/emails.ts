// Finds and normalises email addresses in attributes, mailto: links, Cloudflare-obfuscated links and
// page text, with hard caps so a huge or hostile page cannot stall the scan.
import { EMAIL_SHAPE } from '@/utils/email-shape';

/**
 * The exact shape `PagePersonSchema` accepts. Every address a reader emits passes it, so one odd
 * address can never make the background reject a whole snapshot. ASCII local parts; punycode
 * (`xn--…`) domains pass, raw Unicode ones do not (browsers hand us the punycode form anyway).
 */
const VALID_EMAIL = EMAIL_SHAPE;

/** "TLDs" that are really file extensions: `logo@2x.png`, `foo@com.jpeg`, `bundle@1.2.js`. */
const FILE_EXTENSION =
  /^(?:png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|heic|[mc]?js|tsx?|jsx|s?css|map|json|html?|php|xml|txt|pdf|gz|mp[34]|webm|woff2?|ttf|otf|eot|wasm|lock)$/;
/**
 * Real top-level domains that are also file extensions (Moldova's `.md`, Google's `.zip` and
 * `.mov`): a mailbox there is kept, unless all before the extension is a version number
 * (`bundle@1.2.zip`, `notes@2.0.md`).
 */
const TLD_AND_EXTENSION = /^(?:md|zip|mov)$/;

const IMAGE_SUFFIX = /\.(?:png|jpe?g|gif|webp|svg|bmp|ico)$/;
/** Retina asset suffixes: `logo@2x.png`, `icon@3x`. */
const DENSITY_LABEL = /^\d+(?:\.\d+)?x$/;

/** Limits that keep a scan bounded on any page. */
export const EMAIL_LIMITS = {
  /** Addresses collected per call. */
  maxEmails: 200,
  /** Characters of page text examined per call. */
  maxTextChars: 1_000_000,
  /** Text nodes visited per call. */
  maxTextNodes: 20_000,
  /** Characters examined per single text node (very long nodes are almost never prose). */
  maxNodeChars: 100_000,
  /** `@` signs examined per call. */
  maxAtSigns: 5_000,
} as const;

/** Lower-cases and checks one candidate address; returns null when it is not a usable address. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  if (value.length > 320) return null;
  if (/^mailto:/i.test(value)) value = value.slice(7);
  const query = value.indexOf('?');
  if (query !== -1) value = value.slice(0, query);
  value = value.replace(/^<|>$/g, '').toLowerCase();
  if (value.length > 254 || !VALID_EMAIL.test(value)) return null;
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !/[a-z0-9]/.test(local)) return null;
  // cid:image001.png@01D… and sprite@2x.png style names are file names, not mailboxes.
  if (IMAGE_SUFFIX.test(local)) return null;
  const labels = domain.split('.');
  if (DENSITY_LABEL.test(labels[0] ?? '')) return null;
  const tld = labels[labels.length - 1] ?? '';
  if (FILE_EXTENSION.test(tld)) return null;
  if (TLD_AND_EXTENSION.test(tld) && labels.slice(0, -1).every((label) => /^\d+$/.test(label)))
    return null;
  if (labels.some((label) => label.length > 63)) return null;
  return value;
}

/**
 * Local parts that only ever stand for "put an address here": share-by-email templates
 * (`mailto:yourfriend@email.com?…`), form placeholders, documentation. Never a real contact.
 */
const PLACEHOLDER_LOCAL =
  /^(?:your[._-]?friends?|friends?|your[._-]?(?:name|email|e-?mail|address|mail)|you|your|name|e-?mail|someone|somebody|anyone|recipient|user(?:name)?|first[._-]?(?:name)?[._-]?last(?:name)?|firstname|lastname|john[._-]?doe|jane[._-]?doe|test|example|sample|xxx+|abc)$/;
/** A git remote or SSH login (`git@github.com:org/repo`), not a mailbox. */
const GIT_LOCAL = /^git$/;

/**
 * True for addresses that a page shows but no person reads: share-template placeholders and git
 * remotes. Page readers drop them; Gmail/Outlook chips are real recipients and are not filtered.
 */
export function isJunkAddress(email: string): boolean {
  const local = email.slice(0, email.lastIndexOf('@'));
  return PLACEHOLDER_LOCAL.test(local) || GIT_LOCAL.test(local);
}

/**
 * A "share by email" link: its subject or body carries a link (the page's own URL, as every share
 * widget does), so whatever recipient it names is a template, never the site's contact.
 */
export function isShareMailto(href: string | null | undefined): boolean {
  if (!href) return false;
  const query = href.slice(href.indexOf('?') + 1);
  if (query === href) return false;
  for (const pair of query.slice(0, 4096).split('&')) {
    const [key = '', value = ''] = pair.split('=', 2);
    if (!/^(?:subject|body)$/i.test(key)) continue;
    let decoded = value;
    try {
      decoded = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      // Malformed escape: look at the raw text.
    }
    if (/\b(?:https?:\/\/|www\.)\S/i.test(decoded)) return true;
  }
  return false;
}

/** Addresses in a `mailto:` href (`mailto:a@x.com,b@y.com?cc=c@z.com&subject=…`). */
export function emailsFromMailto(href: string | null | undefined): string[] {
  if (!href || !/^\s*mailto:/i.test(href)) return [];
  const raw = href.trim().slice(7, 7 + 2048);
  const [targets = '', query = ''] = raw.split('?', 2);
  const parts = [targets];
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split('=', 2);
    if (/^(?:to|cc|bcc)$/i.test(key)) parts.push(value);
  }
  const out: string[] = [];
  for (const part of parts) {
    let decoded = part;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      // A malformed %-escape: keep the raw text, the address check below still applies.
    }
    for (const piece of decoded.split(/[,;]/)) {
      const email = normalizeEmail(piece);
      if (email && !out.includes(email)) out.push(email);
    }
  }
  return out;
}

/**
 * Decodes Cloudflare Email Obfuscation (`data-cfemail="HEX"` or `/cdn-cgi/l/email-protection#HEX`):
 * the first byte is the key, XOR it into the rest.
 */
export function decodeCfEmail(hex: string | null | undefined): string | null {
  if (!hex) return null;
  const clean = hex.trim();
  if (clean.length < 4 || clean.length > 512 || clean.length % 2 !== 0) return null;
  if (!/^[0-9a-f]+$/i.test(clean)) return null;
  const key = Number.parseInt(clean.slice(0, 2), 16);
  let out = '';
  for (let i = 2; i < clean.length; i += 2) {
    out += String.fromCharCode(Number.parseInt(clean.slice(i, i + 2), 16) ^ key);
  }
  return out;
}

const isLocalChar = (code: number): boolean =>
  (code >= 97 && code <= 122) || // a-z
  (code >= 65 && code <= 90) || // A-Z
  (code >= 48 && code <= 57) || // 0-9
  code === 46 || // .
  code === 95 || // _
  code === 43 || // +
  code === 45 || // -
  code === 37; // %

const isDomainChar = (code: number): boolean =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 48 && code <= 57) ||
  code === 46 ||
  code === 45;

/** A character that would make the address part of a longer token (`foo@bar@baz`, `josé@…`). */
const GLUED = /[\p{L}\p{N}@]/u;
/** Quotes and escapes that mean the real local part started further left (`"foo"bar@x.com`). */
const QUOTED_LOCAL = /["'`\\)\]]/;

/**
 * True when the text around a candidate shows it is not a whole address: a piece of URL userinfo
 * (`http://user:pass@host`, `https://token@host/…`), a git/SSH remote (`git@host:org/repo`), or
 * the tail of a quoted or commented local part (`"foo"bar@x.com` → not `bar@x.com`).
 */
function cutFromLongerToken(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text.charAt(start - 1) : '';
  const after = end < text.length ? text.charAt(end) : '';
  if (before === '/') return true;
  if (before === ':') {
    // Userinfo only inside a URL: the token before it (back to a space) holds "//".
    const tokenStart = Math.max(
      text.lastIndexOf(' ', start - 1),
      text.lastIndexOf('\n', start - 1),
      start - 300,
    );
    if (text.slice(tokenStart + 1, start).includes('//')) return true;
  }
  if (QUOTED_LOCAL.test(before) && after !== before) return true;
  // `host:org/repo`, `host:8080`; a sentence colon is followed by a space.
  if (after === ':' && /[^\s]/.test(text.charAt(end + 1) || ' ')) return true;
  return false;
}

/**
 * Addresses in plain text. It looks only around each `@` (at most 64 characters left, 253 right),
 * so the cost is linear in the text and no regex can backtrack on hostile input.
 */
export function emailsInText(
  text: string,
  into: string[] = [],
  max: number = EMAIL_LIMITS.maxEmails,
): string[] {
  let at = text.indexOf('@');
  let seen = 0;
  while (at !== -1 && into.length < max && seen < EMAIL_LIMITS.maxAtSigns) {
    seen++;
    let start = at;
    while (start > 0 && at - start < 65 && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at < 254 && isDomainChar(text.charCodeAt(end))) end++;
    // Trailing sentence punctuation is not part of the domain; leading dots not part of the local.
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    while (start < at && text[start] === '.') start++;
    const before = start > 0 ? text.charAt(start - 1) : '';
    const after = end < text.length ? text.charAt(end) : '';
    const glued = (before !== '' && GLUED.test(before)) || (after !== '' && GLUED.test(after));
    if (start < at && end > at + 1 && !glued && !cutFromLongerToken(text, start, end)) {
      const email = normalizeEmail(text.slice(start, end));
      if (email && !into.includes(email)) into.push(email);
    }
    at = text.indexOf('@', at + 1);
  }
  return into;
}

/** The document that owns `root`, for TreeWalker creation. */
function ownerDocumentOf(root: ParentNode): Document | null {
  const node = root as Node;
  if (node.nodeType === 9) return node as Document;
  return node.ownerDocument;
}

const SKIPPED_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE', 'svg']);

export interface TextScanOptions {
  /** Subtrees to skip (matched with `closest`, only for text nodes that contain `@`). */
  skip?: string;
  max?: number;
}

/**
 * Addresses in the text under `root`. Walks text nodes without a filter callback (a JS
 * `acceptNode` costs ~10× more in Chromium), checks for `@` first, and stops at the caps.
 */
export function emailsInTextNodes(
  root: ParentNode,
  into: string[] = [],
  options: TextScanOptions = {},
): string[] {
  const doc = ownerDocumentOf(root);
  if (!doc) return into;
  const max = options.max ?? EMAIL_LIMITS.maxEmails;
  const walker = doc.createTreeWalker(root as Node, 4 /* NodeFilter.SHOW_TEXT */);
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++nodes > EMAIL_LIMITS.maxTextNodes || into.length >= max) break;
    const data = (node as Text).data;
    chars += Math.min(data.length, EMAIL_LIMITS.maxNodeChars);
    if (chars > EMAIL_LIMITS.maxTextChars) break;
    if (data.indexOf('@') === -1) continue;
    const parent = node.parentElement;
    if (!parent || SKIPPED_PARENTS.has(parent.nodeName)) continue;
    if (options.skip && parent.closest(options.skip)) continue;
    emailsInText(
      data.length > EMAIL_LIMITS.maxNodeChars ? data.slice(0, EMAIL_LIMITS.maxNodeChars) : data,
      into,
      max,
    );
  }
  return into;
}

/** Addresses in `mailto:` links under `root`. */
export function emailsInMailtoLinks(
  root: ParentNode,
  into: string[] = [],
  max: number = EMAIL_LIMITS.maxEmails,
): string[] {
  const links = root.querySelectorAll('a[href^="mailto:" i], area[href^="mailto:" i]');
  const count = Math.min(links.length, max * 4);
  for (let i = 0; i < count && into.length < max; i++) {
    const href = links[i]?.getAttribute('href');
    // "Email this page" widgets: the recipient is a template (or empty), never the site's contact.
    if (isShareMailto(href)) continue;
    for (const email of emailsFromMailto(href)) {
      if (into.length < max && !into.includes(email)) into.push(email);
    }
  }
  return into;
}

/** Addresses hidden by Cloudflare Email Obfuscation under `root`. */
export function emailsInCloudflareLinks(
  root: ParentNode,
  into: string[] = [],
  max: number = EMAIL_LIMITS.maxEmails,
): string[] {
  const nodes = root.querySelectorAll('[data-cfemail], a[href*="/cdn-cgi/l/email-protection#"]');
  const count = Math.min(nodes.length, max * 4);
  for (let i = 0; i < count && into.length < max; i++) {
    const node = nodes[i];
    if (!node) continue;
    const href = node.getAttribute('href') ?? '';
    const hash = href.indexOf('#');
    const hex = node.getAttribute('data-cfemail') ?? (hash === -1 ? '' : href.slice(hash + 1));
    const email = normalizeEmail(decodeCfEmail(hex));
    if (email && !into.includes(email)) into.push(email);
  }
  return into;
}

/** Splits "Maria Lopez <maria@example.com>" into its name and address. */
export function parseNameAndEmail(text: string): { name?: string; email: string } | null {
  const match = /^\s*"?([^"<>@]{0,200}?)"?\s*<\s*([^<>\s]{3,254})\s*>\s*$/.exec(text.slice(0, 520));
  if (match) {
    const email = normalizeEmail(match[2]);
    if (!email) return null;
    const name = cleanText(match[1] ?? '', 200);
    return name ? { name, email } : { email };
  }
  const email = normalizeEmail(text);
  return email ? { email } : null;
}

/** Collapses whitespace and clips to `max` characters (schema limits). */
export function cleanText(value: string | null | undefined, max: number): string {
  if (!value) return '';
  const collapsed = value
    .slice(0, max * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return collapsed.length > max ? collapsed.slice(0, max).trimEnd() : collapsed;
}
