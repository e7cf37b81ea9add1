// A Gmail thread page in Gmail's 2024 markup (see tests/fixtures/gmail-2024-thread.html), served as
// https://mail.google.com with Gmail's Trusted Types policy so a content script that assigns HTML
// strings would break here as it does in Gmail.
import type { SitePage } from '@/tests/e2e/support/sites';

export interface GmailPerson {
  name: string;
  email: string;
}
export interface GmailThread {
  subject: string;
  from: GmailPerson;
  to: GmailPerson[];
  cc?: GmailPerson[];
  /**
   * Earlier messages shown collapsed, oldest first, in the markup of
   * tests/fixtures/real-shapes/gmail/collapsed-adf-no-id.html: `div.kv > … div.adf.ads` without
   * data-message-id, each with an avatar `img.ajn` whose `name` is an element id (":o6").
   */
  collapsed?: GmailPerson[];
  /** Give the expanded message's sender an avatar `img[name=":o6"]` before the chip, as Gmail does. */
  avatars?: boolean;
}

export const GMAIL_HEADERS = {
  'content-security-policy': "require-trusted-types-for 'script'; trusted-types e2e",
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function person(p: GmailPerson, cls: string): string {
  return `<span translate="no" class="${cls}" email="${escapeHtml(p.email)}" name="${escapeHtml(p.name)}" data-hovercard-id="${escapeHtml(p.email)}">${escapeHtml(p.name)}</span>`;
}

/** Gmail's sender avatar: the address in jid/data-hovercard-id, an element id in `name`. */
function avatar(p: GmailPerson, index: number): string {
  return `<div class="aju"><div class="aCi"><img id=":o${index}_5-c" name=":o${index}" class="ajn" src="data:," jid="${escapeHtml(p.email)}" data-hovercard-id="${escapeHtml(p.email)}" aria-hidden="true"></div></div>`;
}

function collapsedMessage(p: GmailPerson, index: number): string {
  return `<div class="kv" role="listitem"><div class="Bk"><div class="G3 G2"><div><div id=":c${index}"><div class="adf ads">
    ${avatar(p, index)}
    <div class="gs gt"><div class="gE hI"><table cellpadding="0" role="presentation" class="cf gJ"><tbody><tr>
      <td class="gF gK"><span email="${escapeHtml(p.email)}" data-hovercard-id="${escapeHtml(p.email)}" name="${escapeHtml(p.name)}" class="gD" role="gridcell">${escapeHtml(p.name)}</span></td>
      <td class="gF gK"><div class="iA g6">Earlier message from ${escapeHtml(p.name)}</div></td>
    </tr></tbody></table></div></div>
  </div></div></div></div></div></div>`;
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
  const collapsed = (thread.collapsed ?? []).map((p, i) => collapsedMessage(p, i + 10)).join('');
  return `<div class="nH a98 iY">
    <div class="nH"><div class="ha"><h2 class="hP" data-thread-perm-id="${threadId(thread.subject)}">${escapeHtml(thread.subject)}</h2></div></div>
    <div class="Bu bAn"><div class="nH if" role="list">${collapsed}
      <div class="h7 ie nH oy8Mbf" role="listitem" aria-expanded="true">
        <div class="adn ads" data-message-id="#msg-f:1" data-legacy-message-id="1">${thread.avatars ? avatar(thread.from, 6) : ''}
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
