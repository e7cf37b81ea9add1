// Gmail compose windows for E2E: the bottom dock new-message windows open in, a new-message window
// and an inline reply, with recipient chips in Gmail's 2021+ markup (the structure of
// tests/fixtures/gmail-compose-2021-popup.html and gmail-compose-2024-inline-reply.html), and a
// helper that adds a chip the way Gmail does once the user picks an address.
import type { Page } from 'playwright-core';
import {
  GMAIL_HEADERS,
  type GmailPerson,
  type GmailThread,
  gmailThreadMain,
} from '@/tests/e2e/support/gmail-page';
import type { SitePage } from '@/tests/e2e/support/sites';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export type ComposeFieldName = 'to' | 'cc';

function chip(p: GmailPerson): string {
  return `<div role="option" class="afV" data-hovercard-id="${escapeHtml(p.email)}" data-name="${escapeHtml(p.name)}"><div class="afW"><div class="akl">${escapeHtml(p.name)}</div></div></div>`;
}

function field(name: ComposeFieldName, people: GmailPerson[], inline: boolean): string {
  const label = name === 'to' ? 'To recipients' : 'CC recipients';
  return `<tr class="bzf"><td class="eV"><div class="aH9"><div class="anm" name="${name}">${inline ? '<div class="aUy">' : ''}<div class="afx">
    <div role="listbox" aria-label="${label}" class="agb">${people.map(chip).join('')}</div>
    <input class="agP aFw" role="combobox" aria-label="${label}" value="">
  </div>${inline ? '</div>' : ''}</div></div></td></tr>`;
}

function form(
  recipients: Partial<Record<ComposeFieldName, GmailPerson[]>>,
  inline: boolean,
): string {
  return `<form class="bAs" method="POST"><div class="fX aiL"><table class="GS"><tbody class="bze">
    ${field('to', recipients.to ?? [], inline)}${field('cc', recipients.cc ?? [], inline)}
  </tbody></table></div>
  <div class="Am aiL" aria-label="Message Body" role="textbox" contenteditable="true"></div></form>`;
}

/** A new-message window as Gmail puts it into the dock's `.no` column. */
export function composeWindowHtml(
  recipients: Partial<Record<ComposeFieldName, GmailPerson[]>> = {},
): string {
  return `<div class="nH nn"><div class="nH Hd" role="dialog" aria-label="New Message">
    <div class="nH"><div class="aaZ"><div class="M9"><div class="aoI" role="region" aria-label="New Message">${form(recipients, false)}</div></div></div></div>
  </div></div>`;
}

/** An inline reply as Gmail puts it below the thread's last message. */
export function inlineReplyHtml(
  recipients: Partial<Record<ComposeFieldName, GmailPerson[]>>,
): string {
  return `<div class="ip iq"><div class="nH"><div class="M9"><div class="aoI" role="region" aria-label="Reply">${form(recipients, true)}</div></div></div></div>`;
}

const DOCK =
  '<div class="dw"><div><div class="nH"><div class="nH"><div class="no"></div></div></div></div></div>';

/** Gmail with the compose dock (empty) and a thread open, or the inbox list. */
export function gmailPageWithDock(thread: GmailThread | null, me: GmailPerson): SitePage {
  const main = thread
    ? gmailThreadMain(thread, me)
    : '<div class="nH"><div role="grid">Inbox</div></div>';
  return {
    headers: GMAIL_HEADERS,
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(thread?.subject ?? 'Inbox')} - ${escapeHtml(me.email)} - Gmail</title></head>
<body>
<div class="gb_Fd"><a class="gb_B gb_Za" aria-label="Google Account: ${escapeHtml(me.name)} (${escapeHtml(me.email)})" href="#" role="button"></a></div>
<div class="nH bkK"><div class="nH" role="main">${main}</div></div>
${DOCK}
</body></html>`,
  };
}

/**
 * Inserts HTML the way Gmail's own code does (through the page's Trusted Types policy): into the
 * dock's column (`where: 'dock'`) or after the thread's messages (`where: 'thread'`).
 */
export async function insertCompose(page: Page, where: 'dock' | 'thread', html: string) {
  await page.evaluate(
    ({ where: target, html: markup }) => {
      // The page's CSP allows one policy named "e2e" (no duplicates): create it once per page.
      const w = window as unknown as {
        trustedTypes: {
          createPolicy: (n: string, p: object) => { createHTML: (s: string) => string };
        };
        e2ePolicy?: { createHTML: (s: string) => string };
      };
      w.e2ePolicy ??= w.trustedTypes.createPolicy('e2e', { createHTML: (s: string) => s });
      const policy = w.e2ePolicy;
      const parent =
        target === 'dock'
          ? document.querySelector('.dw .no')
          : document.querySelector('[role=main] [role=list]');
      const template = document.createElement('template');
      template.innerHTML = policy.createHTML(markup) as unknown as string;
      parent?.append(template.content);
    },
    { where, html },
  );
}

/** Adds a recipient chip to the last compose window's field; resolves with the page's clock then. */
export async function addChip(
  page: Page,
  name: ComposeFieldName,
  person: GmailPerson,
): Promise<number> {
  return page.evaluate(
    ({ field: fieldName, person: p }) => {
      const listboxes = document.querySelectorAll(`.anm[name="${fieldName}"] [role=listbox]`);
      const listbox = listboxes[listboxes.length - 1];
      const option = document.createElement('div');
      option.setAttribute('role', 'option');
      option.className = 'afV';
      option.setAttribute('data-hovercard-id', p.email);
      option.setAttribute('data-name', p.name);
      option.textContent = p.name;
      const at = Date.now();
      listbox?.append(option);
      return at;
    },
    { field: name, person },
  );
}
