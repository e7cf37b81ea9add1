// Every Gmail selector in one place. Anchors are ARIA roles and data attributes that survived every
// Gmail redesign since 2014; obfuscated class names are only hints. Each one is exercised by the
// fixtures in tests/fixtures/gmail-*.html (see tests/unit/detect/selectors.test.ts).

/**
 * A message, expanded (`div.adn`) or collapsed. Collapsed messages are a `div.adf` inside a
 * `[role=listitem].kv` and, in several generations, carry no data-message-id at all.
 */
const message =
  '[data-message-id], [data-legacy-message-id], div.adn, div.adf, [role="listitem"].kv';
/** Message bodies (and a collapsed message's snippet `.iA.g6`): never a source of people. */
const body = '.a3s, .ii.gt, [data-message-body], .iA.g6';
/** The "show details" table with full To/Cc/Bcc (present once opened; rows labelled "cc:" …). */
const detailsTable = '.ajC';
/** The header's "to …" line (mixes To and Cc). */
const recipientLine = '.hb';
/** Where the sender sits (2014 → today: `h3.iw` inside `td.gF`; InboxSDK uses both). */
const senderBox = 'h3, td.gF';

export const gmailSelectors = {
  /** The main pane (list, thread, or both in split-pane mode). Replaced on some navigations. */
  main: '[role="main"]',
  /** The open thread's identity: new-style `thread-f:…`, then legacy hex id on the subject. */
  threadId: '[data-thread-perm-id], h2[data-legacy-thread-id]',
  /** Subject of the open thread (several `.hP` may exist; the first with text wins). */
  subject: 'h2.hP, .ha h2, h2[data-thread-perm-id], h2[data-legacy-thread-id]',
  /** Messages of the open thread, expanded (`.h7`) or collapsed (`.kv`). */
  message,
  /** A message's own id (expanded messages always have one; collapsed ones may not). */
  messageId: '[data-message-id], [data-legacy-message-id]',
  /**
   * A sender avatar: `<img class="ajn" name=":62" jid="…" data-hovercard-id="…" data-name="…">`.
   * Its `name` is an element id, never a person's name.
   */
  avatar: 'img[data-hovercard-id], img[jid], .ajn',
  /** Any person chip with a stable address attribute. */
  person: '[email], [data-hovercard-id]',
  /** A chip that is the sender by its own class (`span.gD`, unchanged since 2014). */
  senderChip: '.gD',
  /** A chip that is a recipient by its own class (`span.g2`). */
  recipientChip: '.g2',
  senderBox,
  recipientLine,
  detailsTable,
  body,
  /**
   * The nearest of these above a chip says what the chip is; one `closest()` per chip instead of a
   * query per role keeps a 200-address thread well under 2 ms.
   */
  chipContext: [body, detailsTable, recipientLine, senderBox, message].join(', '),
  /** The Google account button: aria-label "Google Account: Name (me@example.com)". */
  account:
    'a[href*="accounts.google.com/SignOutOptions"][aria-label*="@"], a[aria-label^="Google Account" i][aria-label*="@"], [data-ogsr-up] [aria-label*="@"]',
} as const;

export type GmailSelectorName = keyof typeof gmailSelectors;
