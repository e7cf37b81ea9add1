// What the UI shows about the Close connection; never carries the API key.
import { t } from '@/utils/i18n';
export interface AccountSummary {
  organizationId: string;
  organizationName: string;
  userName: string;
  userEmail: string;
}

export type ConnectionState =
  | { status: 'disconnected' }
  | {
      status: 'connected';
      /** The account whose key is used now. */
      active: AccountSummary;
      /** Every connected account (one per organization), the active one included. */
      accounts: AccountSummary[];
    };

/** "Connected as Ada Lovelace · Acme Sales". */
export function connectedAsLabel(account: AccountSummary): string {
  return t('connectedAs', [account.userName, account.organizationName]);
}
