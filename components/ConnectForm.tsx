// The options page's connection form: enter a Close API key, see who is connected, disconnect.
import { useEffect, useId, useState } from 'preact/hooks';
import { type AppError, toAppError } from '@/utils/app-error';
import { type ConnectionState, connectedAsLabel } from '@/utils/connection-state';
import { t } from '@/utils/i18n';

const strings = {
  heading: t('connectFormHeading'),
  apiKey: t('connectFormApiKey'),
  apiKeyHint: t('connectFormApiKeyHint'),
  connect: t('connectFormConnect'),
  connecting: t('connectFormConnecting'),
  disconnect: t('connectFormDisconnect'),
  disconnectAccount: (org: string) => t('connectFormDisconnectAccount', org),
  disconnecting: t('connectFormDisconnecting'),
  notConnected: t('connectFormNotConnected'),
  connectedAccounts: t('connectFormConnectedAccounts'),
  emptyKey: t('connectFormEmptyKey'),
  wrongKey: t('connectFormWrongKey'),
  network: t('commonNetworkError'),
  server: t('connectFormServer'),
  rateLimited: t('connectFormRateLimited'),
  disconnected: t('connectFormDisconnected'),
  unsent: (n: number) => t('connectFormUnsent', String(n)),
  confirmDisconnect: t('connectFormConfirmDisconnect'),
  keepConnected: t('connectFormKeepConnected'),
} as const;

export interface ConnectFormProps {
  state: ConnectionState;
  /** Checks the key with Close and stores it. Rejects with an AppFailure. */
  onConnect: (apiKey: string) => Promise<ConnectionState>;
  /** Forgets the key of one organization (the active one when omitted). */
  onDisconnect: (organizationId?: string) => Promise<ConnectionState> | undefined;
  /** Drafts and saves of an organization not in Close yet, which a Disconnect removes. */
  countUnsent?: (organizationId: string) => Promise<number>;
}

function connectErrorText(error: AppError): string {
  switch (error.kind) {
    case 'auth':
    case 'forbidden':
      return strings.wrongKey;
    case 'network':
    case 'timeout':
      return strings.network;
    case 'server':
      return strings.server;
    case 'rate_limited':
      return strings.rateLimited;
    case 'bad_request':
    case 'validation':
      return error.fieldErrors?.apiKey ?? error.message;
    default:
      return error.message || strings.network;
  }
}

export function ConnectForm({ state, onConnect, onDisconnect, countUnsent }: ConnectFormProps) {
  const [confirming, setConfirming] = useState<{ organizationId: string; count: number } | null>(
    null,
  );
  const id = useId();
  const [current, setCurrent] = useState<ConnectionState>(state);
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState<'connect' | 'disconnect' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => setCurrent(state), [state]);

  const inputId = `${id}-key`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const key = apiKey.trim();
    if (!key) {
      setError(strings.emptyKey);
      return;
    }
    setBusy('connect');
    setError(null);
    setNotice(null);
    try {
      const next = await onConnect(key);
      setCurrent(next);
      // The key is stored by the background now; do not keep it in the page.
      setApiKey('');
    } catch (caught) {
      setError(connectErrorText(toAppError(caught)));
    } finally {
      setBusy(null);
    }
  }

  async function disconnect(organizationId?: string, confirmed = false) {
    if (busy) return;
    if (!confirmed && organizationId && countUnsent) {
      // Unsent drafts leave with the organization: the user says so first.
      const count = await countUnsent(organizationId).catch(() => 0);
      if (count > 0) {
        setConfirming({ organizationId, count });
        return;
      }
    }
    setConfirming(null);
    setBusy('disconnect');
    setError(null);
    try {
      const next = await onDisconnect(organizationId);
      if (next) setCurrent(next);
      setNotice(strings.disconnected);
    } catch (caught) {
      setError(toAppError(caught).message);
    } finally {
      setBusy(null);
    }
  }

  const connected = current.status === 'connected' ? current : null;
  const others = connected
    ? connected.accounts.filter((a) => a.organizationId !== connected.active.organizationId)
    : [];

  return (
    <section class="cl-connect" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{strings.heading}</h2>
      <div role="status" aria-live="polite" class="cl-connect__state">
        {connected ? connectedAsLabel(connected.active) : strings.notConnected}
        {notice && !connected ? <span class="cl-visually-hidden"> {notice}</span> : null}
      </div>
      {confirming ? (
        <div role="alert" class="cl-banner">
          <p>{strings.unsent(confirming.count)}</p>
          <button
            type="button"
            class="cl-button cl-button--small"
            onClick={() => void disconnect(confirming.organizationId, true)}
          >
            {strings.confirmDisconnect}
          </button>
          <button
            type="button"
            class="cl-button cl-button--small"
            onClick={() => setConfirming(null)}
          >
            {strings.keepConnected}
          </button>
        </div>
      ) : null}
      {connected ? (
        <div class="cl-connect__accounts">
          <button
            type="button"
            class="cl-button"
            disabled={busy !== null}
            onClick={() => disconnect(connected.active.organizationId)}
          >
            {busy === 'disconnect' ? strings.disconnecting : strings.disconnect}
          </button>
          {others.length > 0 ? (
            <ul aria-label={strings.connectedAccounts} class="cl-list">
              {others.map((account) => (
                <li key={account.organizationId}>
                  {connectedAsLabel(account)}{' '}
                  <button
                    type="button"
                    class="cl-button cl-button--small"
                    disabled={busy !== null}
                    onClick={() => disconnect(account.organizationId)}
                  >
                    {strings.disconnectAccount(account.organizationName)}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form class="cl-form" onSubmit={submit} noValidate>
        <div class="cl-field">
          <label for={inputId} class="cl-label">
            {strings.apiKey}
          </label>
          <input
            id={inputId}
            name="apiKey"
            type="password"
            class="cl-input"
            autoComplete="off"
            spellcheck={false}
            value={apiKey}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${errorId} ${hintId}` : hintId}
            onInput={(e) => {
              setApiKey(e.currentTarget.value);
            }}
          />
          <p id={hintId} class="cl-hint">
            {strings.apiKeyHint}
          </p>
          {error ? (
            <p id={errorId} class="cl-field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" class="cl-button cl-button--primary" disabled={busy !== null}>
          {busy === 'connect' ? strings.connecting : strings.connect}
        </button>
      </form>
    </section>
  );
}
