// Tasks land exactly once, or stay a draft the user can see, like notes: the service worker stopped
// (CDP) after Close stored a new task or a tick while the panel is open (the journal asks Close,
// never sends again, and the panel says it is saved), or before Close got a new task while the
// panel was closed (the reopened panel shows the form with its text and "Not saved").
import { describe, expect, it } from 'vitest';
import { fid } from '@/tests/close-fake/known-ids.ts';
import { openPanelFor } from '@/tests/e2e/support/flows';
import { useExtension } from '@/tests/e2e/support/harness';
import {
  comeBackLater,
  gmailWithPeter,
  initechIn,
  stopWorker,
} from '@/tests/e2e/support/write-journal';

const TASKS = '/api/v1/task/';
const SEEDED_TASK = fid('task', 'initechProposal');

describe('write journal: tasks', () => {
  const harness = useExtension();

  /** Close's copies of a task with this text. */
  const copies = (text: string) =>
    [...harness().fake.store.tasks.values()].filter((t) => t.text === text).length;
  /** Requests that reached Close (a held one whose answer was lost included): never a second. */
  const sent = (method: string, path: string) =>
    harness().fake.requests.filter((r) => r.method === method && r.path === path).length;

  it('(c) panel open, worker stopped after Close stored a new task: one task in Close, the panel shows it added', async () => {
    const gmail = await gmailWithPeter(harness());
    const panel = await openPanelFor(harness(), gmail);
    const lead = await initechIn(panel);
    const text = 'Call Peter, worker died';
    const hold = harness().fake.hold({ method: 'POST', path: TASKS, stage: 'after' });
    await lead.getByRole('button', { name: 'Add task' }).click();
    await lead.getByLabel('Task', { exact: true }).fill(text);
    await lead.getByRole('button', { name: 'In 3 days' }).click();
    await lead.getByRole('button', { name: 'Add task' }).click();
    await hold.arrived;
    await stopWorker(harness());
    hold.release(); // Close stored it; its answer has nobody to go to
    await expect.poll(() => copies(text)).toBe(1);

    // A new worker checks with Close, finds the task, and the panel says so.
    const tasks = lead.getByRole('list', { name: 'Open tasks' });
    await tasks.getByText(text).waitFor({ timeout: 20_000 });
    await lead.getByText('Task added.').waitFor();
    expect(await lead.getByLabel('Task', { exact: true }).count()).toBe(0);
    expect(await lead.getByRole('alert').count()).toBe(0);
    // Whatever the panel offers now, pressing it sends nothing twice.
    const retry = lead.getByRole('button', { name: 'Retry' });
    if ((await retry.count()) > 0) await retry.first().click();
    await panel.waitForTimeout(1000);
    expect(copies(text)).toBe(1);
    expect(sent('POST', TASKS)).toBe(1);
  });

  it('(c) panel open, worker stopped after Close stored a tick: ticked once, the task leaves the list', async () => {
    const gmail = await gmailWithPeter(harness());
    const panel = await openPanelFor(harness(), gmail);
    const lead = await initechIn(panel);
    const name = 'Done: Send the revised proposal to Bill';
    const path = `${TASKS}${SEEDED_TASK}/`;
    const hold = harness().fake.hold({ method: 'PUT', path, stage: 'after' });
    await lead.getByRole('checkbox', { name }).click();
    await hold.arrived;
    await stopWorker(harness());
    hold.release();
    await expect.poll(() => harness().fake.store.tasks.get(SEEDED_TASK)?.is_complete).toBe(true);

    const tasks = lead.getByRole('list', { name: 'Open tasks' });
    await expect
      .poll(() => tasks.getByText('Send the revised proposal to Bill').count(), {
        timeout: 20_000,
      })
      .toBe(0);
    await lead.getByRole('status').filter({ hasText: name }).waitFor();
    expect(await lead.getByRole('alert').count()).toBe(0);
    expect(sent('PUT', path)).toBe(1);
  });

  it('(b) panel closed, worker stopped before Close stored a new task: reopening shows the form with its text and "Not saved"; Retry saves once', async () => {
    const gmail = await gmailWithPeter(harness());
    const panel = await openPanelFor(harness(), gmail);
    const lead = await initechIn(panel);
    const text = 'Call Peter, never stored';
    const hold = harness().fake.hold({ method: 'POST', path: TASKS, stage: 'before' });
    await lead.getByRole('button', { name: 'Add task' }).click();
    await lead.getByLabel('Task', { exact: true }).fill(text);
    await lead.getByRole('button', { name: 'Add task' }).click();
    await hold.arrived;
    await panel.close();
    // The user comes back a minute later (past the journal's list-settle wait).
    await comeBackLater(harness(), 60_000);
    await stopWorker(harness());
    hold.release(); // the client is gone: Close does nothing

    const reopened = await openPanelFor(harness(), gmail);
    const again = await initechIn(reopened);
    // The journal opens the task form whose save Close does not have.
    const status = again
      .getByRole('alert')
      .filter({ hasText: 'Not saved — your text is still here' });
    await status.waitFor({ timeout: 20_000 });
    await expect.poll(() => again.getByLabel('Task', { exact: true }).inputValue()).toBe(text);
    expect(copies(text)).toBe(0);
    await status.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => copies(text)).toBe(1);
    await again.getByRole('list', { name: 'Open tasks' }).getByText(text).waitFor();
    expect(await again.getByLabel('Task', { exact: true }).count()).toBe(0);
  });
});
