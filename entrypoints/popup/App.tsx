// The toolbar popup: connection state and the way into the side panel.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ConnectCallToAction } from '@/components/ConnectCallToAction';
import { connectedAsLabel } from '@/utils/connection-state';
import { connectionView, openOptionsPage, watchConnection } from '@/utils/ui/connection-signal';
import { openSidePanelNow } from '@/utils/ui/side-panel';

export function PopupApp() {
  const [windowId, setWindowId] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => watchConnection(), []);
  useEffect(() => {
    // Known before the click, so the click handler can open the panel without awaiting.
    void browser.windows.getCurrent().then((w) => setWindowId(w.id));
  }, []);
  const view = connectionView.value;

  function openPanel() {
    openSidePanelNow(windowId).then(
      () => window.close(),
      (e: unknown) => setError(e instanceof Error ? e.message : 'The side panel did not open.'),
    );
  }

  return (
    <main class="cl-page cl-popup">
      {view.status === 'connected' ? (
        <p class="cl-connection">{connectedAsLabel(view.active)}</p>
      ) : view.status === 'disconnected' ? (
        <ConnectCallToAction onOpenOptions={openOptionsPage} />
      ) : view.status === 'error' ? (
        <p role="alert">{view.message}</p>
      ) : (
        <p role="status">Loading…</p>
      )}
      <button type="button" class="cl-button" onClick={openPanel}>
        Open side panel
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </main>
  );
}
