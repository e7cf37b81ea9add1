// The toolbar popup: connection state, the top match for this tab, a quick note, and the way into
// the side panel.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PopupView } from '@/components/PopupView';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { connectionView, openOptionsPage, watchConnection } from '@/utils/ui/connection-signal';
import { canOpenSidePanel, openSidePanelNow } from '@/utils/ui/side-panel';
import { followTab, retryTabLookup, tabView, targetTabId } from '@/utils/ui/tab-view-signal';
import { watchWriteJournal } from '@/utils/ui/write-journal-signal';

export function PopupApp() {
  const [windowId, setWindowId] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => watchConnection(), []);
  useEffect(() => followTab(location.search), []);
  // Saves whose answer was lost while no page was open are checked with Close now.
  useEffect(() => watchWriteJournal(), []);
  useEffect(() => {
    // Known before the click, so the click handler can open the panel without awaiting.
    void browser.windows.getCurrent().then((w) => setWindowId(w.id));
  }, []);
  const connection = connectionView.value;
  // The tab the popup follows is usually known first; the button waits for one or the other.
  const panelTarget = { tabId: targetTabId.value, windowId };

  function openPanel() {
    openSidePanelNow(panelTarget).then(
      () => window.close(),
      (e: unknown) => setError(e instanceof Error ? e.message : t('popupPanelFailed')),
    );
  }

  if (connection.status === 'loading') {
    return (
      <main class="cl-popup-page">
        <p role="status">{t('commonLoading')}</p>
      </main>
    );
  }
  if (connection.status === 'error') {
    return (
      <main class="cl-popup-page">
        <p role="alert">{connection.message}</p>
      </main>
    );
  }
  return (
    <main class="cl-popup-page">
      <PopupView
        connection={connection}
        lookup={tabView.value?.lookup ?? { status: 'idle' }}
        addNote={(leadId, text, write) => sendMessage('ui:addNote', { leadId, text, write })}
        onOpenSidePanel={openPanel}
        canOpenSidePanel={canOpenSidePanel(panelTarget)}
        onOpenOptions={openOptionsPage}
        onRetry={retryTabLookup}
      />
      {error ? <p role="alert">{error}</p> : null}
    </main>
  );
}
