// The first screen's per-lead reads: a reopened panel within the fresh time (ten minutes by
// default, else the user's cache setting) asks Close nothing; a write naming the lead, time, or a
// caller saying the entry is out of date (the lead changed since) makes the next read ask again.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLeadReadsCache, LEAD_READS_FRESH_MS } from '@/utils/lookup/lead-reads-cache';

const isList = (value: unknown): value is string[] => Array.isArray(value);
const key = { organizationId: 'orga_1', leadId: 'lead_1', kind: 'activity' };

describe('lead reads cache', () => {
  let clock: number;
  beforeEach(() => {
    fakeBrowser.reset();
    clock = 1_000_000;
  });

  it('serves a read seen in the last ten minutes without loading, then loads again', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    const load = vi.fn(async () => ['note 1']);
    expect(await cache.read(key, load, isList)).toEqual(['note 1']);
    clock += LEAD_READS_FRESH_MS - 1;
    // A new worker (restart) still finds it: the entry lives in storage.session.
    expect(await createLeadReadsCache({ now: () => clock }).read(key, load, isList)).toEqual([
      'note 1',
    ]);
    expect(load).toHaveBeenCalledTimes(1);
    clock += 2;
    await cache.read(key, load, isList);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps organizations and leads apart', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    await cache.read(key, async () => ['a'], isList);
    expect(
      await cache.read({ ...key, organizationId: 'orga_2' }, async () => ['b'], isList),
    ).toEqual(['b']);
    expect(await cache.read({ ...key, leadId: 'lead_2' }, async () => ['c'], isList)).toEqual([
      'c',
    ]);
  });

  it('asks again at once after a write names the lead, even one still being stored', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    await cache.read(key, async () => ['before'], isList);
    void cache.forgetTouched({
      method: 'POST',
      path: '/opportunity/',
      body: { lead_id: 'lead_1', value: 100 },
      response: { id: 'oppo_9', lead_id: 'lead_1' },
    });
    expect(await cache.read(key, async () => ['after'], isList)).toEqual(['after']);
  });

  it('does not keep an answer whose load a write overtook', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    let release!: (value: string[]) => void;
    const slow = cache.read(
      key,
      () => new Promise<string[]>((resolve) => (release = resolve)),
      isList,
    );
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    clock += 1;
    await cache.forgetTouched({ method: 'PUT', path: '/lead/lead_1/', body: {}, response: {} });
    release(['old']);
    await slow;
    expect(await cache.read(key, async () => ['new'], isList)).toEqual(['new']);
  });

  it('ignores a stored value that fails its check, and clears per organization', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    await fakeBrowser.storage.session.set({
      'closeLeadReads:orga_1:lead_1:activity': { fetchedAt: clock, value: 'corrupt' },
    });
    expect(await cache.read(key, async () => ['fresh'], isList)).toEqual(['fresh']);
    expect(await cache.clear('orga_2')).toBe(0);
    expect(await cache.clear('orga_1')).toBe(1);
  });

  it('keeps serving another organization’s reads after one organization is cleared', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    const other = { ...key, organizationId: 'orga_2' };
    await cache.read(key, async () => ['one'], isList);
    await cache.read(other, async () => ['two'], isList);
    clock += 1;
    await cache.clear('orga_1');
    const load = vi.fn(async () => ['asked']);
    expect(await cache.read(other, load, isList)).toEqual(['two']);
    expect(await cache.read(key, load, isList)).toEqual(['asked']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows an entry older than the fresh time at once and revalidates it in the background', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    await cache.read(key, async () => ['old'], isList);
    clock += LEAD_READS_FRESH_MS + 1;
    let release!: (value: string[]) => void;
    const load = vi.fn(() => new Promise<string[]>((resolve) => (release = resolve)));
    expect(await cache.readOrRevalidate(key, load, isList)).toEqual({
      value: ['old'],
      stale: true,
      freshFor: 0,
    });
    expect(load).toHaveBeenCalledTimes(1);
    // The panel asks again for the fresh page: it joins the revalidation, no second request.
    const again = cache.read(key, load, isList);
    release(['new']);
    expect(await again).toEqual(['new']);
    expect(load).toHaveBeenCalledTimes(1);
    // Stored: fresh again for the next ten minutes.
    expect(await cache.readOrRevalidate(key, load, isList)).toEqual({
      value: ['new'],
      stale: false,
      freshFor: LEAD_READS_FRESH_MS,
    });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never shows a stale entry after a write named the lead, nor keeps a revalidation it overtook', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    await cache.read(key, async () => ['before'], isList);
    clock += LEAD_READS_FRESH_MS + 1;
    let release!: (value: string[]) => void;
    const revalidation = () => new Promise<string[]>((resolve) => (release = resolve));
    expect((await cache.readOrRevalidate(key, revalidation, isList)).stale).toBe(true);
    clock += 1;
    await cache.forgetTouched({
      method: 'POST',
      path: '/activity/call/',
      body: { lead_id: 'lead_1', note: 'called' },
      response: { id: 'acti_9', lead_id: 'lead_1' },
    });
    // The read after the write does not join the revalidation that started before it.
    const after = vi.fn(async () => ['with the note']);
    expect(await cache.read(key, after, isList)).toEqual(['with the note']);
    expect(after).toHaveBeenCalledTimes(1);
    release(['without the note']);
    await Promise.resolve();
    expect(await cache.readOrRevalidate(key, after, isList)).toEqual({
      value: ['with the note'],
      stale: false,
      freshFor: LEAD_READS_FRESH_MS,
    });
  });

  it('loads (and waits) when there is nothing, or only an entry past the maximum age', async () => {
    const cache = createLeadReadsCache({ now: () => clock, maxAgeMs: 60 * 60_000 });
    expect(await cache.readOrRevalidate(key, async () => ['first'], isList)).toEqual({
      value: ['first'],
      stale: false,
      freshFor: LEAD_READS_FRESH_MS,
    });
    clock += 60 * 60_000 + 1;
    expect(await cache.readOrRevalidate(key, async () => ['second'], isList)).toEqual({
      value: ['second'],
      stale: false,
      freshFor: LEAD_READS_FRESH_MS,
    });
  });

  it('keeps the stale entry when its revalidation fails', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    await cache.read(key, async () => ['kept'], isList);
    clock += LEAD_READS_FRESH_MS + 1;
    const failing = async (): Promise<string[]> => {
      throw new Error('offline');
    };
    expect(await cache.readOrRevalidate(key, failing, isList)).toEqual({
      value: ['kept'],
      stale: true,
      freshFor: 0,
    });
    await expect(cache.read(key, failing, isList)).rejects.toThrow('offline');
    expect((await cache.readOrRevalidate(key, async () => ['x'], isList)).value).toEqual(['kept']);
  });

  it('revalidates a fresh entry the caller says is out of date (the lead changed since it was loaded)', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    type Page = { items: string[]; leadUpdated: string };
    const isPage = (value: unknown): value is Page =>
      typeof value === 'object' && value !== null && Array.isArray((value as Page).items);
    const monday = '2024-05-20T09:00:00Z';
    const tuesday = '2024-05-21T09:00:00Z';
    const outdatedFor = (leadUpdated: string) => ({
      outdated: (page: Page) => Date.parse(leadUpdated) > Date.parse(page.leadUpdated),
    });
    await cache.read(key, async () => ({ items: ['call'], leadUpdated: monday }), isPage);
    clock += 60_000;
    const load = vi.fn(async () => ({ items: ['email', 'call'], leadUpdated: tuesday }));
    // The same date_updated: fresh, nothing asked.
    expect(
      (await cache.readOrRevalidate(key, load, isPage, outdatedFor(monday))).value.items,
    ).toEqual(['call']);
    expect(load).not.toHaveBeenCalled();
    // A newer one: the old page at once, marked stale, while Close is asked; `read` joins that.
    const served = await cache.readOrRevalidate(key, load, isPage, outdatedFor(tuesday));
    expect(served).toMatchObject({ stale: true, freshFor: 0 });
    expect(served.value.items).toEqual(['call']);
    expect((await cache.read(key, load, isPage, outdatedFor(tuesday))).items).toEqual([
      'email',
      'call',
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("follows the user's cache time when given one, and says how long an answer stays fresh", async () => {
    let minutes = 30;
    const cache = createLeadReadsCache({ now: () => clock, freshMs: async () => minutes * 60_000 });
    const load = vi.fn(async () => ['page']);
    await cache.read(key, load, isList);
    clock += 20 * 60_000;
    expect(await cache.readOrRevalidate(key, load, isList)).toEqual({
      value: ['page'],
      stale: false,
      freshFor: 10 * 60_000,
    });
    expect(load).toHaveBeenCalledTimes(1);
    minutes = 0;
    expect((await cache.readOrRevalidate(key, load, isList)).stale).toBe(true);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never serves an entry stored before clear(), even one a slow removal left behind', async () => {
    const area = {
      items: new Map<string, unknown>(),
      async get(keys: string | null) {
        if (keys === null) return Object.fromEntries(this.items);
        return this.items.has(keys) ? { [keys]: this.items.get(keys) } : {};
      },
      async set(values: Record<string, unknown>) {
        for (const [k, v] of Object.entries(values)) this.items.set(k, v);
      },
      // A removal that never lands (a storage call still queued).
      async remove() {},
    };
    const cache = createLeadReadsCache({ now: () => clock, area });
    await cache.read(key, async () => ['before'], isList);
    clock += 1;
    await cache.clear();
    clock += 1;
    expect(await cache.read(key, async () => ['after'], isList)).toEqual(['after']);
  });

  it('keeps an entry past the fresh time while the caller confirms it is current, never past the bound', async () => {
    const cache = createLeadReadsCache({ now: () => clock, confirmedForMs: 60 * 60_000 });
    const loadedAt = clock;
    const load = vi.fn(async () => ['page']);
    await cache.read(key, load, isList);
    clock += LEAD_READS_FRESH_MS + 60_000;
    // A confirmation from before the load says nothing: stale, and revalidated.
    const before = { confirmedAt: () => loadedAt - 1 };
    expect((await cache.readOrRevalidate(key, load, isList, before)).stale).toBe(true);
    await cache.read(key, load, isList, before); // joins that revalidation until it is stored
    expect(load).toHaveBeenCalledTimes(2);
    clock += LEAD_READS_FRESH_MS + 60_000;
    // One two minutes ago: fresh for the rest of the fresh time from then, nothing asked.
    const recent = { confirmedAt: () => clock - 2 * 60_000 };
    expect(await cache.readOrRevalidate(key, load, isList, recent)).toEqual({
      value: ['page'],
      stale: false,
      freshFor: LEAD_READS_FRESH_MS - 2 * 60_000,
    });
    expect(load).toHaveBeenCalledTimes(2);
    // An hour after the load no confirmation keeps it.
    clock += 60 * 60_000;
    const justNow = { confirmedAt: () => clock };
    expect((await cache.readOrRevalidate(key, load, isList, justNow)).stale).toBe(true);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('serves a stale entry without asking Close when the caller defers its revalidation', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    const load = vi.fn(async () => ['page']);
    await cache.read(key, load, isList);
    clock += LEAD_READS_FRESH_MS + 1;
    expect(await cache.readOrRevalidate(key, load, isList, { deferRevalidation: true })).toEqual({
      value: ['page'],
      stale: true,
      freshFor: 0,
    });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps the entries of a lead a new note was saved to, with the note added in place', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    await cache.read(key, async () => ['call'], isList);
    await cache.read({ ...key, kind: 'tasks' }, async () => ['task'], isList);
    // Pending: a load that started before the note must not store a page without it.
    let release!: (value: string[]) => void;
    const other = { ...key, kind: 'other' };
    const slow = cache.read(other, () => new Promise<string[]>((r) => (release = r)), isList);
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    const note = {
      method: 'POST' as const,
      path: 'activity/note/',
      body: { lead_id: 'lead_1', note: 'hi' },
      response: { id: 'acti_9', lead_id: 'lead_1' },
    };
    await cache.forgetTouched(note);
    await cache.amend(key, isList, (items) => ['note', ...items]);
    release(['before the note']);
    await slow;
    const none = vi.fn(async () => ['asked']);
    expect(await cache.read(key, none, isList)).toEqual(['note', 'call']);
    expect(await cache.read({ ...key, kind: 'tasks' }, none, isList)).toEqual(['task']);
    expect(none).not.toHaveBeenCalled();
    expect(await cache.read(other, none, isList)).toEqual(['asked']);
  });
});
