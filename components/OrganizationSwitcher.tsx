// The panel header's organization choice: which connected Close organization (and so which API key
// and which cache) the panel shows. Only rendered when more than one is connected. Saves queued
// for another organization (Close was unreachable) wait until it is active again: said here.
import { useId, useState } from 'preact/hooks';
import { toAppError } from '@/utils/app-error';
import type { AccountSummary } from '@/utils/connection-state';
import { t } from '@/utils/i18n';
import { journalEntries } from '@/utils/ui/write-journal-signal';

export interface OrganizationSwitcherProps {
  accounts: AccountSummary[];
  activeId: string;
  onSwitch: (organizationId: string) => Promise<unknown>;
}

export function OrganizationSwitcher({ accounts, activeId, onSwitch }: OrganizationSwitcherProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (accounts.length < 2) return null;
  const waiting = accounts.filter(
    (account) =>
      account.organizationId !== activeId &&
      journalEntries.value.some(
        (e) => e.organizationId === account.organizationId && e.state === 'queued',
      ),
  );

  async function change(organizationId: string) {
    if (organizationId === activeId) return;
    setBusy(true);
    setError(null);
    try {
      await onSwitch(organizationId);
    } catch (caught) {
      setError(toAppError(caught).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="cl-field cl-org-switcher">
      <label for={`${id}-org`} class="cl-label">
        {t('organizationLabel')}
      </label>
      <select
        id={`${id}-org`}
        class="cl-input"
        value={activeId}
        disabled={busy}
        onChange={(ev) => void change(ev.currentTarget.value)}
      >
        {accounts.map((account) => (
          <option key={account.organizationId} value={account.organizationId}>
            {account.organizationName}
          </option>
        ))}
      </select>
      {waiting.map((account) => (
        <p key={account.organizationId} class="cl-hint" role="status">
          {t('organizationWritesWaiting', account.organizationName)}
        </p>
      ))}
      {error ? (
        <p role="alert" class="cl-field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
