// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '@/tests/unit/detect/fixture';
import { expectValidSnapshot } from '@/tests/unit/detect/snapshot-check';
import { isOutlookUrl, outlookOwnEmails, readOutlook } from '@/utils/detect/outlook';

describe('readOutlook: outlook.office.com reading pane', () => {
  const { doc, url } = loadFixture('outlook-reading-pane.html');

  it('reads From, To and Cc from mailto:, title/aria-label and "Name <address>" text', () => {
    const snapshot = readOutlook(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.source).toBe('outlook');
    expect(snapshot?.title).toBe('Renewal quote for 2027');
    expect(snapshot?.people).toEqual(
      expect.arrayContaining([
        { email: 'maria.lopez@example.com', name: 'Maria Lopez', role: 'from' },
        { email: 'sam.reed@example.net', name: 'Sam Reed', role: 'to' },
        { email: 'ops@example.org', role: 'to' },
        { email: 'legal@example.org', name: 'Legal Team', role: 'cc' },
      ]),
    );
    expect(snapshot?.people).toHaveLength(4);
  });

  it('leaves out the user, the message body and the message list', () => {
    const snapshot = readOutlook(doc, url);
    const emails = snapshot?.people.map((person) => person.email);
    expect(snapshot?.ownEmails).toEqual(['me@contoso.example']);
    expect(emails).not.toContain('me@contoso.example');
    expect(emails).not.toContain('quoted@example.org');
    expect(emails).not.toContain('digest@example.com');
  });
});

describe('readOutlook: outlook.live.com reading pane', () => {
  const { doc, url } = loadFixture('outlook-live-reading-pane.html');

  it('reads persona attributes when the pane shows no address text', () => {
    const snapshot = readOutlook(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.title).toBe('Angebot Q3');
    expect(snapshot?.people).toEqual([
      { email: 'jonas@example.de', name: 'Jonas Weber', role: 'from' },
      { email: 'anna@example.at', name: 'Anna Gruber', role: 'to' },
    ]);
    expect(outlookOwnEmails(doc)).toEqual(['me@outlook.example']);
  });
});

describe('readOutlook: nothing open', () => {
  it('returns null without a reading pane or with an empty one', () => {
    const url = new URL('https://outlook.office.com/mail/inbox');
    expect(
      readOutlook(parseHtml('<div role="main"><div role="listbox"></div></div>'), url),
    ).toBeNull();
    expect(
      readOutlook(
        parseHtml('<div id="ReadingPaneContainerId"><p>Select an item to read</p></div>'),
        url,
      ),
    ).toBeNull();
  });

  it('recognises the Outlook hosts', () => {
    expect(isOutlookUrl(new URL('https://outlook.office.com/mail/'))).toBe(true);
    expect(isOutlookUrl(new URL('https://outlook.live.com/mail/0/'))).toBe(true);
    expect(isOutlookUrl(new URL('https://outlook.example.com/'))).toBe(false);
  });
});
