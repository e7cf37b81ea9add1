// The side panel: who is connected, then the Close records for the tab it follows.
import { useEffect } from 'preact/hooks';
import { ConnectCallToAction } from '@/components/ConnectCallToAction';
import { connectedAsLabel } from '@/utils/connection-state';
import { connectionView, openOptionsPage, watchConnection } from '@/utils/ui/connection-signal';

export function SidePanelApp() {
  useEffect(() => watchConnection(), []);
  const view = connectionView.value;
  return (
    <main class="cl-page cl-sidepanel">
      {view.status === 'connected' ? (
        <p class="cl-connection">{connectedAsLabel(view.active)}</p>
      ) : view.status === 'disconnected' ? (
        <ConnectCallToAction onOpenOptions={openOptionsPage} />
      ) : view.status === 'error' ? (
        <p role="alert">{view.message}</p>
      ) : (
        <p role="status">Loading…</p>
      )}
    </main>
  );
}
