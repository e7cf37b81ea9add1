// Gmail end to end: the Gmail content script reports the open thread's people, the background
// finds their Close leads, and the panel and badge show them.
import { describe, expect, it } from 'vitest';
import { badgeOf, connectAccount, openPanelFor } from '@/tests/e2e/support/flows';
import { type GmailThread, gmailPage, gmailThreadMain } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const INITECH_THREAD: GmailThread = {
  subject: 'TPS reports',
  from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
  to: [{ name: 'Nobody Known', email: 'someone@unknown-co.example' }],
};
const UMBRELLA_THREAD: GmailThread = {
  subject: 'Containment',
  from: { name: 'Albert Wesker', email: 'albert.wesker@umbrella-corp.com' },
  to: [],
};

describe('Gmail', () => {
  const harness = useExtension();

  it("shows the sender's lead, contacts and opportunities when the thread opens", async () => {
    await connectAccount(harness());
    harness().sites.set('mail.google.com', gmailPage(INITECH_THREAD, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzTPS');

    const panel = await openPanelFor(harness(), gmail);
    const lead = panel.getByRole('article', { name: 'Initech' });
    await lead.waitFor();
    expect(await lead.textContent()).toContain('peter@initech.com');
    expect(await panel.getByText('Peter Gibbons').count()).toBeGreaterThan(0);
    expect(await panel.getByText('$12,000').count()).toBeGreaterThan(0);
    expect(await panel.getByText('Proposal Sent').count()).toBeGreaterThan(0);
    const open = lead.getByRole('link', { name: 'Open in Close' });
    expect(await open.getAttribute('href')).toContain('/lead/lead_initech');

    await expect.poll(() => badgeOf(harness(), gmail)).toBe('1');

    // One search for the whole thread, with the user's own address left out.
    const searches = harness().fake.requests.filter((r) => r.path === '/api/v1/data/search/');
    expect(searches.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(searches[0]?.body)).toContain('peter@initech.com');
    expect(JSON.stringify(harness().fake.requests.map((r) => r.body))).not.toContain(ME.email);
  });

  it('names every sender of a thread with avatar ids and collapsed messages', async () => {
    await connectAccount(harness());
    const thread: GmailThread = {
      subject: 'Pallet pricing',
      from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
      to: [],
      avatars: true,
      collapsed: [
        { name: 'Albert Wesker', email: 'albert.wesker@umbrella-corp.com' },
        { name: 'Milton Waddams', email: 'milton@initech.com' },
        { name: 'Samir Nagheenanajar', email: 'samir@initech.com' },
      ],
    };
    harness().sites.set('mail.google.com', gmailPage(thread, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzAVATAR');

    const panel = await openPanelFor(harness(), gmail);
    const people = panel.getByRole('list', { name: 'People' });
    await people.getByText('Albert Wesker <albert.wesker@umbrella-corp.com>').waitFor();
    await people.getByText('Milton Waddams <milton@initech.com>').waitFor();
    await people.getByText('Samir Nagheenanajar <samir@initech.com>').waitFor();
    await people.getByText('Peter Gibbons <peter@initech.com>').waitFor();
    const text = (await people.textContent()) ?? '';
    expect(text).not.toMatch(/:o\d/);
    expect(text).not.toContain(ME.email);
    // "Add as contact" is prefilled with the sender's name, not the avatar's element id.
    await people.getByRole('button', { name: 'Add Samir Nagheenanajar as contact' }).click();
    await expect.poll(() => panel.getByLabel('Name').inputValue()).toBe('Samir Nagheenanajar');
  });

  it('follows the user to another thread and clears the badge on the inbox list', async () => {
    await connectAccount(harness());
    harness().sites.set('mail.google.com', gmailPage(INITECH_THREAD, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzTPS');
    const panel = await openPanelFor(harness(), gmail);
    await panel.getByRole('article', { name: 'Initech' }).waitFor();

    // Gmail swaps the thread in place and changes the hash.
    await gmail.evaluate(
      (html) => {
        const policy = (
          window as unknown as {
            trustedTypes: {
              createPolicy: (n: string, p: object) => { createHTML: (s: string) => string };
            };
          }
        ).trustedTypes.createPolicy('e2e', { createHTML: (s: string) => s });
        location.hash = '#inbox/FMfcgzUMB';
        const main = document.querySelector('[role=main]') as HTMLElement;
        main.innerHTML = policy.createHTML(html) as unknown as string;
      },
      gmailThreadMain(UMBRELLA_THREAD, ME),
    );
    await panel.getByRole('article', { name: 'Umbrella Corp' }).waitFor();
    await expect.poll(() => panel.getByRole('article', { name: 'Initech' }).count()).toBe(0);
    await expect.poll(() => badgeOf(harness(), gmail)).toBe('1');

    await gmail.evaluate(() => {
      location.hash = '#inbox';
      const main = document.querySelector('[role=main]') as HTMLElement;
      main.replaceChildren(
        Object.assign(document.createElement('div'), { role: 'grid', textContent: 'Inbox' }),
      );
    });
    await expect.poll(() => badgeOf(harness(), gmail)).toBe('');
    await expect.poll(() => panel.getByRole('article', { name: 'Umbrella Corp' }).count()).toBe(0);
  });

  it('blanks the panel the moment the thread changes and never shows the old lead as the new one', async () => {
    await connectAccount(harness());
    harness().sites.set('mail.google.com', gmailPage(INITECH_THREAD, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');
    const panel = await openPanelFor(harness(), gmail);
    await panel.getByRole('article', { name: 'Initech' }).waitFor();

    // Gmail changes the hash first; the old thread stays drawn while the new one loads.
    await gmail.evaluate(() => {
      location.hash = '#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlUMBR';
    });
    const matches = panel.getByRole('region', { name: 'In Close' });
    await expect.poll(() => panel.getByRole('article', { name: 'Initech' }).count()).toBe(0);
    expect(await matches.getAttribute('aria-busy')).toBe('true');
    // The old thread still on the page is not taken for the new one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await panel.getByRole('article', { name: 'Initech' }).count()).toBe(0);

    await gmail.evaluate(
      (html) => {
        const policy = (
          window as unknown as {
            trustedTypes: {
              createPolicy: (n: string, p: object) => { createHTML: (s: string) => string };
            };
          }
        ).trustedTypes.createPolicy('e2e', { createHTML: (s: string) => s });
        const main = document.querySelector('[role=main]') as HTMLElement;
        main.innerHTML = policy.createHTML(html) as unknown as string;
      },
      gmailThreadMain(UMBRELLA_THREAD, ME),
    );
    await panel.getByRole('article', { name: 'Umbrella Corp' }).waitFor();
    expect(await panel.getByRole('article', { name: 'Initech' }).count()).toBe(0);
  });
});
