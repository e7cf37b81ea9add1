// Connecting and disconnecting Close accounts: verify a key with /me/, keep it in the account
// store, and say who is connected (never handing the key out).

import {
  ACCOUNTS_KEY,
  readAccounts,
  type StoredAccount,
  writeAccounts,
} from '@/utils/account-store';
import { AppFailure } from '@/utils/app-error';
import type { Me } from '@/utils/close/types';
import type { AccountSummary, ConnectionState } from '@/utils/connection-state';
import { t } from '@/utils/i18n';
import { activeOrganizationItem, connectionVersionItem } from '@/utils/storage';
import { storedMemo } from '@/utils/stored-memo';

/** storage.local keys whose change means the accounts or the active one changed. */
const ACCOUNT_KEYS = new Set([ACCOUNTS_KEY, 'activeOrganizationId', 'connectionVersion']);

export interface ConnectionService {
  state(): Promise<ConnectionState>;
  connect(apiKey: string): Promise<ConnectionState>;
  disconnect(organizationId?: string): Promise<ConnectionState>;
  /** Makes another connected organization's key the active one. */
  switchTo(organizationId: string): Promise<ConnectionState>;
  /** The active account, key included: for the Close client only. */
  activeAccount(): Promise<StoredAccount | null>;
  /** A connected organization's account, key included (null when not connected): for Close clients only. */
  account(organizationId: string): Promise<StoredAccount | null>;
}

export function createConnectionService(deps: {
  verifyKey: (apiKey: string) => Promise<Me>;
  /**
   * Waited for alongside the key check, before the account is stored (the background: the admin's
   * policy, so nothing is looked up before the first look-up can know it). A wrong key still fails
   * at once.
   */
  beforeConnected?: () => Promise<unknown>;
  now?: () => number;
  onChange?: () => void;
}): ConnectionService {
  const now = deps.now ?? Date.now;
  // Every report, look-up and Close request asks for the active account: read once, kept until
  // this service writes the accounts or storage says they changed. (Firefox keeps the accounts in
  // IndexedDB, which has no change event; only this service writes them.)
  const stored = storedMemo(
    async () => {
      const [accounts, activeId] = await Promise.all([
        readAccounts(),
        activeOrganizationItem.getValue(),
      ]);
      const active = accounts.find((a) => a.organizationId === activeId) ?? accounts[0] ?? null;
      return { accounts, active };
    },
    (keys, area) => area === 'local' && keys.some((key) => ACCOUNT_KEYS.has(key)),
  );

  async function activeAccount(): Promise<StoredAccount | null> {
    return (await stored.get()).active;
  }

  async function account(organizationId: string): Promise<StoredAccount | null> {
    return (await stored.get()).accounts.find((a) => a.organizationId === organizationId) ?? null;
  }

  /** Tells extension pages the accounts changed, without handing them the accounts. */
  async function accountsChanged(): Promise<void> {
    await connectionVersionItem.setValue((await connectionVersionItem.getValue()) + 1);
  }

  async function state(): Promise<ConnectionState> {
    const { accounts, active } = await stored.get();
    if (!active) return { status: 'disconnected' };
    return { status: 'connected', active: summarize(active), accounts: accounts.map(summarize) };
  }

  return {
    state,
    activeAccount,
    account,
    async connect(apiKey) {
      const [me] = await Promise.all([deps.verifyKey(apiKey), deps.beforeConnected?.()]);
      const organization = me.organizations[0];
      if (!organization) {
        throw new AppFailure({
          kind: 'auth',
          message: t('connectionNoOrganization'),
        });
      }
      const account: StoredAccount = {
        apiKey,
        organizationId: organization.id,
        organizationName: organization.name,
        userId: me.userId,
        userName: `${me.firstName} ${me.lastName}`.trim() || me.email,
        userEmail: me.email,
        connectedAt: now(),
      };
      const others = (await readAccounts()).filter(
        (a) => a.organizationId !== account.organizationId,
      );
      await writeAccounts([...others, account]).finally(stored.invalidate);
      await activeOrganizationItem.setValue(account.organizationId).finally(stored.invalidate);
      await accountsChanged();
      deps.onChange?.();
      return state();
    },
    async switchTo(organizationId) {
      const accounts = await readAccounts();
      if (!accounts.some((a) => a.organizationId === organizationId)) {
        throw new AppFailure({
          kind: 'not_found',
          message: t('connectionOrganizationGone'),
        });
      }
      await activeOrganizationItem.setValue(organizationId).finally(stored.invalidate);
      deps.onChange?.();
      return state();
    },
    async disconnect(organizationId) {
      const target = organizationId ?? (await activeAccount())?.organizationId;
      const remaining = (await readAccounts()).filter((a) => a.organizationId !== target);
      await writeAccounts(remaining).finally(stored.invalidate);
      await activeOrganizationItem
        .setValue(remaining[0]?.organizationId ?? null)
        .finally(stored.invalidate);
      await accountsChanged();
      deps.onChange?.();
      return state();
    },
  };
}

function summarize(account: StoredAccount): AccountSummary {
  return {
    organizationId: account.organizationId,
    organizationName: account.organizationName,
    userName: account.userName,
    userEmail: account.userEmail,
  };
}
