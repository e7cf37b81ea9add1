// What the UI shows about the Close connection; never carries the API key.
import * as v from 'valibot';
import { t } from '@/utils/i18n';

const AccountSummarySchema = v.object({
  organizationId: v.string(),
  organizationName: v.string(),
  userName: v.string(),
  userEmail: v.string(),
});
const ConnectionStateSchema = v.variant('status', [
  v.object({ status: v.literal('disconnected') }),
  v.object({
    status: v.literal('connected'),
    /** The account whose key is used now. */
    active: AccountSummarySchema,
    /** Every connected account (one per organization), the active one included. */
    accounts: v.array(AccountSummarySchema),
  }),
]);

export type AccountSummary = v.InferOutput<typeof AccountSummarySchema>;
export type ConnectionState = v.InferOutput<typeof ConnectionStateSchema>;

/** "Connected as Ada Lovelace · Acme Sales". */
export function connectedAsLabel(account: AccountSummary): string {
  return t('connectedAs', [account.userName, account.organizationName]);
}

/** The connection state stored for pages (storage.session), or null when it is not one. */
export function parseConnectionState(value: unknown): ConnectionState | null {
  const parsed = v.safeParse(ConnectionStateSchema, value);
  return parsed.success ? parsed.output : null;
}
