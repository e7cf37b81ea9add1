// Every write lands exactly once, or stays a draft the user can see, whatever dies in between: the
// panel or popup closed mid-save, the service worker stopped mid-save (CDP), Close unreachable.
// Close's answer is held by the fake (hold 'after': stored, answer waiting; 'before': not stored).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IDS } from '@/tests/close-fake/known-ids.ts';
import { connectAccount, openPanelFor, tabIdOf } from '@/tests/e2e/support/flows';
import { useExtension } from '@/tests/e2e/support/harness';
import {
  gmailWithPeter as gmailWithPeterIn,
  initechIn,
  stopWorker as stopWorkerIn,
} from '@/tests/e2e/support/write-journal';

const NOTES = '/api/v1/activity/note/';

describe('write journal', () => {
  const harness = useExtension();

  /** Close's copies of a note with this text. */
  const copies = (text: string) =>
    [...harness().fake.store.activities.values()].filter(
      (a) => (a as { note?: string }).note === text,
    ).length;

  const stopWorker = () => stopWorkerIn(harness());
  const gmailWithPeter = () => gmailWithPeterIn(harness());
  const initech = initechIn;

  async function typeAndAdd(panel: Page, text: string) {
    const lead = await initech(panel);
    await lead.getByLabel('Note', { exact: true }).fill(text);
    await lead.getByRole('button', { name: 'Add note' }).click();
    return lead;
  }

  it('(a) panel closed while Close answers: reopening shows the note saved once, no draft back', async () => {
    const gmail = await gmailWithPeter();
    const panel = await openPanelFor(harness(), gmail);
    const hold = harness().fake.hold({ method: 'POST', path: NOTES, stage: 'after' });
    await typeAndAdd(panel, 'Closed panel, Close stored it');
    await hold.arrived;
    await panel.close();
    hold.release(); // the worker lives: it settles the note and clears the draft
    await expect.poll(() => copies('Closed panel, Close stored it')).toBe(1);

    const reopened = await openPanelFor(harness(), gmail);
    const lead = await initech(reopened);
    await lead.getByText('Closed panel, Close stored it').first().waitFor();
    await reopened.waitForTimeout(500);
    expect(await lead.getByLabel('Note', { exact: true }).inputValue()).toBe('');
    expect(copies('Closed panel, Close stored it')).toBe(1);
  });

  it('(a) worker stopped after Close stored it: the next worker checks, says "Saved", no draft back', async () => {
    const gmail = await gmailWithPeter();
    const panel = await openPanelFor(harness(), gmail);
    const hold = harness().fake.hold({ method: 'POST', path: NOTES, stage: 'after' });
    await typeAndAdd(panel, 'Worker died, Close stored it');
    await hold.arrived;
    await panel.close();
    await stopWorker();
    hold.release(); // the answer has nobody to go to

    const reopened = await openPanelFor(harness(), gmail);
    const lead = await initech(reopened);
    await lead.getByText('Saved', { exact: true }).waitFor({ timeout: 15_000 });
    await expect.poll(() => lead.getByLabel('Note', { exact: true }).inputValue()).toBe('');
    expect(copies('Worker died, Close stored it')).toBe(1);
    expect(await lead.getByRole('button', { name: 'Retry' }).count()).toBe(0);
  });

  it("another organization active when the worker died: the note is checked with its own organization's key", async () => {
    const gmail = await gmailWithPeter(); // Acme Sales is connected and active
    const panel = await openPanelFor(harness(), gmail);
    const hold = harness().fake.hold({ method: 'POST', path: NOTES, stage: 'after' });
    await typeAndAdd(panel, 'Saved for Acme, checked from Globex');
    await hold.arrived;
    await panel.close();
    // The user connects another organization (it becomes the active one); the worker dies.
    await connectAccount(harness(), 'api_test_globex');
    await stopWorker();
    hold.release(); // Acme's Close stored it; the answer has nobody to go to
    harness().fake.clearRequests();

    // The next worker resolves it with Acme's key while Globex is active.
    const reopened = await openPanelFor(harness(), gmail);
    await reopened.getByRole('article', { name: 'Initech UK' }).waitFor();
    const stateOf = async () => {
      const page = await harness().openPage('options.html');
      const { writeJournal } = await page.evaluate(() => chrome.storage.local.get('writeJournal'));
      await page.close();
      return (writeJournal as Array<{ state: string }> | undefined)?.[0]?.state;
    };
    await expect.poll(stateOf, { timeout: 20_000 }).toBe('saved');
    const noteChecks = harness().fake.requests.filter(
      (r) => r.method === 'GET' && r.path === NOTES,
    );
    expect(noteChecks.length).toBeGreaterThan(0);
    expect(new Set(noteChecks.map((r) => r.headers.authorization))).toEqual(
      new Set([`Basic ${Buffer.from('api_test_acme:').toString('base64')}`]),
    );

    // Back in Acme: the note is there once and its text is not back in the box.
    await reopened.getByLabel('Organization').selectOption({ label: 'Acme Sales' });
    const lead = await initech(reopened);
    await lead.getByText('Saved for Acme, checked from Globex').first().waitFor();
    await reopened.waitForTimeout(500);
    expect(await lead.getByLabel('Note', { exact: true }).inputValue()).toBe('');
    expect(copies('Saved for Acme, checked from Globex')).toBe(1);
  });

  it('(b) worker stopped before Close stored it: the text is back with "Not saved" and Retry saves once', async () => {
    const gmail = await gmailWithPeter();
    const panel = await openPanelFor(harness(), gmail);
    const hold = harness().fake.hold({ method: 'POST', path: NOTES, stage: 'before' });
    await typeAndAdd(panel, 'Worker died, Close never got it');
    await hold.arrived;
    await panel.close();
    await stopWorker();
    hold.release(); // the client is gone: Close does nothing

    const reopened = await openPanelFor(harness(), gmail);
    const lead = await initech(reopened);
    const status = lead
      .getByRole('alert')
      .filter({ hasText: 'Not saved — your text is still here' });
    // Close's list lacks it; the journal says so once the list has had time to catch up
    // (LIST_SETTLE_MS after the send), checking meanwhile.
    await status.waitFor({ timeout: 70_000 });
    expect(await lead.getByLabel('Note', { exact: true }).inputValue()).toBe(
      'Worker died, Close never got it',
    );
    expect(copies('Worker died, Close never got it')).toBe(0);
    await status.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => copies('Worker died, Close never got it')).toBe(1);
    await expect.poll(() => lead.getByLabel('Note', { exact: true }).inputValue()).toBe('');
  });

  it('(c) panel open, worker stopped after Close stored it: no blind Retry, Close ends with one copy', async () => {
    const gmail = await gmailWithPeter();
    const panel = await openPanelFor(harness(), gmail);
    const hold = harness().fake.hold({ method: 'POST', path: NOTES, stage: 'after' });
    const lead = await typeAndAdd(panel, 'Panel open, worker died');
    await hold.arrived;
    await stopWorker();
    hold.release();

    // The lost answer is looked up in the journal (a new worker checks with Close).
    await expect
      .poll(() => lead.getByLabel('Note', { exact: true }).inputValue(), { timeout: 15_000 })
      .toBe('');
    await lead.getByText('Panel open, worker died').first().waitFor({ timeout: 15_000 });
    // Whatever the panel offers now, pressing it sends nothing twice.
    for (const name of ['Retry', 'Add note']) {
      const button = lead.getByRole('button', { name });
      if ((await button.count()) > 0 && (await button.first().isEnabled())) {
        await button.first().click();
      }
    }
    await panel.waitForTimeout(1000);
    expect(copies('Panel open, worker died')).toBe(1);
  });

  it('(d) popup closed mid-save: the note is saved once and no draft comes back', async () => {
    const gmail = await gmailWithPeter();
    const tabId = await tabIdOf(harness(), gmail);
    const popup = await harness().context.newPage();
    await popup.goto(`chrome-extension://${harness().extensionId}/popup.html?tabId=${tabId}`);
    const hold = harness().fake.hold({ method: 'POST', path: NOTES, stage: 'after' });
    await popup.getByLabel('Note', { exact: true }).fill('From the popup, closed mid-save');
    await popup.getByRole('button', { name: 'Add note' }).click();
    await hold.arrived;
    await popup.close(); // a popup closes on any outside click
    hold.release();
    await expect.poll(() => copies('From the popup, closed mid-save')).toBe(1);

    const again = await harness().context.newPage();
    await again.goto(`chrome-extension://${harness().extensionId}/popup.html?tabId=${tabId}`);
    await again.getByLabel('Note', { exact: true }).waitFor();
    await again.waitForTimeout(500);
    expect(await again.getByLabel('Note', { exact: true }).inputValue()).toBe('');
    expect(copies('From the popup, closed mid-save')).toBe(1);
  });

  it('offline, then online: the note waits ("Will be sent…"), then is sent once', async () => {
    const gmail = await gmailWithPeter();
    const panel = await openPanelFor(harness(), gmail);
    await initech(panel);
    // Close unreachable: every note request (the save and its checks) is dropped.
    harness().fake.failNext({ path: NOTES, drop: 'before', times: 1000 });
    const lead = await typeAndAdd(panel, 'Typed while Close was away');
    await lead.getByText('Will be sent when Close is reachable.').waitFor({ timeout: 40_000 });
    expect(await lead.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
    harness().fake.reset(); // Close answers again
    await expect.poll(() => copies('Typed while Close was away'), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => lead.getByLabel('Note', { exact: true }).inputValue(), { timeout: 10_000 })
      .toBe('');
    await panel.waitForTimeout(4000); // another retry round sends nothing more
    expect(copies('Typed while Close was away')).toBe(1);
    const posts = harness().fake.requests.filter(
      (r) => r.method === 'POST' && r.path === NOTES && r.status === 200,
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({ lead_id: IDS.leads.initech });
  });

  it('cancels a queued note: it is never sent and the text stays', async () => {
    const gmail = await gmailWithPeter();
    const panel = await openPanelFor(harness(), gmail);
    await initech(panel);
    harness().fake.failNext({ path: NOTES, drop: 'before', times: 1000 });
    const lead = await typeAndAdd(panel, 'Never mind this one');
    await lead.getByText('Will be sent when Close is reachable.').waitFor({ timeout: 40_000 });
    await lead.getByRole('button', { name: 'Cancel sending' }).click();
    await lead.getByText('Will be sent when Close is reachable.').waitFor({ state: 'detached' });
    harness().fake.reset();
    await panel.waitForTimeout(5000);
    expect(copies('Never mind this one')).toBe(0);
    expect(await lead.getByLabel('Note', { exact: true }).inputValue()).toBe('Never mind this one');
  });
});
