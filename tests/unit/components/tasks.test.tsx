// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TaskList } from '@/components/TaskList';
import { task } from '@/tests/unit/components/fixtures';
import { AppFailure } from '@/utils/app-error';
import type { Task } from '@/utils/close/types';
import { loadDraft, saveDraft } from '@/utils/drafts';
import { addDays, isOverdue, localDay } from '@/utils/task-days';
import { journalEntries } from '@/utils/ui/write-journal-signal';
import { type JournalEntry, recordWrite } from '@/utils/write-journal';

beforeEach(() => {
  fakeBrowser.reset();
  journalEntries.value = [];
});
afterEach(cleanup);

/** What the background's journal holds for a save (utils/write-journal.ts). */
function journalEntry(
  kind: 'createTask' | 'updateTask',
  draftKey: string,
  state: JournalEntry['state'],
  clientId = 'client-0001',
): JournalEntry {
  return {
    ...recordWrite({
      kind,
      organizationId: '',
      input: {},
      meta: { clientId, draftKey, leadId: 'lead_1' },
      owner: null as never,
      now: NOW,
    }),
    owner: null,
    state,
  };
}

// Noon local time on 2024-05-20: "today" is that day in any time zone the tests run in.
const NOW = new Date(2024, 4, 20, 12, 0, 0).getTime();
const now = () => NOW;

function setup(tasks: Task[], overrides: Partial<Parameters<typeof TaskList>[0]> = {}) {
  const props = {
    leadId: 'lead_1',
    load: vi.fn(async () => tasks),
    create: vi.fn(async ({ text, due }: { text: string; due: string | null }) => task(text, due)),
    update: vi.fn(
      async (
        taskId: string,
        patch: { text?: string; due?: string | null; isComplete?: boolean },
      ) => ({
        ...(tasks.find((x) => x.id === taskId) as Task),
        ...(patch.text !== undefined ? { text: patch.text } : {}),
        ...(patch.due !== undefined ? { due: patch.due } : {}),
        isComplete: patch.isComplete ?? false,
      }),
    ),
    onWrote: vi.fn(),
    now,
    ...overrides,
  };
  render(<TaskList {...props} />);
  return props;
}

describe('task days', () => {
  it('counts presets in calendar days and marks only past days overdue', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-29', 7)).toBe('2025-01-05');
    expect(localDay(new Date(NOW))).toBe('2024-05-20');
    expect(isOverdue('2024-05-19', NOW)).toBe(true);
    expect(isOverdue('2024-05-20', NOW)).toBe(false);
    expect(isOverdue(null, NOW)).toBe(false);
    expect(isOverdue('2024-05-20T08:00:00+00:00', Date.parse('2024-05-20T09:00:00Z'))).toBe(true);
  });
});

