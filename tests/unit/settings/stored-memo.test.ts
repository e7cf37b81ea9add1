import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { readEffectiveSettings, settingsChangedBy, writeSettings } from '@/utils/storage';
import { storedMemo } from '@/utils/stored-memo';

describe('settings kept in memory by the background', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    // The policy copy the background keeps (its first write counts as a change, as it should).
    await fakeBrowser.storage.local.set({ managedPolicyCopy: {} });
  });

  it('reads storage once while nothing changes', async () => {
    const read = vi.fn(readEffectiveSettings);
    const settings = storedMemo(read, settingsChangedBy);
    await settings.get();
    await settings.get();
    expect(read).toHaveBeenCalledTimes(1);
    settings.stop();
  });

  it('a settings change takes effect on the next read', async () => {
    const settings = storedMemo(readEffectiveSettings, settingsChangedBy);
    expect((await settings.get()).settings.neverLookUp).toEqual([]);
    await writeSettings({ ...DEFAULT_SETTINGS, neverLookUp: ['initech.com'] });
    await vi.waitFor(async () =>
      expect((await settings.get()).settings.neverLookUp).toEqual(['initech.com']),
    );
    settings.stop();
  });

  it("follows the admin's policy copy too, and ignores unrelated changes", async () => {
    const read = vi.fn(readEffectiveSettings);
    const settings = storedMemo(read, settingsChangedBy);
    await settings.get();
    await fakeBrowser.storage.local.set({ collapsedSections: { timeline: true } });
    await fakeBrowser.storage.session.set({ settings: 'not these' });
    await settings.get();
    expect(read).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.local.set({ managedPolicyCopy: { cacheMinutes: 30 } });
    await vi.waitFor(async () => expect((await settings.get()).settings.cacheMinutes).toBe(30));
    settings.stop();
  });

  it('reads again after a failed read, and after its owner says it wrote', async () => {
    let fail = true;
    const read = vi.fn(async () => {
      if (fail) throw new Error('storage unavailable');
      return readEffectiveSettings();
    });
    const settings = storedMemo(read, settingsChangedBy);
    await expect(settings.get()).rejects.toThrow('storage unavailable');
    fail = false;
    await settings.get();
    settings.invalidate();
    await settings.get();
    expect(read).toHaveBeenCalledTimes(3);
    settings.stop();
  });
});
