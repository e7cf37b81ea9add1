// Turns a URL from Close or a page into an http(s) link target, or null: nothing else goes in an href.

/** "acme.com" → "https://acme.com/"; javascript:, data: and unparseable input → null. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.includes('://') ? url : `https://${url}`);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * What a link to `href` (from `safeHttpUrl`) shows: the host it really opens (punycode for a
 * look-alike, no `user@` part that could pose as the host) and the path; query and fragment left out.
 */
export function linkText(href: string): string {
  try {
    const parsed = new URL(href);
    const path = parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, '');
    return `${parsed.host}${path}`;
  } catch {
    return href;
  }
}

/** A `mailto:` link for one address: every part encoded, so `?cc=…&body=…` cannot ride along. */
export function mailtoHref(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return `mailto:${encodeURIComponent(email)}`;
  return `mailto:${encodeURIComponent(email.slice(0, at))}@${encodeURIComponent(email.slice(at + 1))}`;
}

/** A `tel:` link: digits and a leading plus only (RFC 3966 global number), the rest dropped. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${encodeURIComponent(digits)}`;
}
