// Whether a Gmail URL names an open thread (its hash ends in a thread id), read from the URL alone.

/** New-style ids ("FMfcgz…", 32 characters) and legacy 16-hex ids; list views end in a name. */
const THREAD_ID = /^[A-Za-z0-9_-]{16,}$/;

/** "#inbox/FMfcgz…", "#label/Work/FMfcgz…", "#search/q/16a2…" name a thread; "#inbox" does not. */
export function gmailUrlShowsThread(url: URL): boolean {
  const segments = url.hash.replace(/^#/, '').split('/');
  if (segments.length < 2) return false;
  return THREAD_ID.test(segments.at(-1) ?? '');
}
