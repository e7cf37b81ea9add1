// @vitest-environment happy-dom
// The user's own address from an account button without "(address)", and one rule for the names
// the thread and the compose window show (issue 13: the Gmail content script shares them).
import { describe, expect, it } from 'vitest';
import { parseHtml } from '@/tests/unit/detect/fixture';
import { gmailOwnEmails } from '@/utils/detect/gmail';
import { readGmailCompose } from '@/utils/detect/gmail-compose';

const account = (label: string) =>
  parseHtml(
    `<title>Inbox</title><div data-ogsr-up=""><a aria-label="${label}" href="https://accounts.google.com/SignOutOptions">A</a></div>`,
  );

describe('the account button without "(address)"', () => {
  it('takes the whole addresses in the label, not the punctuation around them', () => {
    expect(gmailOwnEmails(account('Google Account: Ada Lovelace, Ada@Example.com.'))).toEqual([
      'ada@example.com',
    ]);
    expect(gmailOwnEmails(account('Google Account: ada@example.com; ops@example.org'))).toEqual([
      'ada@example.com',
      'ops@example.org',
    ]);
  });

  it('reads no address from words that only contain an @', () => {
    expect(gmailOwnEmails(account('Google Account: @ada a@b x@y@z.com logo@2x.png'))).toEqual([]);
  });
});

describe('compose recipients are named like thread chips', () => {
  const compose = (chips: string) =>
    parseHtml(`<form class="bAs"><div class="anm" name="to">${chips}</div></form>`);

  it('skips an element id and falls back to the chip text', () => {
    const doc = compose(
      '<div role="option" data-hovercard-id="ana@example.com" data-name=":k2">Ana Silva</div>',
    );
    expect(readGmailCompose(doc)).toEqual([
      { email: 'ana@example.com', name: 'Ana Silva', field: 'to' },
    ]);
  });

  it('never takes a word for "me" as the name of someone else', () => {
    const doc = compose(
      '<div role="option" data-hovercard-id="old.alias@example.com" data-name="ich"></div>',
    );
    expect(readGmailCompose(doc)).toEqual([{ email: 'old.alias@example.com', field: 'to' }]);
  });
});
