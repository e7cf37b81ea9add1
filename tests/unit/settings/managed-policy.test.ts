// The admin's policy is read from its copy in storage.local; storage.managed is read only at
// startup and when the policy changes, and settings watchers hear of a change once the copy has it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

async function freshStorage() {
  vi.resetModules();
  return import('@/utils/storage');
}

describe("the admin's policy copy", () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('serves settings reads from the copy without touching storage.managed', async () => {
    await fakeBrowser.storage.managed.set({ sites: { gmail: false } });
    const { readEffectiveSettings } = await freshStorage();
    // The very first run waits for the real read.
    expect((await readEffectiveSettings()).settings.sites.gmail).toBe(false);

    const managedGet = vi.spyOn(fakeBrowser.storage.managed, 'get');
    const localSet = vi.spyOn(fakeBrowser.storage.local, 'set');
    for (let i = 0; i < 5; i++) await readEffectiveSettings();
    expect(managedGet).not.toHaveBeenCalled();
    expect(localSet).not.toHaveBeenCalled();
  });

  it('refreshes the copy at startup, rewriting it only when the policy changed', async () => {
    await fakeBrowser.storage.managed.set({ cacheMinutes: 30 });
    const first = await freshStorage();
    await first.readManagedPolicy();
    // The policy changed while the browser was closed.
    await fakeBrowser.storage.managed.set({ cacheMinutes: 45 });

    const { followManagedPolicy, readManagedPolicy, watchSettings } = await freshStorage();
    const heard = vi.fn();
    watchSettings(heard);
    expect(await readManagedPolicy()).toEqual({ cacheMinutes: 30 });
    const unfollow = followManagedPolicy();
    await vi.waitFor(async () => expect(await readManagedPolicy()).toEqual({ cacheMinutes: 45 }));
    expect(heard).toHaveBeenCalledTimes(1);
    unfollow();

    // The same policy at the next start writes nothing and tells nobody.
    const localSet = vi.spyOn(fakeBrowser.storage.local, 'set');
    const next = await freshStorage();
    await next.refreshManagedPolicy();
    expect(localSet).not.toHaveBeenCalled();
  });

  it('tells settings watchers about a policy change only once the copy has it', async () => {
    const { followManagedPolicy, readEffectiveSettings, watchSettings } = await freshStorage();
    const unfollow = followManagedPolicy();
    await readEffectiveSettings();
    const seen: string[][] = [];
    watchSettings(() => {
      void readEffectiveSettings().then(({ settings }) => seen.push(settings.neverLookUp));
    });

    await fakeBrowser.storage.managed.set({ neverLookUp: ['competitor.com'] });
    await vi.waitFor(() => expect(seen).toEqual([['competitor.com']]));
    unfollow();
  });
});
