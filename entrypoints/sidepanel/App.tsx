// The side panel: follows the active tab (or ?tabId=N) and shows its Close records.
import { useEffect, useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OrganizationSwitcher } from '@/components/OrganizationSwitcher';
import { PanelView } from '@/components/PanelView';
import { firstScreen } from '@/entrypoints/sidepanel/first-screen';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { connectionView, refreshConnection } from '@/utils/ui/connection-signal';
import { focusSearchOnSlash, watchFocusSearch } from '@/utils/ui/focus-search';
import { createPanelActions } from '@/utils/ui/panel-actions';
import { requestSiteAccess } from '@/utils/ui/settings-signal';
import {
  retryTabLookup,
  retryTabRead,
  tabView,
  tabViewError,
  targetTabId,
} from '@/utils/ui/tab-view-signal';
import { watchWriteJournal } from '@/utils/ui/write-journal-signal';

function popOut(tabId: number) {
  void browser.windows.create({
    url: browser.runtime.getURL(`/sidepanel.html?tabId=${tabId}`),
    type: 'popup',
    width: 440,
    height: 820,
  });
}

/** The side panel's page. The connection and the tab are followed from start.ts, before it renders. */
export function SidePanelApp() {
  // Saves whose answer was lost while no page was open are checked with Close now.
  useEffect(() => watchWriteJournal(), []);
  useEffect(() => watchFocusSearch(document, firstScreen), []);
  useEffect(() => focusSearchOnSlash(document), []);
  const actions = useMemo(() => createPanelActions(retryTabLookup), []);

  const connection = connectionView.value;
  const view = tabView.value;
  const tabId = targetTabId.value;
  const poppedOut = new URLSearchParams(location.search).has('tabId');

  if (connection.status === 'loading') {
    return (
      <main class="cl-page cl-sidepanel">
        <p role="status">{t('commonLoading')}</p>
      </main>
    );
  }
  if (connection.status === 'error') {
    return (
      <main class="cl-page cl-sidepanel">
        <p role="alert">{connection.message}</p>
      </main>
    );
  }
  return (
    <main class="cl-page cl-sidepanel">
      {connection.status === 'connected' ? (
        <OrganizationSwitcher
          accounts={connection.accounts}
          activeId={connection.active.organizationId}
          onSwitch={async (organizationId) => {
            // The background switches the key and looks every tab up again in that organization.
            await sendMessage('ui:switchOrganization', { organizationId });
            await refreshConnection();
          }}
        />
      ) : null}
      {tabId !== null && !poppedOut && connection.status === 'connected' ? (
        <div class="cl-toolbar">
          <button type="button" class="cl-button cl-button--small" onClick={() => popOut(tabId)}>
            {t('panelPopOut')}
          </button>
        </div>
      ) : null}
      {tabViewError.value ? <p role="alert">{tabViewError.value}</p> : null}
      <PanelView
        model={{
          connection,
          page: view?.snapshot ?? null,
          lookup: view?.lookup ?? { status: 'idle' },
          ...(view?.accessHint ? { pageHint: view.accessHint } : {}),
          ...(view?.grant === 'outlook' && tabId !== null
            ? {
                grantAccess: {
                  label: t('panelAllowOutlook'),
                  // Inside the click: permissions.request needs the user gesture.
                  request: () =>
                    void requestSiteAccess('outlook').then((granted) => {
                      if (granted) retryTabRead(tabId);
                    }),
                },
              }
            : {}),
          actions,
        }}
      />
    </main>
  );
}
