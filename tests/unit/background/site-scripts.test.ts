import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGmailSwitchWatch } from '@/entrypoints/background/site-scripts';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { readEffectiveSettings } from '@/utils/storage';

describe("Gmail's switch in force", () => {
  beforeEach(() => fakeBrowser.reset());

  function watch() {
    const resume = vi.fn(async () => {});
    const gmailOn = async () => (await readEffectiveSettings()).settings.sites.gmail;
    return { resume, make: () => createGmailSwitchWatch({ gmailOn, resume }) };
  }
  const userSettings = (gmail: boolean): Settings => ({
    ...DEFAULT_SETTINGS,
    sites: { ...DEFAULT_SETTINGS.sites, gmail },
  });

  it("resumes Gmail tabs when the admin's policy turns Gmail back on", async () => {
    const { resume, make } = watch();
    await fakeBrowser.storage.local.set({
      settings: userSettings(true),
      managedPolicyCopy: { sites: { gmail: false } },
    });
    const gmail = make();
    await gmail.check();
    // The admin lifts the policy: the user's own switch was on all along.
    await fakeBrowser.storage.local.set({ managedPolicyCopy: {} });
    // A new worker, woken by the change.
    await make().check();
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it('resumes Gmail tabs when the user turns Gmail back on, and not when it stays on', async () => {
    const { resume, make } = watch();
    await fakeBrowser.storage.local.set({ settings: userSettings(false) });
    const gmail = make();
    await gmail.check();
    await fakeBrowser.storage.local.set({ settings: userSettings(true) });
    await gmail.check();
    await gmail.check();
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it('does not resume while the policy keeps Gmail off', async () => {
    const { resume, make } = watch();
    await fakeBrowser.storage.local.set({
      settings: userSettings(false),
      managedPolicyCopy: { sites: { gmail: false } },
    });
    const gmail = make();
    await gmail.check();
    await fakeBrowser.storage.local.set({ settings: userSettings(true) });
    await gmail.check();
    expect(resume).not.toHaveBeenCalled();
  });
});
