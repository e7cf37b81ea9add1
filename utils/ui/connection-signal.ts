// The connection state as a signal for extension pages, refreshed when the connection changes.
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { type ConnectionState, parseConnectionState } from '@/utils/connection-state';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { CONNECTION_STATE_KEY } from '@/utils/storage';
import type { StoredValues } from '@/utils/ui/first-read';

export type ConnectionView =
  | ConnectionState
  | { status: 'loading' }
  | { status: 'error'; message: string };

export const connectionView = signal<ConnectionView>({ status: 'loading' });

export async function refreshConnection(): Promise<void> {
  try {
    connectionView.value = await sendMessage('ui:getConnection');
  } catch (error) {
    connectionView.value = {
      status: 'error',
      message: error instanceof Error ? error.message : t('connectionCouldNotStart'),
    };
  }
}

/**
 * The state the background last said, read here directly (storage.session is open to extension
 * pages): the first render does not wait for the worker, asleep or not. Its answer, when it comes,
 * is what stays.
 */
async function readStoredConnection(first?: Promise<StoredValues>): Promise<void> {
  const values = await (first ??
    browser.storage.session.get(CONNECTION_STATE_KEY).catch((): StoredValues => ({})));
  const stored = parseConnectionState(values[CONNECTION_STATE_KEY]);
  if (stored && connectionView.value.status === 'loading') connectionView.value = stored;
}

/**
 * Loads the state and follows changes made from any other page (options, popup, panel). `first`:
 * the page's own read of storage.session that holds the stored state (utils/ui/first-read.ts).
 */
export function watchConnection(first?: Promise<StoredValues>): () => void {
  // The stored state first, then the background's answer (see tab-view-signal.ts: show).
  void readStoredConnection(first).then(refreshConnection);
  // Only the accounts and the active organization matter (drafts and settings change often). The
  // background bumps connectionVersion when the accounts change: the accounts hold the keys, and a
  // page has no business reading them, so their own change is not what it follows.
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && ('connectionVersion' in changes || 'activeOrganizationId' in changes)) {
      void refreshConnection();
    }
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export function openOptionsPage(): void {
  void browser.runtime.openOptionsPage();
}
