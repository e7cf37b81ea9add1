// The toolbar popup: connection state, the top match for the tab, a quick note, and "Open side panel".

import { ConnectCallToAction } from '@/components/ConnectCallToAction';
import { errorText } from '@/components/error-text';
import { LeadCard } from '@/components/LeadCard';
import { NoteForm } from '@/components/NoteForm';
import { OrganizationScope } from '@/components/organization-scope';
import type { LookupState } from '@/components/panel-model';
import { LeadSkeleton } from '@/components/Skeleton';
import type { Note } from '@/utils/close/types';
import { type ConnectionState, connectedAsLabel } from '@/utils/connection-state';
import { draftKey } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import { resultToShow } from '@/utils/lookup/result-to-show';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  openPanel: t('popupViewOpenPanel'),
  nothing: t('popupViewNothing'),
  more: (n: number) => t('popupViewMore', String(n)),
  tryAgain: t('commonTryAgain'),
  cached: t('popupViewCached'),
  waiting: t('popupViewWaiting'),
} as const;

export interface PopupViewProps {
  connection: ConnectionState;
  lookup: LookupState;
  addNote: (leadId: string, text: string, write: WriteMeta) => Promise<Note>;
  /**
   * Opens the side panel. Called synchronously inside the click handler, so the caller can call
   * `browser.sidePanel.open()` within the user gesture; do not make it async before that call.
   */
  onOpenSidePanel: () => void;
  /** False until the popup knows the tab or window to open the panel beside. */
  canOpenSidePanel?: boolean;
  onOpenOptions: () => void;
  onRetry?: () => void;
}

export function PopupView({
  connection,
  lookup,
  addNote,
  onOpenSidePanel,
  canOpenSidePanel = true,
  onOpenOptions,
  onRetry,
}: PopupViewProps) {
  const openButton = (
    <button
      type="button"
      class="cl-button cl-button--primary cl-popup__open"
      disabled={!canOpenSidePanel}
      onClick={() => onOpenSidePanel()}
    >
      {strings.openPanel}
    </button>
  );
  if (connection.status !== 'connected') {
    return (
      <div class="cl-popup">
        <ConnectCallToAction onOpenOptions={onOpenOptions} />
      </div>
    );
  }
  const result = resultToShow(lookup);
  const top = result?.leads[0];
  const rest = (result?.leads.length ?? 0) - 1;
  return (
    <OrganizationScope.Provider value={connection.active.organizationId}>
      <div class="cl-popup">
        <p class="cl-connection">{connectedAsLabel(connection.active)}</p>
        {lookup.status === 'offline' ? <p class="cl-hint">{strings.cached}</p> : null}
        {lookup.status === 'rate-limited' ? (
          <p class="cl-hint" role="status">
            {strings.waiting}
          </p>
        ) : null}
        {lookup.status === 'error' ? (
          <div role="alert" class="cl-banner cl-banner--error">
            <p>{errorText(lookup.error)}</p>
            {onRetry ? (
              <button type="button" class="cl-button cl-button--small" onClick={onRetry}>
                {strings.tryAgain}
              </button>
            ) : null}
          </div>
        ) : null}
        {lookup.status === 'loading' && !top ? <LeadSkeleton /> : null}
        {top ? (
          <article class="cl-lead" aria-label={top.lead.name}>
            <LeadCard
              lead={top.lead}
              matchedBy={top.matchedBy}
              cached={lookup.status === 'offline'}
            />
            <NoteForm
              draftKey={draftKey('note', top.lead.id)}
              leadId={top.lead.id}
              save={(text, write) => addNote(top.lead.id, text, write)}
            />
            {rest > 0 ? <p class="cl-hint">{strings.more(rest)}</p> : null}
          </article>
        ) : result && lookup.status !== 'loading' ? (
          <p class="cl-empty">{strings.nothing}</p>
        ) : null}
        {openButton}
      </div>
    </OrganizationScope.Provider>
  );
}
