// Sanitizes HTML from Close (note_html, email body_html) so it can be shown without running anything.
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

export interface SanitizeOptions {
  /** Remote images are tracking pixels as often as not; they are dropped unless allowed. */
  allowRemoteImages?: boolean;
}

const FORBID_TAGS = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'meta',
  'noscript',
  'template',
  'svg',
  'math',
  // Top-layer and form parts: a `<dialog open>` draws over the whole panel ("Session expired —
  // sign in again"), form controls invite typing a password into an email.
  'dialog',
  'fieldset',
  'legend',
  'label',
  'output',
  'datalist',
  'option',
  'optgroup',
  'keygen',
  'selectedcontent',
  'portal',
  'fencedframe',
];
// `style` could overlay the panel's own UI (position: fixed); ids, names and classes could collide
// with ours (and clobber globals); the rest can download files, open top-layer popovers or dialogs
// from a click, steal keyboard shortcuts or make text editable.
const FORBID_ATTR = [
  'style',
  'class',
  'id',
  'name',
  'srcset',
  'action',
  'formaction',
  'form',
  'formtarget',
  'ping',
  'download',
  'popover',
  'popovertarget',
  'popovertargetaction',
  'command',
  'commandfor',
  'interestfor',
  'accesskey',
  'autofocus',
  'contenteditable',
  'tabindex',
  'is',
];
const SAFE_URL = /^(?:https?:|mailto:|tel:|#)/i;
const REMOTE_URL = /^https?:/i;
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);/i;

let purifier: DOMPurify | null = null;
/** Set by `scrub` while it walks the parsed tree: the body references a remote image. */
let remoteImageSeen = false;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      if (href !== null && !SAFE_URL.test(href.trim())) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (node.nodeName === 'IMG') {
      const src = (node.getAttribute('src') ?? '').trim();
      // Remote sources stay for `scrub`, which notes them (the "Show images" offer) and drops
      // them unless allowed.
      if (!(INLINE_IMAGE.test(src) || REMOTE_URL.test(src))) node.removeAttribute('src');
      node.setAttribute('referrerpolicy', 'no-referrer');
      node.setAttribute('loading', 'lazy');
    }
  });
  purifier = instance;
  return instance;
}

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ADD_ATTR: ['target'],
  WHOLE_DOCUMENT: false,
};

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'background', 'poster', 'cite', 'data'];

function allowedUrl(el: Element, attr: string, url: string, allowRemoteImages: boolean): boolean {
  if (el.tagName === 'A' && attr === 'href') return SAFE_URL.test(url);
  if (el.tagName === 'IMG' && attr === 'src') {
    return INLINE_IMAGE.test(url) || (allowRemoteImages && REMOTE_URL.test(url));
  }
  return false;
}

/**
 * A second, independent pass over DOMPurify's output: removes anything forbidden that slipped
 * through (a DOM implementation quirk, a DOMPurify regression), so one bug is not enough to run
 * script. Test DOMs such as happy-dom rely on it entirely.
 */
function scrub(html: string, allowRemoteImages: boolean): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  for (const el of Array.from(root.querySelectorAll(FORBID_TAGS.join(',')))) el.remove();
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      el.remove();
      continue;
    }
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || FORBID_ATTR.includes(lower) || lower.includes(':')) {
        el.removeAttribute(name);
      } else if (URL_ATTRS.includes(lower)) {
        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
        const url = Array.from(el.getAttribute(name) ?? '')
          .filter((c) => c.charCodeAt(0) > 0x20)
          .join('');
        if (el.tagName === 'IMG' && lower === 'src' && REMOTE_URL.test(url)) remoteImageSeen = true;
        if (!allowedUrl(el, lower, url, allowRemoteImages)) el.removeAttribute(name);
      }
    }
    if (el.tagName === 'A') {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
  }
  return template.innerHTML;
}

export interface SanitizedHtml {
  html: string;
  /** Whether the body references remote images (so the UI can offer "Show images"). */
  hasRemoteImages: boolean;
}

/**
 * Bodies larger than this are shown as text until the user asks for the formatted version:
 * sanitizing and laying out megabytes of HTML would hold up the whole panel.
 */
export const FORMATTED_BODY_LIMIT = 200 * 1024;

/** Sanitizes, and tells whether remote images were found from the parsed tree (no regex over HTML). */
export function sanitizeHtmlWithInfo(
  dirty: string | null | undefined,
  options: SanitizeOptions = {},
): SanitizedHtml {
  if (!dirty) return { html: '', hasRemoteImages: false };
  const purify = getPurifier();
  // DOMPurify hands back its input untouched where it cannot work: show it as text instead.
  if (!purify.isSupported) return { html: escapeText(dirty), hasRemoteImages: false };
  const allowRemoteImages = options.allowRemoteImages === true;
  remoteImageSeen = false;
  try {
    const html = scrub(purify.sanitize(dirty, CONFIG), allowRemoteImages);
    return { html, hasRemoteImages: remoteImageSeen };
  } finally {
    remoteImageSeen = false;
  }
}

/** Returns HTML that contains no script, no event handlers, no javascript: URLs and no forms. */
export function sanitizeHtml(
  dirty: string | null | undefined,
  options: SanitizeOptions = {},
): string {
  return sanitizeHtmlWithInfo(dirty, options).html;
}

// Email bodies are re-rendered often (the panel refreshes, images toggled back): one sanitize per
// body and setting. Keyed by the body itself; a few entries are enough for the emails on screen.
const MEMO_ENTRIES = 16;
const memo = new Map<string, SanitizedHtml>();

/** `sanitizeHtmlWithInfo`, memoized per body and image setting. */
export function sanitizeEmailBody(
  dirty: string | null | undefined,
  options: SanitizeOptions = {},
): SanitizedHtml {
  if (!dirty) return { html: '', hasRemoteImages: false };
  const key = `${options.allowRemoteImages === true ? 1 : 0}${dirty}`;
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const result = sanitizeHtmlWithInfo(dirty, options);
  memo.set(key, result);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  return result;
}

/** Whether the HTML references remote images (so the UI can offer "Show images"). */
export function hasRemoteImages(dirty: string | null | undefined): boolean {
  return sanitizeEmailBody(dirty).hasRemoteImages;
}

/**
 * The text of an HTML body, for bodies too large to format: parsed inert by DOMParser (linear,
 * runs and loads nothing), block ends turned into line breaks.
 */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of Array.from(doc.querySelectorAll('script,style,template,noscript'))) el.remove();
  for (const el of Array.from(doc.querySelectorAll('br'))) el.replaceWith('\n');
  for (const el of Array.from(doc.querySelectorAll('p,div,li,tr,h1,h2,h3,h4,h5,h6,blockquote'))) {
    el.append('\n');
  }
  return (doc.body?.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

/** What a plain-text note becomes in Close's HTML: paragraphs and line breaks. */
const PLAIN_NOTE_TAGS = new Set(['P', 'BR', 'DIV']);

/**
 * Whether a note's HTML carries formatting beyond plain paragraphs (bold, lists, links, headings,
 * styles…), which editing it as plain text would erase. Parsed inert (a template runs nothing and
 * loads nothing); unparseable input counts as formatted, the safe answer.
 */
export function hasRichFormatting(html: string | null | undefined): boolean {
  if (!html) return false;
  try {
    const template = document.createElement('template');
    template.innerHTML = html;
    return Array.from(template.content.querySelectorAll('*')).some(
      (el) => !PLAIN_NOTE_TAGS.has(el.tagName.toUpperCase()) || el.hasAttribute('style'),
    );
  } catch {
    return true;
  }
}
