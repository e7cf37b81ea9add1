// Text matching used by both search flavours: Close's text modes, and domain matching for urls/emails.

/** Lower-cased alphanumeric words: `Peter@Initech.com` → ["peter", "initech", "com"]. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Lower-cased tokens of a standard (Unicode UAX #29-like) tokenizer: letters and digits joined by a
 * single `.` or `'` stay one token, anything else splits. `http://www.Acme.com/` → ["http",
 * "www.acme.com"]; `jo@acme.com` → ["jo", "acme.com"]; `acme-corp.com` → ["acme", "corp.com"].
 */
export function standardTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+(?:[.'][\p{L}\p{N}_]+)*/gu) ?? [];
}

export type Tokenizer = 'standard' | 'lenient';

export type TextMode = 'full_words' | 'phrase' | 'exact_value' | 'beginning_of_words' | 'contains';

export const TEXT_MODES: readonly TextMode[] = [
  'full_words',
  'phrase',
  'exact_value',
  'beginning_of_words',
  'contains',
];

/**
 * - `exact_value`: the whole value equals the query (case-insensitive, trimmed).
 * - `full_words`: every query word is a word of the value.
 * - `phrase`: the query words appear consecutively, in order.
 * - `beginning_of_words`: every query word starts some word of the value.
 * - `contains`: plain substring (not seen in Close's docs; kept for convenience).
 */
export function textMatches(
  mode: TextMode,
  value: string,
  query: string,
  options: { tokenizer?: Tokenizer; exactCaseSensitive?: boolean } = {},
): boolean {
  if (mode === 'exact_value' && options.exactCaseSensitive) return value.trim() === query.trim();
  const v = value.trim().toLowerCase();
  const q = query.trim().toLowerCase();
  if (mode === 'exact_value') return v === q;
  if (mode === 'contains') return q !== '' && v.includes(q);
  const split = options.tokenizer === 'standard' ? standardTokens : words;
  const vw = split(v);
  const qw = split(q);
  if (qw.length === 0) return false;
  if (mode === 'full_words') return qw.every((w) => vw.includes(w));
  if (mode === 'beginning_of_words') return qw.every((w) => vw.some((x) => x.startsWith(w)));
  for (let i = 0; i + qw.length <= vw.length; i++) {
    if (qw.every((w, j) => vw[i + j] === w)) return true;
  }
  return false;
}

/** `acme.com`, `www.acme.com`, `https://acme.com/about` → `acme.com`; null when it is not a domain. */
export function domainOf(text: string): string | null {
  let t = text.trim().toLowerCase();
  if (!t || /\s/.test(t)) return null;
  if (t.includes('@') && !t.includes('/')) t = t.slice(t.lastIndexOf('@') + 1);
  t = t.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  t = t.split(/[/?#]/)[0] ?? '';
  t = t
    .replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(t) ? t : null;
}

/** A lead url matches a domain when its host equals it or is a subdomain of it (lenient mode only). */
export function urlMatchesDomain(url: string | null, domain: string): boolean {
  if (!url) return false;
  const host = domainOf(url);
  const d = domainOf(domain);
  if (!host || !d) return false;
  return host === d || host.endsWith(`.${d}`);
}

/** An email matches a domain when it ends with `@domain` (lenient mode only), subdomains included. */
export function emailMatchesDomain(email: string, domain: string): boolean {
  const d = domainOf(domain);
  if (!d || domain.includes('@')) return false;
  const at = email.toLowerCase().trim();
  const host = at.slice(at.lastIndexOf('@') + 1);
  return at.includes('@') && (host === d || host.endsWith(`.${d}`));
}
