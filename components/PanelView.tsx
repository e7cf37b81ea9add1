// The side panel body: what the page shows, the matching Close leads, and every state in between.
import { useEffect, useState } from 'preact/hooks';
import { forgetEveryLeadsActivities } from '@/components/activity-cache';
import { ConnectCallToAction } from '@/components/ConnectCallToAction';
import { errorText } from '@/components/error-text';
import { LeadSection } from '@/components/LeadSection';
import { LookupBanners } from '@/components/LookupBanners';
import { lazyComponent } from '@/components/lazy';
import { OrganizationScope } from '@/components/organization-scope';
import { knownEmails, PageContextSection } from '@/components/PageContextSection';
import type { ContactInput, PanelModel } from '@/components/panel-model';
import { createPanelStore, PanelStoreContext } from '@/components/panel-store';
import { SearchBox } from '@/components/SearchBox';
import { LeadSkeleton } from '@/components/Skeleton';
import { type AppError, toAppError } from '@/utils/app-error';
import type { Lead } from '@/utils/close/types';
import { connectedAsLabel } from '@/utils/connection-state';
import { t } from '@/utils/i18n';
import { resultToShow } from '@/utils/lookup/result-to-show';
import type { LeadMatch } from '@/utils/lookup/types';

// The create-lead form loads when first opened (not part of the first screen's JavaScript).
const CreateLeadForm = lazyComponent(
  async () => (await import('@/components/CreateLeadForm')).CreateLeadForm,
);

const strings = {
  noPage: t('panelViewNoPage'),
  matches: t('panelViewMatches'),
  nothingFound: t('panelViewNothingFound'),
  createLead: t('commonCreateLead'),
  loadingLead: t('panelViewLoadingLead'),
  contactAdded: t('panelViewContactAdded'),
} as const;

export interface PanelViewProps {
  model: PanelModel;
}

