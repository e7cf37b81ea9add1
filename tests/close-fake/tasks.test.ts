import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { todayIn } from '@/tests/close-fake/ids.ts';
import { fid, IDS, KEYS } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { type AnyJson, api } from '@/tests/close-fake/test-support.ts';

let fake: CloseFake;
let acme: ReturnType<typeof api>;
beforeAll(async () => {
  fake = await startCloseFake();
  acme = api(fake, KEYS.acme);
});
afterAll(() => fake.close());
// Lists are current at once unless a test turns strict mode's list delay on.
beforeEach(() => {
  fake.reset();
  fake.setMode({ mode: 'strict', listDelayMs: 0 });
});

const SEEDED = fid('task', 'initechProposal');
const L = IDS.leads;
const ids = (body: AnyJson) => body.data.map((t: AnyJson) => t.id);
const dayAfter = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('GET /task/', () => {
  it("lists a lead's open tasks with Close's fields", async () => {
    const { status, body } = await acme.get(`/task/?lead_id=${L.initech}&is_complete=false`);
    expect(status).toBe(200);
    expect(body.has_more).toBe(false);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      id: SEEDED,
      _type: 'lead',
      lead_id: L.initech,
      lead_name: 'Initech',
      text: 'Send the revised proposal to Bill',
      date: '2024-06-14',
      due_date: '2024-06-14',
      is_dateless: false,
      is_complete: false,
      view: 'inbox',
      assigned_to: IDS.users.ada,
      assigned_to_name: 'Ada Lovelace',
    });
  });

  it('keeps other leads, other organizations and completed tasks out', async () => {
    expect(ids((await acme.get(`/task/?lead_id=${L.umbrella}`)).body)).toEqual([]);
    await acme.put(`/task/${SEEDED}/`, { is_complete: true });
    expect(ids((await acme.get(`/task/?lead_id=${L.initech}&is_complete=false`)).body)).toEqual([]);
    expect(ids((await acme.get(`/task/?lead_id=${L.initech}&view=archive`)).body)).toEqual([
      SEEDED,
    ]);
    const globex = api(fake, KEYS.globex);
    expect(ids((await globex.get('/task/')).body)).toEqual([]);
    expect((await globex.get(`/task/${SEEDED}/`)).status).toBe(404);
  });

  it('files tasks after today under the future view and orders by date', async () => {
    const later = (
      await acme.post('/task/', { lead_id: L.initech, text: 'Later', date: dayAfter(7) })
    ).body;
    const sooner = (
      await acme.post('/task/', { lead_id: L.initech, text: 'Sooner', date: dayAfter(2) })
    ).body;
    expect(later.view).toBe('future');
    expect(ids((await acme.get(`/task/?lead_id=${L.initech}&view=future`)).body)).toEqual([
      later.id,
      sooner.id,
    ]);
    const ordered = await acme.get(`/task/?lead_id=${L.initech}&is_complete=false&_order_by=date`);
    expect(ids(ordered.body)).toEqual([SEEDED, sooner.id, later.id]);
  });
});

describe('POST /task/', () => {
  it('creates a task assigned to the caller by default (as recorded)', async () => {
    const { status, body } = await acme.post('/task/', {
      lead_id: L.initech,
      text: 'Call Bill about the proposal',
      date: dayAfter(3),
    });
    expect(status).toBe(200);
    expect(body.id).toMatch(/^task_\w{43}$/);
    expect(body).toMatchObject({
      lead_id: L.initech,
      text: 'Call Bill about the proposal',
      date: dayAfter(3),
      is_complete: false,
      is_dateless: false,
      assigned_to: IDS.users.ada,
      created_by: IDS.users.ada,
      object_type: null,
      object_id: null,
    });
    expect((await acme.get(`/task/${body.id}/`)).body.text).toBe('Call Bill about the proposal');
  });

  it('files a dateless task under the day it was created', async () => {
    const { body } = await acme.post('/task/', { lead_id: L.initech, text: 'Someday' });
    expect(body.is_dateless).toBe(true);
    expect(body.due_date).toBeNull();
    expect(body.date).toBe(body.date_created.slice(0, 10));
  });

  it("answers Close's field errors for a bad lead, text, date or assignee", async () => {
    const bad = await acme.post('/task/', { lead_id: 'wibble', text: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ errors: [], 'field-errors': { lead: 'Object does not exist.' } });
    const missing = await acme.post('/task/', { lead_id: L.initech });
    expect(missing.body['field-errors']).toEqual({ text: 'This field is required.' });
    const date = await acme.post('/task/', { lead_id: L.initech, text: 'x', date: 'next week' });
    expect(date.body['field-errors']).toEqual({ date: 'Invalid date.' });
    const user = await acme.post('/task/', {
      lead_id: L.initech,
      text: 'x',
      assigned_to: 'user_x',
    });
    expect(user.body['field-errors']).toEqual({ assigned_to: 'Object does not exist.' });
    expect((await acme.get(`/task/?lead_id=${L.initech}`)).body.data).toHaveLength(1);
  });

  it('strict mode: a new task reaches lists only after a delay, but is found by id at once', async () => {
    fake.setMode({ mode: 'strict', listDelayMs: 300 });
    const { body } = await acme.post('/task/', { lead_id: L.initech, text: 'Fresh' });
    expect((await acme.get(`/task/${body.id}/`)).status).toBe(200);
    expect(ids((await acme.get(`/task/?lead_id=${L.initech}`)).body)).toEqual([SEEDED]);
    await new Promise((r) => setTimeout(r, 350));
    expect(ids((await acme.get(`/task/?lead_id=${L.initech}`)).body)).toEqual([SEEDED, body.id]);
  });
});

describe('PUT /task/{id}/', () => {
  it('ticks a task done, logging a TaskCompleted activity (as recorded)', async () => {
    const { status, body } = await acme.put(`/task/${SEEDED}/`, { is_complete: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      is_complete: true,
      view: 'archive',
      object_type: 'taskcompleted',
    });
    expect(body.object_id).toMatch(/^acti_/);
    const activities = await acme.get(`/activity/?lead_id=${L.initech}`);
    expect(activities.body.data.some((a: AnyJson) => a.id === body.object_id)).toBe(true);
    const lead = await acme.get(`/lead/${L.initech}/`);
    expect(lead.body.tasks).toEqual([]);
  });

  it('edits text and date, and refuses an invalid date without changing anything', async () => {
    const next = dayAfter(5);
    const { body } = await acme.put(`/task/${SEEDED}/`, { text: 'Send v3', date: next });
    expect(body).toMatchObject({ text: 'Send v3', date: next, due_date: next });
    const bad = await acme.put(`/task/${SEEDED}/`, { date: 'soon', text: 'Other' });
    expect(bad.status).toBe(400);
    expect((await acme.get(`/task/${SEEDED}/`)).body.text).toBe('Send v3');
  });

  it('answers 404 for an unknown task', async () => {
    const { status, body } = await acme.put(`/task/${fid('task', 'nope')}/`, { text: 'x' });
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'Empty query: Task matching query does not exist.' });
  });

  it("uses the caller's today for views (x-tz-offset)", async () => {
    const today = todayIn(0);
    const { body } = await acme.put(`/task/${SEEDED}/`, { date: today });
    expect(body.view).toBe('inbox');
  });
});
