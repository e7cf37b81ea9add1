// Connecting and disconnecting Close accounts: verify a key with /me/, keep it in the account
// store, and say who is connected (never handing the key out).

import { readAccounts, type StoredAccount, writeAccounts } from '@/utils/account-store';
import { AppFailure } from '@/utils/app-error';
import type { Me } from '@/utils/close/types';
import type { AccountSummary, ConnectionState } from '@/utils/connection-state';
import { t } from '@/utils/i18n';
import { activeOrganizationItem, connectionVersionItem } from '@/utils/storage';

export interface ConnectionService {
  state(): Promise<ConnectionState>;
  connect(apiKey: string): Promise<ConnectionState>;
  disconnect(organizationId?: string): Promise<ConnectionState>;
  /** Makes another connected organization's key the active one. */
  switchTo(organizationId: string): Promise<ConnectionState>;
  /** The active account, key included: for the Close client only. */
  activeAccount(): Promise<StoredAccount | null>;
}

export function createConnectionService(deps: {
  verifyKey: (apiKey: string) => Promise<Me>;
  now?: () => number;
  onChange?: () => void;
}): ConnectionService {
  const now = deps.now ?? Date.now;

  async function activeAccount(): Promise<StoredAccount | null> {
    const accounts = await readAccounts();
    if (accounts.length === 0) return null;
    const activeId = await activeOrganizationItem.getValue();
    return accounts.find((a) => a.organizationId === activeId) ?? accounts[0] ?? null;
  }

  /** Tells extension pages the accounts changed, without handing them the accounts. */
  async function accountsChanged(): Promise<void> {
    await connectionVersionItem.setValue((await connectionVersionItem.getValue()) + 1);
  }

  async function state(): Promise<ConnectionState> {
    const accounts = await readAccounts();
    const active = await activeAccount();
    if (!active) return { status: 'disconnected' };
    return { status: 'connected', active: summarize(active), accounts: accounts.map(summarize) };
  }

  return {
    state,
    activeAccount,
    async connect(apiKey) {
      const me = await deps.verifyKey(apiKey);
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
      await writeAccounts([...others, account]);
      await activeOrganizationItem.setValue(account.organizationId);
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
      await activeOrganizationItem.setValue(organizationId);
      deps.onChange?.();
      return state();
    },
    async disconnect(organizationId) {
      const target = organizationId ?? (await activeAccount())?.organizationId;
      const remaining = (await readAccounts()).filter((a) => a.organizationId !== target);
      await writeAccounts(remaining);
      await activeOrganizationItem.setValue(remaining[0]?.organizationId ?? null);
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