export function PanelView({ model }: PanelViewProps) {
  const { connection, page, lookup, actions } = model;
  const now = model.now ?? Date.now;
  const [store] = useState(() => createPanelStore());
  const [pinError, setPinError] = useState<AppError | null>(null);
  const [pinBusy, setPinBusy] = useState(false);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  /** Counts "Try again": each lead's timeline asks Close again too. */
  const [reloads, setReloads] = useState(0);

  // A new page or organization starts clean: forms and pinned leads belong to the page and the
  // organization they were opened in.
  const pageKey = page?.url ?? '';
  const organizationId = connection.status === 'connected' ? connection.active.organizationId : '';
  const viewKey = `${organizationId}\u0000${pageKey}`;
  store.showView(viewKey);
  useEffect(() => {
    setCreating(false);
    setPinError(null);
    setNotice('');
  }, [pageKey, organizationId]);

  if (connection.status !== 'connected') {
    return (
      <div class="cl-panel">
        <ConnectCallToAction onOpenOptions={actions.openOptions} />
      </div>
    );
  }

  const answered = resultToShow(lookup);
  // An answer for another organization (the switch raced the look-up) is not shown in this one.
  const current = answered?.organizationId === organizationId ? answered : null;
  // Looking the same page up again without the previous answer at hand (the worker restarted):
  // keep what is on screen rather than blanking the panel and closing its forms.
  const result = store.answerFor(viewKey, current, lookup.status === 'loading');
  const pinned = store.pinnedFor(viewKey);
  const cached = lookup.status === 'offline' || lookup.status === 'rate-limited';
  const leads = result?.leads ?? [];
  const known = knownEmails(result, pinned);
  const pageEmails = (page?.people ?? []).flatMap((p) => (p.email ? [p.email] : []));
  const settled = lookup.status === 'ready' || lookup.status === 'offline';
  const domainMatched = leads.some((m) => m.matchedBy.some((r) => r.kind === 'domain'));
  const canCreate =
    !!page &&
    settled &&
    !!result &&
    !domainMatched &&
    (leads.length === 0 || !!page.company || page.source === 'website');

  async function pin(load: Promise<LeadMatch>) {
    setPinBusy(true);
    setPinError(null);
    try {
      store.pin(viewKey, await load);
    } catch (caught) {
      setPinError(toAppError(caught));
    } finally {
      setPinBusy(false);
    }
  }

  function useExisting(lead: Lead, contacts: ContactInput[]) {
    setCreating(false);
    void pin(
      (async () => {
        for (const contact of contacts) {
          const exists = contact.emails.some((e) => known.has(e.email.toLowerCase()));
          if (!exists) await actions.createContact({ leadId: lead.id, input: contact });
        }
        return actions.loadLead({ leadId: lead.id });
      })(),
    );
  }

  function retryLookup() {
    forgetEveryLeadsActivities();
    setReloads((n) => n + 1);
    actions.retryLookup();
  }

  const shownIds = new Set(leads.map((m) => m.lead.id));
  const pinnedOnly = pinned.filter((m) => !shownIds.has(m.lead.id));
  return (
    <OrganizationScope.Provider value={organizationId}>
      <PanelStoreContext.Provider value={store}>
        <div class="cl-panel">
          <header class="cl-header">
            <p class="cl-connection">{connectedAsLabel(connection.active)}</p>
            <SearchBox
              search={(query, cursor) => actions.search({ query, cursor })}
              onOpenLead={(leadId) => void pin(actions.loadLead({ leadId }))}
            />
          </header>

          {page ? (
            <PageContextSection
              page={page}
              known={known}
              canAddContacts={settled && !!result}
              leads={[...leads, ...pinned]}
              actions={actions}
              onContactAdded={(contact) => {
                setNotice(strings.contactAdded);
                void pin(actions.loadLead({ leadId: contact.leadId }));
              }}
            />
          ) : null}

          {!page && lookup.status === 'idle' ? (
            <p class="cl-muted">{model.pageHint ?? strings.noPage}</p>
          ) : null}
          {!page && model.grantAccess ? (
            <button
              type="button"
              class="cl-button cl-button--primary"
              onClick={() => model.grantAccess?.request()}
            >
              {model.grantAccess.label}
            </button>
          ) : null}

          <div role="status" aria-live="polite" class="cl-form__status">
            {notice || (pinBusy ? strings.loadingLead : '')}
          </div>

          <LookupBanners
            lookup={lookup}
            stale={!!result?.stale}
            now={now}
            onRetry={retryLookup}
            onOpenOptions={actions.openOptions}
          />
          {pinError ? (
            <div role="alert" class="cl-form-error">
              <p>{errorText(pinError)}</p>
            </div>
          ) : null}

          <section
            class="cl-matches"
            aria-label={strings.matches}
            aria-busy={lookup.status === 'loading'}
          >
            {lookup.status === 'loading' && !result ? <LeadSkeleton /> : null}
            {[...pinnedOnly, ...leads].map((m) => {
              const matched = shownIds.has(m.lead.id);
              return (
                // By lead only, pinned or matched: a refreshed look-up (one that now finds a lead
                // just created or opened here) updates the section in place, open forms and all.
                <LeadSection
                  key={m.lead.id}
                  match={m}
                  fetchedAt={matched ? result?.fetchedAt : undefined}
                  stale={matched && result?.stale === true}
                  shownAgainAt={matched ? result?.shownAgainAt : undefined}
                  actions={actions}
                  cached={matched ? cached : undefined}
                  pageEmails={pageEmails}
                  defaultCurrency={model.defaultCurrency}
                  now={now}
                  reloads={reloads}
                />
              );
            })}
            {settled && result && leads.length === 0 && pinned.length === 0 ? (
              <p class="cl-empty">{strings.nothingFound}</p>
            ) : null}
          </section>

          {canCreate && page ? (
            creating ? (
              <CreateLeadForm
                page={page}
                domain={result?.query.domain}
                findDuplicates={actions.findDuplicates}
                createLead={actions.createLead}
                loadLead={(leadId) => actions.loadLead({ leadId })}
                onCreated={(match) => {
                  setCreating(false);
                  store.pin(viewKey, match);
                }}
                onUseLead={useExisting}
                onCancel={() => setCreating(false)}
              />
            ) : (
              <button
                type="button"
                class="cl-button cl-button--primary"
                onClick={() => setCreating(true)}
              >
                {strings.createLead}
              </button>
            )
          ) : null}
        </div>
      </PanelStoreContext.Provider>
    </OrganizationScope.Provider>
  );
}
