// A Gmail thread page in Gmail's 2024 markup (see tests/fixtures/gmail-2024-thread.html), served as
// https://mail.google.com with Gmail's Trusted Types policy so a content script that assigns HTML
// strings would break here as it does in Gmail.
import type { SitePage } from './sites';

export interface GmailPerson {
  name: string;
  email: string;
}
export interface GmailThread {
  subject: string;
  from: GmailPerson;
  to: GmailPerson[];
  cc?: GmailPerson[];
}

export const GMAIL_HEADERS = {
  'content-security-policy': "require-trusted-types-for 'script'; trusted-types e2e",
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function person(p: GmailPerson, cls: string): string {
  return `<span translate="no" class="${cls}" email="${escapeHtml(p.email)}" name="${escapeHtml(p.name)}" data-hovercard-id="${escapeHtml(p.email)}">${escapeHtml(p.name)}</span>`;
}

/** A stable thread id per subject, like Gmail's `thread-f:<decimal>` on the subject heading. */
function threadId(subject: string): string {
  let hash = 7;
  for (const char of subject) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return `thread-f:${hash}`;
}

/** The inner HTML of `[role=main]` for one open thread. */
export function gmailThreadMain(thread: GmailThread, me: GmailPerson): string {
  const recipients = [me, ...thread.to].map((p) => person(p, 'g2')).join(', ');
  const cc = (thread.cc ?? []).map((p) => person(p, 'g2')).join(', ');
  return `<div class="nH a98 iY">
    <div class="nH"><div class="ha"><h2 class="hP" data-thread-perm-id="${threadId(thread.subject)}">${escapeHtml(thread.subject)}</h2></div></div>
    <div class="Bu bAn"><div class="nH if" role="list">
      <div class="h7 ie nH oy8Mbf" role="listitem" aria-expanded="true">
        <div class="adn ads" data-message-id="#msg-f:1" data-legacy-message-id="1">
          <table class="cf gJ"><tbody><tr><td class="gF gK"><h3 class="iw"><span class="qu">${person(thread.from, 'gD')}</span></h3></td></tr>
          <tr><td><div class="iw ajw"><span class="hb">to ${recipients}${cc ? `, cc ${cc}` : ''}</span></div></td></tr></tbody></table>
          <div class="ii gt"><div class="a3s aiL">Hello from ${escapeHtml(thread.from.name)}.</div></div>
        </div>
      </div>
    </div></div>
  </div>`;
}

export function gmailPage(thread: GmailThread | null, me: GmailPerson): SitePage {
  const main = thread
    ? gmailThreadMain(thread, me)
    : '<div class="nH"><div role="grid">Inbox</div></div>';
  return {
    headers: GMAIL_HEADERS,
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(thread?.subject ?? 'Inbox')} - ${escapeHtml(me.email)} - Gmail</title></head>
<body>
<div class="gb_Fd"><a class="gb_B gb_Za" aria-label="Google Account: ${escapeHtml(me.name)} (${escapeHtml(me.email)})" href="#" role="button"></a></div>
<div class="nH bkK"><div class="nH" role="main">${main}</div></div>
</body></html>`,
  };
}
