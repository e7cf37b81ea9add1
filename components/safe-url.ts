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