describe('TaskList', () => {
  it('shows the open tasks the look-up brought without asking Close, and keeps a tick made here over a later list', async () => {
    const open = [
      task('Call Bill', '2024-05-23', 'task_2'),
      task('Send the proposal', '2024-05-14', 'task_1'),
    ];
    const load = vi.fn(async () => open);
    const update = vi.fn(async (taskId: string) => ({
      ...(open.find((x) => x.id === taskId) as Task),
      isComplete: true,
    }));
    const props = { leadId: 'lead_1', load, create: vi.fn(), update, now };
    const { rerender } = render(<TaskList {...props} open={open} />);
    const list = screen.getByRole('list', { name: 'Open tasks' });
    expect(within(list).getAllByRole('listitem')[0]?.textContent).toContain('Send the proposal');
    fireEvent.click(screen.getByRole('checkbox', { name: /Send the proposal/ }));
    await waitFor(() => expect(screen.queryByText('Send the proposal')).toBeNull());
    // A refreshed look-up that still lists the task (it started before the tick) does not bring it back.
    rerender(<TaskList {...props} open={[...open]} />);
    expect(screen.queryByText('Send the proposal')).toBeNull();
    expect(screen.getByText('Call Bill')).toBeTruthy();
    expect(load).not.toHaveBeenCalled();
  });

  it("lists the lead's open tasks with due days, overdue marked", async () => {
    setup([
      task('Send the proposal', '2024-05-14', 'task_1'),
      task('Call Bill', '2024-05-23', 'task_2'),
    ]);
    const list = await screen.findByRole('list', { name: 'Open tasks' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Send the proposal');
    expect(items[0]?.textContent).toMatch(/Overdue · May 14, 2024/);
    expect(items[1]?.textContent).toMatch(/Due May 23, 2024/);
    expect(items[1]?.textContent).not.toMatch(/Overdue/);
  });

  it('says so when there is no open task, and offers to try again after an error', async () => {
    const load = vi
      .fn<() => Promise<Task[]>>()
      .mockRejectedValueOnce(new AppFailure({ kind: 'network', message: 'Close is unreachable.' }))
      .mockResolvedValueOnce([]);
    setup([], { load });
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('No open tasks.');
  });

  it('adds a task due in 3 days with the preset, and shows it', async () => {
    const props = setup([]);
    await screen.findByText('No open tasks.');
    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    const text = screen.getByLabelText('Task');
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.input(text, { target: { value: 'Call Bill about pricing' } });
    expect((screen.getByLabelText('Due day') as HTMLInputElement).value).toBe('2024-05-21');
    fireEvent.click(screen.getByRole('button', { name: 'In 3 days' }));
    expect((screen.getByLabelText('Due day') as HTMLInputElement).value).toBe('2024-05-23');
    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    await screen.findByText('Task added.');
    expect(props.create).toHaveBeenCalledWith(
      { text: 'Call Bill about pricing', due: '2024-05-23' },
      expect.objectContaining({ draftKey: 'task:lead_1', leadId: 'lead_1' }),
    );
    expect(screen.getByRole('list', { name: 'Open tasks' }).textContent).toContain(
      'Call Bill about pricing',
    );
    expect(await loadDraft('task:lead_1', { text: '', due: '' })).toBeNull();
  });

  it('ticks a task done: it leaves the list', async () => {
    const props = setup([task('Send the proposal', '2024-05-22', 'task_1')]);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Done: Send the proposal' }));
    await screen.findByText('No open tasks.');
    expect(props.update).toHaveBeenCalledWith(
      'task_1',
      { isComplete: true },
      expect.objectContaining({ draftKey: 'task-done:task_1' }),
    );
    expect(props.onWrote).toHaveBeenCalled();
  });

  it('keeps a task listed with the error when ticking it fails', async () => {
    const update = vi.fn(async () => {
      throw new AppFailure({ kind: 'network', message: 'Close is unreachable.' });
    });
    setup([task('Send the proposal', '2024-05-22', 'task_1')], { update });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Done: Send the proposal' }));
    await screen.findByRole('alert');
    const box = screen.getByRole('checkbox', {
      name: 'Done: Send the proposal',
    }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.disabled).toBe(false);
  });

  it("edits a task's text and day", async () => {
    const props = setup([task('Send the proposal', '2024-05-22', 'task_1')]);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit task: Send the proposal' }));
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.input(screen.getByLabelText('Task'), { target: { value: 'Send v2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next week' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save task' }));
    await screen.findByText('Task saved.');
    expect(props.update).toHaveBeenCalledWith(
      'task_1',
      { text: 'Send v2', due: '2024-05-27' },
      expect.objectContaining({ draftKey: 'task-edit:task_1' }),
    );
  });

  it('Esc closes the form and keeps the draft for next time', async () => {
    setup([]);
    await screen.findByText('No open tasks.');
    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.input(screen.getByLabelText('Task'), { target: { value: 'Half a thought' } });
    fireEvent.keyDown(screen.getByLabelText('Task'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByLabelText('Task')).toBeNull());
    expect(await loadDraft('task:lead_1', { text: '', due: '' })).toMatchObject({
      text: 'Half a thought',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Task') as HTMLInputElement).value).toBe('Half a thought'),
    );
  });

  it('refuses an empty task without sending it', async () => {
    const props = setup([]);
    await screen.findByText('No open tasks.');
    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    fireEvent.click(screen.getAllByRole('button', { name: 'Add task' })[0] as HTMLElement);
    await screen.findByText('Write what to do first.');
    expect(props.create).not.toHaveBeenCalled();
  });

  it('a tick whose answer was lost is looked up, never sent again: Close has it, so the task leaves the list', async () => {
    const update = vi.fn(async () => {
      throw new AppFailure({ kind: 'unknown', message: 'No answer.', outcomeUnknown: true });
    });
    // The background (a new worker) checks with Close and finds the task done.
    fakeBrowser.runtime.onMessage.addListener(
      (message: unknown, _sender: unknown, reply: (answer: unknown) => void) => {
        const { name, data } = message as { name: string; data: { clientId?: string } };
        if (name !== 'ui:resolveWrites') return false;
        const found = {
          ...journalEntry('updateTask', 'task-done:task_1', 'saved', data.clientId),
          answerUnseen: true,
        };
        journalEntries.value = [found];
        reply({ ok: true, value: found });
        return true;
      },
    );
    const props = setup([task('Send the proposal', '2024-05-22', 'task_1')], { update });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Done: Send the proposal' }));
    await screen.findByText('No open tasks.');
    await screen.findByText('Done: Send the proposal');
    expect(update).toHaveBeenCalledTimes(1);
    expect(props.onWrote).toHaveBeenCalled();
  });

  it('a reopened panel opens the add-task form whose save Close does not have, with its text; Retry sends it once', async () => {
    await saveDraft('task:lead_1', { text: 'Call Bill', due: '2024-05-24' });
    journalEntries.value = [journalEntry('createTask', 'task:lead_1', 'failed')];
    const props = setup([]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not saved — your text is still here.');
    await waitFor(() =>
      expect((screen.getByLabelText('Task') as HTMLInputElement).value).toBe('Call Bill'),
    );
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText('Task added.');
    expect(props.create).toHaveBeenCalledTimes(1);
    expect(props.create).toHaveBeenCalledWith(
      { text: 'Call Bill', due: '2024-05-24' },
      expect.objectContaining({ draftKey: 'task:lead_1' }),
    );
  });

  it('while Close may have an edit, the form offers no second save', async () => {
    await saveDraft('task-edit:task_1', { text: 'Send v2', due: '2024-05-22' });
    journalEntries.value = [journalEntry('updateTask', 'task-edit:task_1', 'unknown')];
    const props = setup([task('Send the proposal', '2024-05-22', 'task_1')]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Close may already have this');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Save task' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(props.update).not.toHaveBeenCalled();
  });

  it('a tick Close did not get says so on its task, and Retry ticks it once', async () => {
    journalEntries.value = [journalEntry('updateTask', 'task-done:task_1', 'failed')];
    const props = setup([task('Send the proposal', '2024-05-22', 'task_1')]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not marked done in Close.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText('No open tasks.');
    expect(props.update).toHaveBeenCalledTimes(1);
  });
});
