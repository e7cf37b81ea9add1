import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnectionService } from '@/entrypoints/background/connection';
import { AppFailure } from '@/utils/app-error';
import type { Me } from '@/utils/close/types';
import { watchConnection } from '@/utils/ui/connection-signal';

const acme: Me = {
  userId: 'user_1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.test',
  organizations: [{ id: 'orga_acme', name: 'Acme Sales' }],
};
const globex: Me = { ...acme, organizations: [{ id: 'orga_globex', name: 'Globex Partners' }] };

describe('connecting Close accounts', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // fakeBrowser has no access levels; the real call is covered by the E2E isolated-world test.
    fakeBrowser.storage.local.setAccessLevel = vi.fn(async () => {});
  });

  it('stores a verified key and reports who is connected without the key', async () => {
    const service = createConnectionService({ verifyKey: async () => acme });
    const state = await service.connect('api_acme');
    expect(state).toEqual({
      status: 'connected',
      active: {
        organizationId: 'orga_acme',
        organizationName: 'Acme Sales',
        userName: 'Ada Lovelace',
        userEmail: 'ada@acme.test',
      },
      accounts: [expect.objectContaining({ organizationId: 'orga_acme' })],
    });
    expect(JSON.stringify(state)).not.toContain('api_acme');
    expect((await service.activeAccount())?.apiKey).toBe('api_acme');
  });

  it('stores nothing when Close refuses the key', async () => {
    const service = createConnectionService({
      verifyKey: async () => {
        throw new AppFailure({ kind: 'auth', message: 'wrong key' });
      },
    });
    await expect(service.connect('api_wrong')).rejects.toThrow('wrong key');
    expect(await service.state()).toEqual({ status: 'disconnected' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('api_wrong');
  });

  it('counts as connected only once the admin policy is known; a wrong key fails without waiting', async () => {
    let policyKnown = () => {};
    const policy = new Promise<void>((resolve) => {
      policyKnown = resolve;
    });
    const service = createConnectionService({
      verifyKey: async (key) => {
        if (key === 'api_wrong') throw new AppFailure({ kind: 'auth', message: 'wrong key' });
        return acme;
      },
      beforeConnected: () => policy,
    });
    await expect(service.connect('api_wrong')).rejects.toThrow('wrong key');
    let connected = false;
    const connecting = service.connect('api_acme').then(() => {
      connected = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(connected).toBe(false);
    expect(await service.state()).toEqual({ status: 'disconnected' });
    policyKnown();
    await connecting;
    expect((await service.state()).status).toBe('connected');
  });

  it('keeps one key per organization, switches to the newest and forgets on disconnect', async () => {
    const verifyKey = vi.fn(async (key: string) => (key === 'api_globex' ? globex : acme));
    const onChange = vi.fn();
    const service = createConnectionService({ verifyKey, onChange });
    await service.connect('api_acme');
    await service.connect('api_globex');
    await service.connect('api_acme_2');
    const state = await service.state();
    expect(state.status === 'connected' && state.accounts.map((a) => a.organizationId)).toEqual([
      'orga_globex',
      'orga_acme',
    ]);
    expect((await service.activeAccount())?.apiKey).toBe('api_acme_2');
    const after = await service.disconnect();
    expect(after.status === 'connected' && after.active.organizationId).toBe('orga_globex');
    expect(await service.disconnect()).toEqual({ status: 'disconnected' });
    expect(onChange).toHaveBeenCalledTimes(5);
  });

  it('tells open pages when the accounts change without them following the keys', async () => {
    // What a page asks the background when it refreshes: count the asks, answer "disconnected".
    const asks = vi.fn();
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      asks(message);
      return Promise.resolve({ ok: true, value: { status: 'disconnected' } });
    });
    const unwatch = watchConnection();
    await vi.waitFor(() => expect(asks).toHaveBeenCalledTimes(1));

    // The keys changing on their own (as any write to them would) is not what a page follows...
    await fakeBrowser.storage.local.set({ 'accounts.v1': [] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asks).toHaveBeenCalledTimes(1);

    // ...the connection service's own signal is.
    const service = createConnectionService({ verifyKey: async () => acme });
    await service.connect('api_acme');
    await vi.waitFor(() => expect(asks.mock.calls.length).toBeGreaterThanOrEqual(2));
    const before = asks.mock.calls.length;
    await service.disconnect();
    await vi.waitFor(() => expect(asks.mock.calls.length).toBeGreaterThan(before));
    unwatch();
  });
});
