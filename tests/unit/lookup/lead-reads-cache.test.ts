// The first screen's per-lead reads: a reopened panel within two minutes asks Close nothing; a
// write naming the lead, or time, makes the next read ask again.
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

  it('serves a read seen in the last two minutes without loading, then loads again', async () => {
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
      path: '/activity/note/',
      body: { lead_id: 'lead_1', note: 'hi' },
      response: { id: 'acti_9', lead_id: 'lead_1' },
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

  it('shows an entry older than the fresh time at once and revalidates it in the background', async () => {
    const cache = createLeadReadsCache({ now: () => clock });
    await cache.read(key, async () => ['old'], isList);
    clock += LEAD_READS_FRESH_MS + 1;
    let release!: (value: string[]) => void;
    const load = vi.fn(() => new Promise<string[]>((resolve) => (release = resolve)));
    expect(await cache.readOrRevalidate(key, load, isList)).toEqual({
      value: ['old'],
      stale: true,
    });
    expect(load).toHaveBeenCalledTimes(1);
    // The panel asks again for the fresh page: it joins the revalidation, no second request.
    const again = cache.read(key, load, isList);
    release(['new']);
    expect(await again).toEqual(['new']);
    expect(load).toHaveBeenCalledTimes(1);
    // Stored: fresh again for the next two minutes.
    expect(await cache.readOrRevalidate(key, load, isList)).toEqual({
      value: ['new'],
      stale: false,
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
      path: '/activity/note/',
      body: { lead_id: 'lead_1', note: 'hi' },
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
    });
  });

  it('loads (and waits) when there is nothing, or only an entry past the maximum age', async () => {
    const cache = createLeadReadsCache({ now: () => clock, maxAgeMs: 60 * 60_000 });
    expect(await cache.readOrRevalidate(key, async () => ['first'], isList)).toEqual({
      value: ['first'],
      stale: false,
    });
    clock += 60 * 60_000 + 1;
    expect(await cache.readOrRevalidate(key, async () => ['second'], isList)).toEqual({
      value: ['second'],
      stale: false,
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
    });
    await expect(cache.read(key, failing, isList)).rejects.toThrow('offline');
    expect((await cache.readOrRevalidate(key, async () => ['x'], isList)).value).toEqual(['kept']);
  });
});
