// The settings page: the Close connection.
import { useEffect } from 'preact/hooks';
import { ConnectForm } from '@/components/ConnectForm';
import { sendMessage } from '@/utils/messaging';
import { connectionView, watchConnection } from '@/utils/ui/connection-signal';

export function OptionsApp() {
  useEffect(() => watchConnection(), []);
  const view = connectionView.value;
  return (
    <main class="cl-page cl-options">
      <h1>Close Look settings</h1>
      {view.status === 'loading' ? (
        <p role="status">Loading…</p>
      ) : view.status === 'error' ? (
        <p role="alert">{view.message}</p>
      ) : (
        <ConnectForm
          state={view}
          onConnect={(apiKey) => sendMessage('ui:connect', { apiKey })}
          onDisconnect={(organizationId) =>
            sendMessage('ui:disconnect', organizationId ? { organizationId } : {})
          }
        />
      )}
    </main>
  );
}
