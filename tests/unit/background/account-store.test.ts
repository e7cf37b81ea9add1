import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  type KeyValueArea,
  type LegacyArea,
  moveAccounts,
  type StoredAccount,
} from '@/utils/account-store';

const account = (organizationId: string): StoredAccount => ({
  apiKey: `api_${organizationId}`,
  organizationId,
  organizationName: organizationId,
  userId: 'user_1',
  userName: 'Ada Lovelace',
  userEmail: 'ada@acme.test',
  connectedAt: 1,
});

function memoryArea(initial: Record<string, unknown> = {}): KeyValueArea & {
  data: Record<string, unknown>;
} {
  const data = { ...initial };
  return {
    data,
    get: async (key) => data[key],
    set: async (key, value) => {
      data[key] = value;
    },
  };
}

function legacyArea(initial: Record<string, unknown> | null) {
  const area = memoryArea(initial ?? {});
  const legacy: LegacyArea & { discarded: boolean; get: ReturnType<typeof vi.fn> } = {
    ...area,
    get: vi.fn(area.get),
    discarded: false,
    exists: async () => initial !== null && !legacy.discarded,
    discard: async () => {
      legacy.discarded = true;
    },
  };
  return legacy;
}

describe('accounts kept by an earlier start', () => {
  it('moves accounts left in IndexedDB into storage.local when it has none, then drops them', async () => {
    const legacy = legacyArea({ 'accounts.v1': [account('orga_acme'), account('orga_globex')] });
    const local = memoryArea();
    expect(await moveAccounts(legacy, local)).toBe(2);
    expect(local.data['accounts.v1']).toEqual([account('orga_acme'), account('orga_globex')]);
    expect(legacy.discarded).toBe(true);
  });

  it('leaves storage.local alone when it already has accounts', async () => {
    const legacy = legacyArea({ 'accounts.v1': [account('orga_old')] });
    const local = memoryArea({ 'accounts.v1': [account('orga_acme')] });
    expect(await moveAccounts(legacy, local)).toBe(0);
    expect(local.data['accounts.v1']).toEqual([account('orga_acme')]);
    expect(legacy.get).not.toHaveBeenCalled();
  });

  it('discards the old copy when storage.local already has accounts', async () => {
    const legacy = legacyArea({ 'accounts.v1': [account('orga_old')] });
    const local = memoryArea({ 'accounts.v1': [account('orga_acme')] });
    expect(await moveAccounts(legacy, local)).toBe(0);
    expect(legacy.discarded).toBe(true);
    expect(local.data['accounts.v1']).toEqual([account('orga_acme')]);
  });

  it('does not open a database that does not exist', async () => {
    const legacy = legacyArea(null);
    expect(await moveAccounts(legacy, memoryArea())).toBe(0);
    expect(legacy.get).not.toHaveBeenCalled();
  });

  it('keeps the old copy when the new one cannot be written', async () => {
    const legacy = legacyArea({ 'accounts.v1': [account('orga_acme')] });
    const local: KeyValueArea = {
      get: async () => undefined,
      set: async () => {
        throw new Error('quota');
      },
    };
    await expect(moveAccounts(legacy, local)).rejects.toThrow('quota');
    expect(legacy.discarded).toBe(false);
  });

  it('drops an old copy that holds nothing usable', async () => {
    const legacy = legacyArea({ 'accounts.v1': [{ apiKey: '' }] });
    const local = memoryArea();
    expect(await moveAccounts(legacy, local)).toBe(0);
    expect(local.data['accounts.v1']).toBeUndefined();
    expect(legacy.discarded).toBe(true);
  });
});

describe('the secret area', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  it('uses storage.local, locked to trusted contexts, where the browser can lock it', async () => {
    const setAccessLevel = vi.fn(async () => {});
    fakeBrowser.storage.local.setAccessLevel = setAccessLevel;
    const { readAccounts, writeAccounts } = await import('@/utils/account-store');
    await writeAccounts([account('orga_acme')]);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    expect((await fakeBrowser.storage.local.get('accounts.v1'))['accounts.v1']).toHaveLength(1);
    expect(await readAccounts()).toEqual([account('orga_acme')]);
  });

  it('reads accounts already in storage.local without waiting for the lock', async () => {
    fakeBrowser.storage.local.setAccessLevel = vi.fn(() => new Promise<void>(() => {}));
    await fakeBrowser.storage.local.set({ 'accounts.v1': [account('orga_acme')] });
    const { readAccounts } = await import('@/utils/account-store');
    expect(await readAccounts()).toEqual([account('orga_acme')]);
  });

  it('tries to lock storage.local again after a failed attempt', async () => {
    const setAccessLevel = vi
      .fn<(options: { accessLevel: string }) => Promise<void>>()
      .mockRejectedValueOnce(new Error('busy'))
      .mockResolvedValue(undefined);
    fakeBrowser.storage.local.setAccessLevel = setAccessLevel;
    const { readAccounts, secretArea } = await import('@/utils/account-store');
    await expect(secretArea()).rejects.toThrow('busy');
    expect(await readAccounts()).toEqual([]);
    expect(setAccessLevel).toHaveBeenCalledTimes(2);
  });

  it('does not create a secrets database just to look for old accounts', async () => {
    fakeBrowser.storage.local.setAccessLevel = vi.fn(async () => {});
    const open = vi.fn();
    vi.stubGlobal('indexedDB', { databases: vi.fn(async () => []), open });
    try {
      const { readAccounts } = await import('@/utils/account-store');
      expect(await readAccounts()).toEqual([]);
      expect(open).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
