// `npm run verify:close` against the fake: every assumption confirmed in both modes, nothing left
// behind by --write, and a fake that breaks an assumption reported refuted with a non-zero exit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATE_UPDATED_CHECK } from '@/scripts/verify-close/activity-checks';
import { exitCode, formatTable, verifyClose } from '@/scripts/verify-close/checks';
import { fid } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';

const KEY = 'api_test_acme';
const run = promisify(execFile);

describe.each(['strict', 'lenient'] as const)('verify:close against the %s fake', (mode) => {
  let fake: CloseFake;
  beforeAll(async () => {
    fake = await startCloseFake({ mode });
  });
  afterAll(() => fake.close());

  it('confirms every assumption with --write and leaves no lead behind', async () => {
    const leadsBefore = fake.store.leads.size;
    const tasksBefore = fake.store.tasks.size;
    const rows = await verifyClose({
      key: KEY,
      origin: fake.url,
      email: 'gavin@hooli.xyz',
      domain: 'hooli.xyz',
      write: true,
      waitMs: 5_000,
    });
    expect(formatTable(rows)).not.toContain('refuted');
    expect(rows.filter((r) => r.result === 'refuted')).toEqual([]);
    expect(exitCode(rows)).toBe(0);
    for (const name of [
      '_fields.contact gives nested contact objects',
      'search finds a new lead by its http://www. url',
      'new note visible in GET /activity/note/?lead_id=',
      'POST /task/ (_type lead, text)',
      'DELETE /lead/{id}/ removes the throwaway lead',
      'RateLimit header on answers',
      'new task visible in GET /task/?lead_id=',
      'task assumption: a task without date is dateless (is_dateless, due_date null)',
      'task assumption: without assigned_to the task is the caller’s',
      'task assumption: POST /task/ without text → 400 on text',
      'task assumption: POST /task/ with a bad date → 400 on date',
      'task assumption: date YYYY-MM-DD answers due_date of that day',
      'task assumption: GET /task/?is_complete=false lists only open tasks',
      'task assumption: PUT is_complete → gone from is_complete=false',
      'DELETE /task/{id}/ removes the tasks made here',
    ]) {
      expect(rows.find((r) => r.name === name)?.result, name).toBe('confirmed');
    }
    expect(fake.store.leads.size).toBe(leadsBefore);
    expect(fake.store.tasks.size).toBe(tasksBefore);
    expect(JSON.stringify(fake.requests.map((r) => r.headers.authorization))).not.toContain(KEY);
  });
});

describe('verify:close against a fake that breaks an assumption', () => {
  let fake: CloseFake;
  beforeAll(async () => {
    fake = await startCloseFake({ mode: 'strict' });
  });
  afterAll(() => fake.close());

  it('reports nested contacts as ids (Close ignoring _fields.contact) refuted, and still deletes its lead', async () => {
    fake.setMode({ mode: 'strict', nestedContacts: 'ids', listDelayMs: 0 });
    const leadsBefore = fake.store.leads.size;
    const rows = await verifyClose({ key: KEY, origin: fake.url, write: true, waitMs: 1_000 });
    expect(
      rows.find((r) => r.name === '_fields.contact gives nested contact objects')?.result,
    ).toBe('refuted');
    expect(exitCode(rows)).toBe(1);
    expect(fake.store.leads.size).toBe(leadsBefore);
  });

  it('reports _limit=100 refuted when Close caps lists lower', async () => {
    fake.setMode({ mode: 'strict', maxLimit: 50 });
    const rows = await verifyClose({ key: KEY, origin: fake.url });
    expect(rows.find((r) => r.name === '_limit=100 accepted on lists')?.result).toBe('refuted');
    expect(exitCode(rows)).toBe(1);
  });
});

describe("verify:close on a lead's date_updated and its recent activity (read-only)", () => {
  let fake: CloseFake;
  beforeAll(async () => {
    fake = await startCloseFake({ mode: 'strict' });
  });
  afterAll(() => fake.close());
  const row = async () =>
    (await verifyClose({ key: KEY, origin: fake.url })).find((r) => r.name === DATE_UPDATED_CHECK);

  it('is skipped without recent activity, refuted by a lead older than its new activity, confirmed once the lead moved', async () => {
    expect((await row())?.result).toBe('skipped');
    const [leadId, lead] = [...fake.store.leads].find(([, l]) => l.organization_id) ?? [];
    if (!leadId || !lead) throw new Error('no lead in the fake');
    const now = new Date().toISOString().replace('Z', '000+00:00');
    fake.store.addActivity(lead.organization_id, leadId, {
      id: fid('acti', 'verifydateupdated'),
      _type: 'Call',
      date_created: now,
      activity_at: now,
    });
    expect(await row()).toMatchObject({ result: 'refuted' });
    lead.date_updated = now;
    expect(await row()).toMatchObject({ result: 'confirmed' });
  });
});

describe('npm run verify:close', () => {
  let fake: CloseFake;
  beforeAll(async () => {
    fake = await startCloseFake({ mode: 'strict' });
  });
  afterAll(() => fake.close());

  const script = ['tsx', 'scripts/verify-close.ts'];

  it('says it was skipped and exits 0 without a key', async () => {
    const env = { ...process.env };
    delete env.CLOSE_API_KEY;
    const { stdout } = await run('npx', script, { env });
    expect(stdout.trim()).toBe('verify:close skipped: CLOSE_API_KEY is not set.');
  });

  it('prints its table, never the key, and exits 0 read-only', async () => {
    const env = { ...process.env, CLOSE_API_KEY: KEY, CLOSE_API_ORIGIN: fake.url };
    const { stdout, stderr } = await run(
      'npx',
      [...script, '--email', 'gavin@hooli.xyz', '--domain', 'hooli.xyz'],
      { env },
    );
    expect(stdout).toContain('search by domain finds its lead');
    expect(stdout).toContain('No assumption refuted.');
    expect(stdout + stderr).not.toContain(KEY);
  });

  it('exits non-zero when an assumption is refuted', async () => {
    fake.setMode({ mode: 'strict', maxLimit: 50 });
    const env = { ...process.env, CLOSE_API_KEY: KEY, CLOSE_API_ORIGIN: fake.url };
    const failed = await run('npx', script, { env }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/_limit=100 accepted on lists\s+refuted/);
  });
});
