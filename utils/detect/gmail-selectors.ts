// Every Gmail selector in one place. Anchors are ARIA roles and data attributes that survived every
// Gmail redesign since 2014; obfuscated class names are only hints. Each one is exercised by the
// fixtures in tests/fixtures/gmail-*.html (see tests/unit/detect/gmail-selectors.test.ts).

export const gmailSelectors = {
  /** The main pane (list, thread, or both in split-pane mode). Replaced on some navigations. */
  main: '[role="main"]',
  /** The open thread's identity: new-style `thread-f:…`, then legacy hex id on the subject. */
  threadId: '[data-thread-perm-id], [data-legacy-thread-id]',
  /** Subject of the open thread (several `.hP` may exist; the first with text wins). */
  subject: 'h2.hP, .ha h2, h2[data-thread-perm-id], h2[data-legacy-thread-id]',
  /** Messages of the open thread, expanded (`.h7`) or collapsed (`.kv`). */
  message: '[data-message-id], [data-legacy-message-id], div.adn',
  /** The sender inside one message (2014 → today: `.gD`; InboxSDK: `td.gF`, `h3.iw`). */
  sender:
    '.gD[email], .gD[data-hovercard-id], td.gF [email], h3.iw [email], h3 [email], h3 [data-hovercard-id]',
  /** Recipients shown in a message header (`.hb` "to …" line, `.g2` chips). */
  recipient: '.hb [email], .hb [data-hovercard-id], .g2[email], .g2[data-hovercard-id]',
  /** The "show details" table with full To/Cc/Bcc (only present once opened). */
  detailsRecipient: '.ajC [email], .ajC [data-hovercard-id]',
  /** Any person chip with a stable address attribute. */
  person: '[email], [data-hovercard-id]',
  /** Message bodies (quoted text and signatures; never a source of "people involved"). */
  body: '.a3s, .ii.gt, [data-message-body]',
  /** The Google account button: aria-label "Google Account: Name (me@example.com)". */
  account:
    'a[href*="accounts.google.com/SignOutOptions"][aria-label*="@"], a[aria-label^="Google Account" i][aria-label*="@"], [data-ogsr-up] [aria-label*="@"]',
} as const;

export type GmailSelectorName = keyof typeof gmailSelectors;
