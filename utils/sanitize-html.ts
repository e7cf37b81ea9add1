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

/** Returns HTML that contains no script, no event handlers, no javascript: URLs and no forms. */
export function sanitizeHtml(
  dirty: string | null | undefined,
  options: SanitizeOptions = {},
): string {
  if (!dirty) return '';
  allowImagesForThisCall = options.allowRemoteImages === true;
  try {
    return getPurifier().sanitize(dirty, CONFIG);
  } finally {
    allowImagesForThisCall = false;
  }
}

/** Whether the HTML references remote images (so the UI can offer "Show images"). */
export function hasRemoteImages(dirty: string | null | undefined): boolean {
  return !!dirty && /<img\b[^>]*\bsrc\s*=\s*["']?\s*https?:/i.test(dirty);
}
