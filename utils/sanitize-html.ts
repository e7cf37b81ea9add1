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
];
// `style` could overlay the panel's own UI (position: fixed); ids and classes could collide with ours.
const FORBID_ATTR = ['style', 'class', 'id', 'srcset', 'action', 'formaction', 'ping'];
const SAFE_URL = /^(?:https?:|mailto:|tel:|#)/i;

let purifier: DOMPurify | null = null;
let allowImagesForThisCall = false;

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
      const src = node.getAttribute('src') ?? '';
      const remote = /^https?:/i.test(src.trim());
      const inline = /^data:image\/(?:png|gif|jpe?g|webp);/i.test(src.trim());
      if (!(inline || (remote && allowImagesForThisCall))) node.removeAttribute('src');
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
    return (
      /^data:image\/(?:png|gif|jpe?g|webp);/i.test(url) ||
      (allowRemoteImages && /^https?:/i.test(url))
    );
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

/** Returns HTML that contains no script, no event handlers, no javascript: URLs and no forms. */
export function sanitizeHtml(
  dirty: string | null | undefined,
  options: SanitizeOptions = {},
): string {
  if (!dirty) return '';
  const purify = getPurifier();
  // DOMPurify hands back its input untouched where it cannot work: show it as text instead.
  if (!purify.isSupported) return escapeText(dirty);
  const allowRemoteImages = options.allowRemoteImages === true;
  allowImagesForThisCall = allowRemoteImages;
  try {
    return scrub(purify.sanitize(dirty, CONFIG), allowRemoteImages);
  } finally {
    allowImagesForThisCall = false;
  }
}

/** Whether the HTML references remote images (so the UI can offer "Show images"). */
export function hasRemoteImages(dirty: string | null | undefined): boolean {
  return !!dirty && /<img\b[^>]*\bsrc\s*=\s*["']?\s*https?:/i.test(dirty);
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
