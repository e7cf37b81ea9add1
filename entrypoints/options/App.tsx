// The settings page: the Close connection, then what Close Look reads and keeps.
import { useEffect } from 'preact/hooks';
import { ConnectForm } from '@/components/ConnectForm';
import { DiagnosticsSection } from '@/components/DiagnosticsSection';
import { SettingsForm } from '@/components/SettingsForm';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { connectionView, watchConnection } from '@/utils/ui/connection-signal';
import {
  removeSiteAccess,
  requestSiteAccess,
  saveSettings,
  settingsView,
  watchSettingsView,
} from '@/utils/ui/settings-signal';

const loadDiagnostics = () => sendMessage('ui:getDiagnostics');

export function OptionsApp() {
  useEffect(() => watchConnection(), []);
  useEffect(() => watchSettingsView(), []);
  const view = connectionView.value;
  const settings = settingsView.value;
  return (
    <main class="cl-page cl-options">
      <h1>{t('optionsTitle')}</h1>
      {view.status === 'loading' ? (
        <p role="status">{t('commonLoading')}</p>
      ) : view.status === 'error' ? (
        <p role="alert">{view.message}</p>
      ) : (
        <ConnectForm
          state={view}
          onConnect={(apiKey) => sendMessage('ui:connect', { apiKey })}
          onDisconnect={(organizationId) =>
            sendMessage('ui:disconnect', organizationId ? { organizationId } : {})
          }
          countUnsent={async (organizationId) => {
            const unsent = await sendMessage('ui:countUnsent', { organizationId });
            return unsent.drafts + unsent.writes;
          }}
        />
      )}
      {settings ? (
        <SettingsForm
          user={settings.user}
          effective={settings.effective}
          access={settings.access}
          onSave={saveSettings}
          onRequestAccess={requestSiteAccess}
          onRemoveAccess={removeSiteAccess}
          onClearCache={() => sendMessage('ui:clearCachedData')}
        />
      ) : null}
      <DiagnosticsSection
        load={loadDiagnostics}
        copy={(text) => navigator.clipboard.writeText(text)}
      />
    </main>
  );
}
