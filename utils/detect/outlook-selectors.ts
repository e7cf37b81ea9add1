// Every Outlook on the web selector in one place (outlook.office.com, outlook.office365.com,
// outlook.live.com). Outlook has no stable address attribute, so these are best-effort fallbacks,
// each matched against tests/fixtures/outlook-*.html.

export const outlookSelectors = {
  /** The reading pane (its id / data-app-section / ARIA region differ by tenant and version). */
  readingPane:
    '#ReadingPaneContainerId, [data-app-section="MailReadCompose"], [data-app-section^="MailReadingPaneContainer"], [data-automationid="ReadingPaneContainer"], [role="region"][aria-label*="Reading" i], [role="region"][aria-label*="message" i][aria-label*="read" i]',
  /** The subject line of the open conversation. */
  subject:
    '[role="heading"][aria-level="2"], [data-app-section="ConversationTopic"], [role="heading"]',
  /** Message bodies: quoted text and signatures are not "people involved". */
  body: '[aria-label="Message body" i], #UniqueMessageBody, [data-app-section="MessageBody"], .rps_1, [id^="UniqueMessageBody"]',
  /** Elements whose attributes may carry an address. */
  addressAttr:
    'a[href^="mailto:" i], [title*="@"], [aria-label*="@"], [data-email], [data-lpc-hover-target*="@"]',
  /** The signed-in account (Microsoft account manager). */
  account:
    '#mectrl_currentAccount_secondary, #O365_MainLink_Me[aria-label*="@"], #O365_MainLink_Me [aria-label*="@"], [data-automationid="MeControl"][aria-label*="@"]',
} as const;
