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

/**
 * Gmail's compose windows (new message pop-up, full screen, inline reply). Read by
 * utils/detect/gmail-compose.ts; each one is exercised by tests/fixtures/gmail-compose-*.html
 * (tests/unit/detect/gmail-compose.test.ts). Structure from InboxSDK's compose page parser
 * (`gmail-compose-view/page-parser.ts`: `table.GS tr.bzf`, `div.anm[name=to|cc|bcc]` →
 * `[role=listbox]` → `div[role=option][data-name]` since the 2021 compose update; before it,
 * `textarea.vO[name=to]` rows with `.vR` chips holding a hidden `input[name=to]`) and gmail.js
 * (`.vR .vN[email]`).
 */
export const gmailComposeSelectors = {
  /**
   * A recipient chip: since 2021 `div[role=option][data-hovercard-id][data-name]`; before it a
   * `.vR` chip whose `span.vN` carries `email=` and whose hidden input holds "Name <address>".
   */
  chip: '[role="option"][data-hovercard-id], .vR [email], .vR > input[type="hidden"][name]',
  /** A named recipient field (2021+ `div.anm[name=cc]`; classic `textarea.vO[name=cc]`). */
  field: '[name="to"], [name="cc"], [name="bcc"]',
  /** The classic row's own field, found from a chip's row (`tr.bzf` … `textarea.vO[name=cc]`). */
  rowField: 'textarea[name], input[name="to"], input[name="cc"], input[name="bcc"]',
  /**
   * Where recipient chips sit: the recipients table, a named field, a field labelled "… recipients"
   * (`div[aria-label="To recipients"]`), or the compose form. A chip anywhere else (a suggestion
   * list, a thread header) is not a recipient.
   */
  recipients: '.GS, [name="to"], [name="cc"], [name="bcc"], [aria-label*="recipient" i], form.bAs',
  /** Never recipients: message bodies and the text the user is writing. */
  notRecipients: '.a3s, .ii.gt, [contenteditable="true"], [role="textbox"]',
  /**
   * Where compose windows open outside `[role=main]`: the bottom dock (`.dw`, InboxSDK
   * `getComposeWindowContainer`: `.dw .nH > .nH > .no`) and the full-screen layer (`.aSs .aSt`).
   * Inline replies are inside `[role=main]`, which is watched anyway.
   */
  containers: '.dw, .aSs',
} as const;
