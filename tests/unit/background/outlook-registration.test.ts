import { describe, expect, it, vi } from 'vitest';
import {
  createOutlookRegistration,
  type OutlookRegistrationApi,
} from '@/entrypoints/background/outlook-registration';

const ALL = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];

/** A browser with a permission set and a registry of dynamic content scripts. */
function fakeApi(granted: string[]) {
  const state = {
    granted: new Set(granted),
    registered: null as string[] | null,
    injected: [] as string[][],
  };
  const api: OutlookRegistrationApi = {
    containsOrigin: async (origin) => state.granted.has(origin),
    registeredMatches: async () => state.registered,
    register: vi.fn(async (matches: string[]) => {
      if (state.registered) throw new Error('Duplicate script ID');
      state.registered = matches;
    }),
    unregister: vi.fn(async () => {
      state.registered = null;
    }),
    injectIntoOpenTabs: vi.fn(async (matches: string[]) => {
      state.injected.push(matches);
    }),
  };
  return { api, state };
}

describe('the Outlook reader registration', () => {
  it('registers the reader for the granted Outlook hosts and starts it in open tabs', async () => {
    const { api, state } = fakeApi(ALL);
    await createOutlookRegistration({ api, outlookEnabled: async () => true }).sync();
    expect(state.registered).toEqual(ALL);
    expect(state.injected).toEqual([ALL]);
  });

  it('registers nothing without the permission', async () => {
    const { api, state } = fakeApi([]);
    await createOutlookRegistration({ api, outlookEnabled: async () => true }).sync();
    expect(state.registered).toBeNull();
  });

  it('unregisters when Outlook is switched off, and again when the permission is revoked', async () => {
    const { api, state } = fakeApi(ALL);
    let enabled = true;
    const registration = createOutlookRegistration({ api, outlookEnabled: async () => enabled });
    await registration.sync();
    enabled = false;
    await registration.sync();
    expect(state.registered).toBeNull();

    enabled = true;
    await registration.sync();
    expect(state.registered).toEqual(ALL);
    state.granted.clear();
    await registration.sync();
    expect(state.registered).toBeNull();
  });

  it('never registers twice when syncs overlap, and leaves an unchanged registration alone', async () => {
    const { api, state } = fakeApi(ALL);
    const registration = createOutlookRegistration({ api, outlookEnabled: async () => true });
    await Promise.all([registration.sync(), registration.sync(), registration.sync()]);
    expect(api.register).toHaveBeenCalledTimes(1);
    expect(api.unregister).not.toHaveBeenCalled();
    expect(state.registered).toEqual(ALL);
  });

  it('follows a partial grant: only the hosts the user allowed', async () => {
    const { api, state } = fakeApi(['https://outlook.live.com/*']);
    await createOutlookRegistration({ api, outlookEnabled: async () => true }).sync();
    expect(state.registered).toEqual(['https://outlook.live.com/*']);
  });
});
