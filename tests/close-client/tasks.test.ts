// Tasks against the fake: list a lead's open tasks, create, tick done, edit; lost answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloseFake,
  HOOLI,
  httpFor,
  INITECH,
  startCloseFake,
} from '@/tests/close-client/support';
import { CloseValidationError } from '@/utils/close/errors';
import { createTask, getTask, listOpenTasks, updateTask } from '@/utils/close/tasks';

let fake: CloseFake;
beforeAll(async () => {
  fake = await startCloseFake();
});
afterAll(() => fake.close());
// Lists are current at once unless a test turns strict mode's list delay on.
beforeEach(() => {
  fake.reset();
  fake.setMode({ mode: 'strict', listDelayMs: 0 });
});

const ADA = 'user_AdaLovelace00000000000000000000000000000000';
const GRACE = 'user_GraceHopper00000000000000000000000000000000';
const SEEDED = 'task_initechProposal0000000000000000000000000000';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/task/'));

describe('tasks', () => {
  it("lists a lead's open tasks with their due day and assignee", async () => {
    const page = await listOpenTasks(httpFor(fake), { leadId: INITECH });
    expect(page.data).toEqual([
      expect.objectContaining({
        id: SEEDED,
        leadId: INITECH,
        text: 'Send the revised proposal to Bill',
        due: '2024-06-14',
        isComplete: false,
        assignedTo: ADA,
        assignedToName: 'Ada Lovelace',
      }),
    ]);
    const request = fake.requests.at(-1);
    expect(request?.query).toMatchObject({ lead_id: INITECH, is_complete: 'false' });
  });

  it('creates a task due on a day, for a given user, and it is listed', async () => {
    const http = httpFor(fake);
    const task = await createTask(http, {
      leadId: HOOLI,
      text: 'Call Gavin',
      due: inDays(3),
      assignedTo: GRACE,
    });
    expect(task).toMatchObject({ leadId: HOOLI, text: 'Call Gavin', due: inDays(3) });
    expect(task.assignedTo).toBe(GRACE);
    expect(posts()[0]?.body).toEqual({
      _type: 'lead',
      lead_id: HOOLI,
      text: 'Call Gavin',
      date: inDays(3),
      assigned_to: GRACE,
    });
    expect((await listOpenTasks(http, { leadId: HOOLI })).data.map((t) => t.id)).toEqual([task.id]);
  });

  it('reads a dateless task as having no due day', async () => {
    const task = await createTask(httpFor(fake), { leadId: HOOLI, text: 'Someday' });
    expect(task.due).toBeNull();
  });

  it("turns Close's field errors into a validation error", async () => {
    await expect(
      createTask(httpFor(fake), { leadId: 'lead_gone', text: 'x' }),
    ).rejects.toBeInstanceOf(CloseValidationError);
  });

  it('ticks a task done and edits its text and day', async () => {
    const http = httpFor(fake);
    const done = await updateTask(http, SEEDED, { isComplete: true });
    expect(done.isComplete).toBe(true);
    expect(fake.requests.at(-1)?.body).toEqual({ is_complete: true });
    expect((await listOpenTasks(http, { leadId: INITECH })).data).toEqual([]);
    const edited = await updateTask(http, SEEDED, { text: 'Send v3', due: inDays(1) });
    expect(edited).toMatchObject({ text: 'Send v3', due: inDays(1) });
    expect((await getTask(http, SEEDED)).text).toBe('Send v3');
  });

  it('refuses a due day that is not YYYY-MM-DD before sending anything', async () => {
    await expect(
      createTask(httpFor(fake), { leadId: HOOLI, text: 'x', due: 'tomorrow' }),
    ).rejects.toThrow(/YYYY-MM-DD/);
    expect(posts()).toHaveLength(0);
  });
});

describe('tasks whose answer is lost', () => {
  it('does not create a task twice when the connection drops after Close created it', async () => {
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/task/', drop: 'after' });
    const task = await createTask(http, { leadId: HOOLI, text: 'Only once', due: inDays(2) });
    const stored = (await listOpenTasks(http, { leadId: HOOLI })).data;
    expect(stored.map((t) => t.id)).toEqual([task.id]);
    expect(posts()).toHaveLength(1);
  });

  it('reports the outcome unknown (never re-sends) when lists lag behind, as strict mode allows', async () => {
    const http = httpFor(fake);
    fake.setMode({ mode: 'strict', listDelayMs: 60_000 });
    fake.failNext({ method: 'POST', path: '/task/', drop: 'after' });
    await expect(
      createTask(http, { leadId: HOOLI, text: 'Maybe', due: inDays(2) }),
    ).rejects.toMatchObject({ outcomeUnknown: true });
    expect(posts()).toHaveLength(1);
  });

  it('ticks a task done once when the answer to the PUT is lost', async () => {
    const http = httpFor(fake);
    fake.failNext({ method: 'PUT', path: `/task/${SEEDED}/`, drop: 'after' });
    const done = await updateTask(http, SEEDED, { isComplete: true });
    expect(done.isComplete).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });
});
