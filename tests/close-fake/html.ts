// Rich-text helpers for notes: `<body>` wrapping and html ↔ plain text (docs/close-api.md, D-RICH).

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Plain note → `<body><p>line</p>…</body>`. */
export function textToNoteHtml(text: string): string {
  if (text === '') return '';
  const paragraphs = text.split(/\n/).map((line) => `<p>${line ? escapeHtml(line) : '<br>'}</p>`);
  return `<body>${paragraphs.join('')}</body>`;
}

/** Rich notes must be wrapped in `<body>…</body>`; the fake wraps what a client forgot to. */
export function wrapBody(html: string): string {
  if (html.trim() === '') return '';
  return /^\s*<body[\s>]/i.test(html) ? html : `<body>${html}</body>`;
}

/** Regenerates the plain text of a rich note: block ends become newlines, tags go, entities decode. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|blockquote)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
