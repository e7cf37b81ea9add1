// The salesperson's flow in a 360 × 600 panel beside a Gmail thread: the lead's open tasks, a new
// follow-up in one step (POST /task/), ticking one done (PUT is_complete).

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fid, IDS } from '@/tests/close-fake/known-ids.ts';
import { connectAccount, tabIdOf } from '@/tests/e2e/support/flows';
import { type GmailThread, gmailPage } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';
import { screenshotPath } from '@/tests/e2e/support/screenshots';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const PETER = { name: 'Peter Gibbons', email: 'peter@initech.com' };
const thread: GmailThread = { subject: 'TPS reports', from: PETER, to: [] };
const SEEDED_TASK = fid('task', 'initechProposal');

describe("salesperson's flow", () => {
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
    await panel.getByRole('article', { name: 'Initech' }).waitFor();
    return panel;
  }

  it('answers who, which lead, what status and which deal on the first screen, search on top', async () => {
    const panel = await panelBesideThread();
    const lead = panel.getByRole('article', { name: 'Initech' });
    // Peter's title comes from his Close contact; the open deal from the lead's opportunities.
    await panel.getByText('Software Engineer').first().waitFor();
    const firstScreen = [
      panel.getByText('Peter Gibbons <peter@initech.com>'),
      panel.getByText('Software Engineer').first(),
      lead.getByRole('heading', { name: 'Initech' }),
      lead.getByRole('button', { name: /Lead status: Qualified/ }),
      lead.locator('.cl-lead-card__deal'),
    ];
    // Initech's open deals: $12,000 Proposal Sent, $500 monthly Renewal Due.
    expect(await lead.locator('.cl-lead-card__deal').textContent()).toMatch(
      /Deal\s*(\$12,000.*Proposal Sent|\$500 monthly.*Renewal Due)/,
    );
    for (const locator of firstScreen) {
      const box = await locator.boundingBox();
      expect(box, (await locator.textContent()) ?? '').not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(600);
    }
    // The last email from the timeline already loaded: Ada's reply to Bill on May 10, 2024.
    const lastEmail = lead.locator('.cl-lead-card__last-email');
    await lastEmail.getByText('Last email').waitFor();
    expect(await lastEmail.locator('time').getAttribute('datetime')).toMatch(/^2024-05-10T16:40/);
    expect(await lastEmail.locator('time').textContent()).toMatch(/^\d+ years? ago$/);
    const search = panel.getByRole('searchbox', { name: /Search/ });
    const searchBox = await search.boundingBox();
    const leadBox = await lead.boundingBox();
    expect(searchBox && leadBox && searchBox.y < leadBox.y).toBe(true);
    // `/` focuses search from anywhere but a text box.
    await lead.getByRole('heading', { name: 'Initech' }).click();
    await panel.keyboard.press('/');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.screenshot({ path: screenshotPath('first-screen.png') });
  });

  it('changes the status from the card in one step', async () => {
    const panel = await panelBesideThread();
    const lead = panel.getByRole('article', { name: 'Initech' });
    await lead.getByRole('button', { name: /Lead status: Qualified/ }).click();
    await lead.getByRole('menuitemradio', { name: 'Customer' }).click();
    await expect
      .poll(
        () =>
          harness().fake.requests.find(
            (r) => r.method === 'PUT' && r.path === `/api/v1/lead/${IDS.leads.initech}/`,
          )?.body,
      )
      .toMatchObject({ status_id: IDS.leadStatuses.customer });
    await lead.getByRole('button', { name: /Lead status: Customer/ }).waitFor();
  });

  it("lists the lead's open task, adds a follow-up due later and ticks one done", async () => {
    const panel = await panelBesideThread();
    const lead = panel.getByRole('article', { name: 'Initech' });
    const tasks = lead.getByRole('list', { name: 'Open tasks' });
    await tasks.getByText('Send the revised proposal to Bill').waitFor();
    // The seeded task's day (2024) is long past.
    await tasks.getByText(/Overdue/).waitFor();

    await lead.getByRole('button', { name: 'Add task' }).click();
    await lead.getByLabel('Task', { exact: true }).fill('Call Peter about the renewal');
    await lead.getByRole('button', { name: 'In 3 days' }).click();
    await lead.getByRole('button', { name: 'Add task' }).click();
    await tasks.getByText('Call Peter about the renewal').waitFor();
    const post = harness().fake.requests.find(
      (r) => r.method === 'POST' && r.path === '/api/v1/task/',
    );
    const body = post?.body as { lead_id: string; text: string; date: string; assigned_to: string };
    expect(body).toMatchObject({
      lead_id: IDS.leads.initech,
      text: 'Call Peter about the renewal',
      assigned_to: IDS.users.ada,
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(body.date > today).toBe(true);

    await lead.getByRole('checkbox', { name: 'Done: Send the revised proposal to Bill' }).click();
    await expect
      .poll(
        () =>
          harness().fake.requests.find(
            (r) => r.method === 'PUT' && r.path === `/api/v1/task/${SEEDED_TASK}/`,
          )?.body,
      )
      .toEqual({ is_complete: true });
    await expect.poll(() => tasks.getByText('Send the revised proposal to Bill').count()).toBe(0);
    expect(await tasks.getByText('Call Peter about the renewal').count()).toBe(1);
    await tasks.scrollIntoViewIfNeeded();
    await lead.locator('.cl-tasks').screenshot({ path: screenshotPath('tasks.png') });
  });
});
