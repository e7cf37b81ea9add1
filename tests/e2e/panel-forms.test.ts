// The panel's quick forms end to end: what the salesperson types reaches Close as the right request,
// shows up in place, and is never lost (drafts survive closing the panel; a failed save keeps it).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IDS } from '@/tests/close-fake/known-ids.ts';
import { badgeOf, clearCachedData, connectAccount, openPanelFor } from '@/tests/e2e/support/flows';
import { type GmailThread, gmailPage } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const thread = (from: GmailThread['from']): GmailThread => ({ subject: 'Hello', from, to: [] });
const PETER = { name: 'Peter Gibbons', email: 'peter@initech.com' };
const WESKER = { name: 'Albert Wesker', email: 'albert.wesker@umbrella-corp.com' };

describe('panel forms', () => {
  const harness = useExtension();

  async function panelForThread(from = PETER): Promise<{ gmail: Page; panel: Page }> {
    await connectAccount(harness());
    harness().sites.set('mail.google.com', gmailPage(thread(from), ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/abc');
    const panel = await openPanelFor(harness(), gmail);
    await panel.getByRole('article').first().waitFor();
    return { gmail, panel };
  }

  it('adds a note to the right lead and shows it', async () => {
    const { panel } = await panelForThread();
    const lead = panel.getByRole('article', { name: 'Initech' });
    await lead.getByLabel('Note', { exact: true }).fill('Called Peter about the TPS cover sheets.');
    await lead.getByRole('button', { name: 'Add note' }).click();
    await expect
      .poll(() => lead.getByText('Called Peter about the TPS cover sheets.').count())
      .toBeGreaterThan(0);
    const post = harness().fake.requests.find(
      (r) => r.method === 'POST' && r.path === '/api/v1/activity/note/',
    );
    expect(post?.body).toMatchObject({
      lead_id: IDS.leads.initech,
      note: 'Called Peter about the TPS cover sheets.',
    });
    expect(await lead.getByLabel('Note', { exact: true }).inputValue()).toBe('');
  });

  it("changes the lead's status with a PUT", async () => {
    const { panel } = await panelForThread();
    const lead = panel.getByRole('article', { name: 'Initech' });
    await lead.getByRole('button', { name: 'Edit lead' }).click();
    const status = lead.getByLabel('Status', { exact: true });
    await expect.poll(() => status.locator('option').count()).toBeGreaterThan(1);
    await status.selectOption({ label: 'Customer' });
    await lead.getByRole('button', { name: 'Save lead' }).click();
    await expect
      .poll(
        () =>
          harness().fake.requests.find(
            (r) => r.method === 'PUT' && r.path === `/api/v1/lead/${IDS.leads.initech}/`,
          )?.body,
      )
      .toMatchObject({ status_id: expect.stringMatching(/^stat_/) });
    await expect.poll(() => lead.getByText('Customer').count()).toBeGreaterThan(0);
  });

  it('shows the new status when the panel opens again, also when the worker restarted first', async () => {
    // Earlier tests in this browser saved another status; the fake starts from its data again.
    await connectAccount(harness());
    await clearCachedData(harness());
    const { gmail, panel } = await panelForThread();
    // The status badge (the timeline also mentions statuses, in longer sentences).
    await panel
      .getByRole('article', { name: 'Initech' })
      .getByText('Qualified', { exact: true })
      .waitFor();
    expect(await badgeOf(harness(), gmail)).toBe('1');
    // Chrome stops an idle worker: the next write is the new worker's first request to Close,
    // with the earlier look-up still in the cache.
    const options = await harness().openPage('options.html');
    const cdp = await harness().context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await options.close();

    const lead = panel.getByRole('article', { name: 'Initech' });
    await lead.getByRole('button', { name: 'Edit lead' }).click();
    const status = lead.getByLabel('Status', { exact: true });
    await expect.poll(() => status.locator('option').count()).toBeGreaterThan(1);
    await status.selectOption({ label: 'Customer' });
    await lead.getByRole('button', { name: 'Save lead' }).click();
    await expect
      .poll(() =>
        harness().fake.requests.some(
          (r) => r.method === 'PUT' && r.path === `/api/v1/lead/${IDS.leads.initech}/`,
        ),
      )
      .toBe(true);
    await panel.close();

    const reopened = await openPanelFor(harness(), gmail);
    const again = reopened.getByRole('article', { name: 'Initech' });
    await again.getByText('Customer', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await again.getByText('Qualified', { exact: true }).count()).toBe(0);
    expect(await badgeOf(harness(), gmail)).toBe('1');
  });

  it("changes an opportunity's value with a PUT in cents", async () => {
    const { panel } = await panelForThread();
    const lead = panel.getByRole('article', { name: 'Initech' });
    await lead
      .getByRole('button', { name: /^Edit opportunity/ })
      .first()
      .click();
    const value = lead.getByLabel('Value');
    await value.fill('15000');
    await lead.getByRole('button', { name: 'Save opportunity' }).click();
    await expect
      .poll(
        () =>
          harness().fake.requests.find(
            (r) => r.method === 'PUT' && r.path.startsWith('/api/v1/opportunity/'),
          )?.body,
      )
      .toMatchObject({ value: 1_500_000 });
    await expect.poll(() => lead.getByText('$15,000').count()).toBeGreaterThan(0);
  });

  it('restores a half-typed note after the panel is closed and opened again', async () => {
    const { gmail, panel } = await panelForThread();
    const note = panel
      .getByRole('article', { name: 'Initech' })
      .getByLabel('Note', { exact: true });
    await note.fill('Half a thought about the renewal');
    await panel.waitForTimeout(600); // the draft is saved a moment after typing stops
    await panel.close();
    const reopened = await openPanelFor(harness(), gmail);
    const again = reopened
      .getByRole('article', { name: 'Initech' })
      .getByLabel('Note', { exact: true });
    await expect.poll(() => again.inputValue()).toBe('Half a thought about the renewal');
  });

  it('keeps the text and, when Close fails to save, never sends the note blindly again', async () => {
    const { panel } = await panelForThread();
    const lead = panel.getByRole('article', { name: 'Initech' });
    // Close fails every attempt with a 500: the client reads the lead's notes, finds nothing, and
    // since Close may list a new note late, says the outcome is unknown instead of re-sending.
    harness().fake.failNext({
      method: 'POST',
      path: '/api/v1/activity/note/',
      status: 500,
      times: 10,
    });
    await lead.getByLabel('Note', { exact: true }).fill('Do not lose me');
    await lead.getByRole('button', { name: 'Add note' }).click();
    const alert = lead.getByRole('alert').first();
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/before saving again/);
    expect(await lead.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect(await lead.getByLabel('Note', { exact: true }).inputValue()).toBe('Do not lose me');
    const posts = () =>
      harness().fake.requests.filter(
        (r) => r.method === 'POST' && r.path === '/api/v1/activity/note/',
      );
    expect(posts()).toHaveLength(1);
    expect(posts().some((r) => r.status === 200)).toBe(false);
    // "Add note" stays off while Close may have the note: the user looks in Close first.
    expect(await lead.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
    harness().fake.reset(); // Close is healthy again; the user checked Close and saves again
    await lead.getByRole('button', { name: 'Keep editing' }).click();
    await lead.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => lead.getByText('Do not lose me').count()).toBeGreaterThan(0);
    expect(posts().filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('renders an email with script in its HTML inert', async () => {
    const { panel } = await panelForThread(WESKER);
    const lead = panel.getByRole('article', { name: 'Umbrella Corp' });
    await lead
      .getByRole('button', { name: /^Open email:/ })
      .first()
      .click();
    await panel.getByRole('button', { name: 'Close email' }).first().waitFor();
    await panel.waitForTimeout(300);
    const state = await panel.evaluate(() => ({
      pwned: (window as unknown as { __closeLookXss?: unknown }).__closeLookXss,
      scripts: document.querySelectorAll('main script, main iframe').length,
      handlers: [...document.querySelectorAll('main *')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on')),
      ).length,
      jsLinks: [...document.querySelectorAll('main a')].filter((a) =>
        (a.getAttribute('href') ?? '').trim().toLowerCase().startsWith('javascript:'),
      ).length,
    }));
    expect(state).toEqual({ pwned: undefined, scripts: 0, handlers: 0, jsLinks: 0 });
  });
});
