// The side panel from the keyboard, in Chromium beside a Gmail thread: Tab reaches every action of
// the first screen in reading order, and Esc closes an open form, keeps its text and puts focus back
// on the button that opened it.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectAccount, tabIdOf } from '@/tests/e2e/support/flows';
import { type GmailThread, gmailPage } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const thread: GmailThread = {
  subject: 'TPS reports',
  from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
  to: [],
};

/** The focused control as a person hears it: role and accessible name. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(nothing)';
    const labelled = el.getAttribute('aria-label');
    const byLabels = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = (labelled ?? byLabels ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const role = el.getAttribute('role') ?? el.tagName.toLowerCase();
    return `${role}: ${name}`;
  });
}

describe('the side panel from the keyboard', () => {
  const harness = useExtension();

  async function panelBesideThread(): Promise<Page> {
    await connectAccount(harness());
    harness().sites.set('mail.google.com', gmailPage(thread, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/tps');
    const tabId = await tabIdOf(harness(), gmail);
    const panel = await harness().context.newPage();
    await panel.setViewportSize({ width: 360, height: 600 });
    await panel.goto(`chrome-extension://${harness().extensionId}/sidepanel.html?tabId=${tabId}`);
    const lead = panel.getByRole('article', { name: 'Initech' });
    await lead
      .getByRole('list', { name: 'Open tasks' })
      .getByText(/Overdue/)
      .waitFor();
    return panel;
  }

  it('reaches every action of the first screen by Tab, in reading order', async () => {
    const panel = await panelBesideThread();
    const order: string[] = [];
    for (let i = 0; i < 60; i++) {
      await panel.keyboard.press('Tab');
      const now = await focused(panel);
      if (now === 'button: Add note') {
        order.push(now);
        break;
      }
      order.push(now);
    }
    console.info(`Tab order: ${order.join(' → ')}`);
    const main = [
      /^input: Search/,
      /^button: Lead status: Qualified/,
      /^a: Open in Close/,
      /^button: Edit lead/,
      /^input: Done: Send the revised proposal to Bill/,
      /^button: Edit task: Send the revised proposal to Bill/,
      /^button: Add task/,
      /^textarea: Note/,
      /^button: Add note/,
    ];
    const positions = main.map((pattern) => order.findIndex((name) => pattern.test(name)));
    expect(
      positions.every((p) => p >= 0),
      `missing from ${JSON.stringify(order)}: ${main.filter((_, i) => positions[i] === -1).join(', ')}`,
    ).toBe(true);
    expect(
      positions.every((p, i) => i === 0 || p > (positions[i - 1] ?? -1)),
      JSON.stringify(order),
    ).toBe(true);
  });

  it('closes an open form on Esc, keeps its text and focuses the button that opened it', async () => {
    const panel = await panelBesideThread();
    const lead = panel.getByRole('article', { name: 'Initech' });
    const addContact = lead.getByRole('button', { name: 'Add contact' });
    await addContact.focus();
    await panel.keyboard.press('Enter');
    const title = lead.getByLabel('Title', { exact: true });
    await title.fill('Head of Operations');
    await panel.keyboard.press('Escape');
    await expect.poll(() => title.count()).toBe(0);
    // Focus goes back once the closed form's frame is painted (an effect), a moment after it goes.
    await expect.poll(() => focused(panel)).toBe('button: Add contact');
    await panel.keyboard.press('Enter');
    await expect.poll(() => title.inputValue()).toBe('Head of Operations');
    expect(
      harness().fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/contact/'),
    ).toEqual([]);
  });
});
