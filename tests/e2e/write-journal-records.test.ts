// Contacts and opportunities land exactly once, or stay a draft the user can see, whatever dies in
// between: the panel closed mid-save, the service worker stopped mid-save (CDP), Close unreachable.
// Each spec saves a new contact and a new opportunity on the same lead (the first form is left
// while its save is under way, as a user moving on would). The popup has only the note form: its
// case (d) is in write-journal.test.ts.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IDS } from '@/tests/close-fake/known-ids.ts';
import { openPanelFor } from '@/tests/e2e/support/flows';
import { useExtension } from '@/tests/e2e/support/harness';
import {
  comeBackLater,
  gmailWithPeter,
  initechIn,
  stopWorker,
} from '@/tests/e2e/support/write-journal';

const CONTACTS = '/api/v1/contact/';
const OPPORTUNITIES = '/api/v1/opportunity/';

describe('write journal: contacts and opportunities', () => {
  const harness = useExtension();

  /** Close's copies of a contact with this name. */
  /** What Close was asked to create at `path` in this test. */
  const postsTo = (path: string) =>
    harness()
      .fake.requests.filter((r) => r.method === 'POST' && r.path === path)
      .map((r) => r.body);
  const contactCopies = (name: string) =>
    [...harness().fake.store.contacts.values()].filter((c) => c.name === name).length;
  /** Close's copies of an opportunity with this note. */
  const opportunityCopies = (note: string) =>
    [...harness().fake.store.opportunities.values()].filter((o) => o.note === note).length;

  const contactForm = (lead: Locator) => lead.getByRole('form', { name: 'New contact' });
  const opportunityForm = (lead: Locator) => lead.getByRole('form', { name: 'New opportunity' });

  async function addContact(lead: Locator, name: string) {
    await lead.getByRole('button', { name: 'Add contact' }).click();
    const form = contactForm(lead);
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form
      .getByLabel('Email', { exact: true })
      .fill(`${name.split(' ')[0]?.toLowerCase()}@initech.com`);
    await form.getByRole('button', { name: 'Add contact' }).click();
  }

  async function addOpportunity(lead: Locator, note: string, value: string) {
    await lead.getByRole('button', { name: 'Add opportunity' }).click();
    const form = opportunityForm(lead);
    await form.getByLabel('Value', { exact: true }).fill(value);
    await form.getByLabel('Note', { exact: true }).fill(note);
    // The pipelines load first; then the status is chosen for the user.
    await expect
      .poll(() => form.getByLabel('Status', { exact: true }).locator('option').count())
      .toBeGreaterThan(0);
    await form.getByRole('button', { name: 'Add opportunity' }).click();
  }

  /**
   * Saves a contact and an opportunity with Close holding each request (`stage`), closes the
   * panel while both wait, optionally stops the worker, then lets Close go on.
   */
  async function saveBothThenLeave(
    gmail: Page,
    names: { contact: string; note: string; value: string },
    stage: 'before' | 'after',
    options: { stopWorker: boolean; laterMs?: number },
  ) {
    const panel = await openPanelFor(harness(), gmail);
    const lead = await initechIn(panel);
    const contactHold = harness().fake.hold({ method: 'POST', path: CONTACTS, stage });
    await addContact(lead, names.contact);
    await contactHold.arrived;
    const opportunityHold = harness().fake.hold({ method: 'POST', path: OPPORTUNITIES, stage });
    await addOpportunity(lead, names.note, names.value);
    await opportunityHold.arrived;
    await panel.close();
    if (options.laterMs) await comeBackLater(harness(), options.laterMs);
    if (options.stopWorker) await stopWorker(harness());
    contactHold.release();
    opportunityHold.release();
  }

  it('(a) panel closed while Close answers (worker alive): reopening shows each saved once, no draft back', async () => {
    const gmail = await gmailWithPeter(harness());
    const names = {
      contact: 'Joanna Flair',
      note: 'Closed panel, stored deal',
      value: '4321',
    };
    await saveBothThenLeave(gmail, names, 'after', { stopWorker: false });
    await expect.poll(() => contactCopies(names.contact)).toBe(1);
    await expect.poll(() => opportunityCopies(names.note)).toBe(1);

    const reopened = await openPanelFor(harness(), gmail);
    const lead = await initechIn(reopened);
    await lead.getByRole('region', { name: 'Contacts' }).getByText(names.contact).waitFor();
    await lead.getByText(names.note).waitFor();
    // Nothing waits for the user: no form opened by the journal, no restored draft.
    await reopened.waitForTimeout(500);
    expect(await lead.getByRole('alert').count()).toBe(0);
    await lead.getByRole('button', { name: 'Add contact' }).click();
    await reopened.waitForTimeout(600); // time for a restored draft to show, were there one
    expect(await contactForm(lead).getByLabel('Name', { exact: true }).inputValue()).toBe('');
    await lead.getByRole('button', { name: 'Add opportunity' }).click();
    await reopened.waitForTimeout(600);
    expect(await opportunityForm(lead).getByLabel('Note', { exact: true }).inputValue()).toBe('');
    expect(contactCopies(names.contact)).toBe(1);
    expect(opportunityCopies(names.note)).toBe(1);
  });

  it('(a) worker stopped after Close stored them: the next worker checks, nothing comes back, one copy each', async () => {
    const gmail = await gmailWithPeter(harness());
    const names = {
      contact: 'Lumbergh Assistant',
      note: 'Worker died, stored deal',
      value: '5432',
    };
    await saveBothThenLeave(gmail, names, 'after', { stopWorker: true });
    await expect.poll(() => contactCopies(names.contact)).toBe(1);

    const reopened = await openPanelFor(harness(), gmail);
    const lead = await initechIn(reopened);
    // The new worker finds both in Close; a form it opened while checking closes again.
    await lead
      .getByRole('region', { name: 'Contacts' })
      .getByText(names.contact)
      .waitFor({ timeout: 20_000 });
    await lead.getByText(names.note).waitFor({ timeout: 20_000 });
    await expect.poll(() => lead.getByRole('form').count(), { timeout: 20_000 }).toBe(0);
    expect(await lead.getByRole('alert').count()).toBe(0);
    await lead.getByRole('button', { name: 'Add contact' }).click();
    await reopened.waitForTimeout(600); // time for a restored draft to show, were there one
    expect(await contactForm(lead).getByLabel('Name', { exact: true }).inputValue()).toBe('');
    expect(contactCopies(names.contact)).toBe(1);
    expect(opportunityCopies(names.note)).toBe(1);
  });

  it('(b) worker stopped before Close stored them: each form is back with its text and "Not saved"; Retry saves once', async () => {
    const gmail = await gmailWithPeter(harness());
    const names = {
      contact: 'Stapler Keeper',
      note: 'Worker died, deal never stored',
      value: '6543',
    };
    // The user comes back a minute later (past the journal's list-settle wait).
    await saveBothThenLeave(gmail, names, 'before', { stopWorker: true, laterMs: 60_000 });

    const reopened = await openPanelFor(harness(), gmail);
    const lead = await initechIn(reopened);
    // The journal opens the forms whose saves Close does not have, oldest first.
    const contactStatus = contactForm(lead)
      .getByRole('alert')
      .filter({ hasText: 'Not saved — your text is still here' });
    await contactStatus.waitFor({ timeout: 20_000 });
    // The form's draft loads a moment after the form opens.
    await expect
      .poll(() => contactForm(lead).getByLabel('Name', { exact: true }).inputValue())
      .toBe(names.contact);
    expect(contactCopies(names.contact)).toBe(0);
    await contactStatus.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => contactCopies(names.contact)).toBe(1);

    const opportunityStatus = opportunityForm(lead)
      .getByRole('alert')
      .filter({ hasText: 'Not saved — your text is still here' });
    await opportunityStatus.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => opportunityForm(lead).getByLabel('Note', { exact: true }).inputValue())
      .toBe(names.note);
    expect(opportunityCopies(names.note)).toBe(0);
    await opportunityStatus.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => opportunityCopies(names.note)).toBe(1);
    await expect.poll(() => lead.getByRole('form').count()).toBe(0);
    await lead.getByRole('region', { name: 'Contacts' }).getByText(names.contact).waitFor();
    expect(contactCopies(names.contact)).toBe(1);
  });

  it('(c) panel open, worker stopped after Close stored them: whatever the panel offers, one copy each', async () => {
    const gmail = await gmailWithPeter(harness());
    const panel = await openPanelFor(harness(), gmail);
    const lead = await initechIn(panel);
    const names = { contact: 'Tom Smykowski', note: 'Panel open, worker died', value: '7654' };
    const contactHold = harness().fake.hold({ method: 'POST', path: CONTACTS, stage: 'after' });
    await addContact(lead, names.contact);
    await contactHold.arrived;
    // The request held is this contact (once a CI run found none stored here: if a stray write
    // was held instead, this says whose).
    expect(postsTo(CONTACTS)).toEqual([expect.objectContaining({ name: names.contact })]);
    await stopWorker(harness());
    contactHold.release();
    // The lost answer is looked up in the journal (a new worker checks with Close).
    await expect.poll(() => contactCopies(names.contact)).toBe(1);
    await lead.getByText(names.contact).first().waitFor({ timeout: 20_000 });
    await pressWhateverIsOffered(contactForm(lead), ['Retry', 'Add contact']);

    const opportunityHold = harness().fake.hold({
      method: 'POST',
      path: OPPORTUNITIES,
      stage: 'after',
    });
    await addOpportunity(lead, names.note, names.value);
    await opportunityHold.arrived;
    await stopWorker(harness());
    opportunityHold.release();
    await expect.poll(() => opportunityCopies(names.note)).toBe(1);
    await expect.poll(() => opportunityForm(lead).count(), { timeout: 20_000 }).toBe(0);
    await pressWhateverIsOffered(lead, ['Retry', 'Add opportunity']);
    await panel.waitForTimeout(1500);
    expect(contactCopies(names.contact)).toBe(1);
    expect(opportunityCopies(names.note)).toBe(1);
  });

  it('offline, then online: a new contact waits ("Will be sent…"), then Close holds exactly one', async () => {
    const gmail = await gmailWithPeter(harness());
    const panel = await openPanelFor(harness(), gmail);
    const lead = await initechIn(panel);
    // Close unreachable: the save and every check of the lead's contacts are dropped.
    harness().fake.failNext({ path: CONTACTS, drop: 'before', times: 1000 });
    const name = 'Bob Slydell';
    await addContact(lead, name);
    const form = contactForm(lead);
    await form.getByText('Will be sent when Close is reachable.').waitFor({ timeout: 60_000 });
    expect(await form.getByRole('button', { name: 'Add contact' }).isDisabled()).toBe(true);
    expect(contactCopies(name)).toBe(0);

    harness().fake.reset(); // Close answers again
    // Checked first (Close's list must have had time to show it), then sent once.
    await expect.poll(() => contactCopies(name), { timeout: 60_000 }).toBe(1);
    await form.waitFor({ state: 'detached', timeout: 10_000 });
    await lead.getByRole('region', { name: 'Contacts' }).getByText(name).waitFor();
    await panel.waitForTimeout(4000); // another retry round sends nothing more
    expect(contactCopies(name)).toBe(1);
    const posts = harness().fake.requests.filter(
      (r) => r.method === 'POST' && r.path === CONTACTS && r.status === 200,
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({ lead_id: IDS.leads.initech, name });
    expect(await lead.getByRole('alert').count()).toBe(0);
  }, 120_000);

  it('offline, then online: a lead edit waits ("Will be sent…"), then is sent once and the form closes', async () => {
    const gmail = await gmailWithPeter(harness());
    const panel = await openPanelFor(harness(), gmail);
    const lead = await initechIn(panel);
    const LEAD = `/api/v1/lead/${IDS.leads.initech}/`;
    // Close unreachable: the save and every read-back of the lead are dropped. (Were the read-back
    // answered, it would prove the edit absent: "Not saved" with Retry, not a queued write.)
    harness().fake.failNext({ path: LEAD, drop: 'before', times: 1000 });
    await lead.getByRole('button', { name: 'Edit lead' }).click();
    const form = lead.getByRole('form', { name: 'Edit lead' });
    await form.getByLabel('Description', { exact: true }).fill('Typed while Close was away');
    await form.getByRole('button', { name: 'Save lead' }).click();
    await form.getByText('Will be sent when Close is reachable.').waitFor({ timeout: 60_000 });
    expect(await form.getByRole('button', { name: 'Save lead' }).isDisabled()).toBe(true);

    harness().fake.reset(); // Close answers again
    const stored = () => harness().fake.store.leads.get(IDS.leads.initech)?.description;
    await expect.poll(stored, { timeout: 30_000 }).toBe('Typed while Close was away');
    await form.waitFor({ state: 'detached', timeout: 10_000 });
    await panel.waitForTimeout(4000); // another retry round sends nothing more
    const puts = harness().fake.requests.filter(
      (r) => r.method === 'PUT' && r.path === LEAD && r.status === 200,
    );
    expect(puts).toHaveLength(1);
    expect(await lead.getByRole('alert').count()).toBe(0);
  }, 120_000);

  async function pressWhateverIsOffered(scope: Locator, names: string[]) {
    for (const name of names) {
      const button = scope.getByRole('button', { name, exact: true });
      if ((await button.count()) > 0 && (await button.first().isEnabled())) {
        await button.first().click();
      }
    }
  }
});
