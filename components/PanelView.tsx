// The side panel body: what the page shows, the matching Close leads, and every state in between.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type AppError, toAppError } from '../utils/app-error';
import type { Contact, Lead } from '../utils/close/types';
import { connectedAsLabel } from '../utils/connection-state';
import { draftKey } from '../utils/drafts';
import { formatRelativeDate } from '../utils/format';
import { t } from '../utils/i18n';
import { resultToShow } from '../utils/lookup/result-to-show';
import type { LeadMatch, LookupResult } from '../utils/lookup/types';
import type { PagePerson, PageSnapshot } from '../utils/page-snapshot';
import { forgetEveryLeadsActivities } from './activity-cache';
import { ConnectCallToAction } from './ConnectCallToAction';
import { errorText } from './error-text';
import { LeadSection } from './LeadSection';
import { lazyComponent } from './lazy';
import { OrganizationScope } from './organization-scope';
import type { ContactInput, PanelModel } from './panel-model';
import { SearchBox } from './SearchBox';
import { LeadSkeleton } from './Skeleton';

// Forms load when first opened (not part of the first screen's JavaScript).
const ContactForm = lazyComponent(async () => (await import('./ContactForm')).ContactForm);
const CreateLeadForm = lazyComponent(async () => (await import('./CreateLeadForm')).CreateLeadForm);

const strings = {
  onPage: t('panelViewOnPage'),
  company: t('panelViewCompany'),
  /** A platform-hosted page: "on GitHub: acme" says why a name, not a domain, is looked up. */
  onPlatform: (platform: string, account: string) => t('panelViewOnPlatform', [platform, account]),
  people: t('panelViewPeople'),
  nothingOnPage: t('panelViewNothingOnPage'),
  noPage: t('panelViewNoPage'),
  matches: t('panelViewMatches'),
  nothingFound: t('panelViewNothingFound'),
  createLead: t('panelViewCreateLead'),
  addAsContact: t('panelViewAddAsContact'),
  addAsContactLabel: (who: string) => t('panelViewAddAsContactLabel', who),
  inClose: t('panelViewInClose'),
  tryAgain: t('panelViewTryAgain'),
  connect: t('panelViewConnect'),
  offline: (when: string) => (when ? t('panelViewOfflineFrom', when) : t('panelViewOffline')),
  offlineNoCache: t('panelViewOfflineNoCache'),
  rateLimited: (seconds: number) =>
    seconds > 0 ? t('panelViewRateLimited', String(seconds)) : t('panelViewRateLimitedNow'),
  stale: t('panelViewStale'),
  shown: t('panelViewShown'),
  loadingLead: t('panelViewLoadingLead'),
  contactAdded: t('panelViewContactAdded'),
  personDetails: (title: string, phone: string) => t('panelViewPersonDetails', [title, phone]),
  sources: {
    gmail: t('panelViewSourcesGmail'),
    outlook: t('panelViewSourcesOutlook'),
    'linkedin-profile': t('panelViewSourcesLinkedinProfile'),
    'linkedin-company': t('panelViewSourcesLinkedinCompany'),
    website: t('panelViewSourcesWebsite'),
    selection: t('panelViewSourcesSelection'),
  } satisfies Record<PageSnapshot['source'], string>,
} as const;

export interface PanelViewProps {
  model: PanelModel;
}

function personLabel(p: PagePerson): string {
  return p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email ?? '');
}

/** The Close contact behind each address the matching leads know, by lower-cased address. */
function knownEmails(result: LookupResult | null, extra: LeadMatch[]): Map<string, Contact> {
  const known = new Map<string, Contact>();
  for (const m of [...(result?.leads ?? []), ...extra])
    for (const c of m.contacts) for (const e of c.emails) known.set(e.email.toLowerCase(), c);
  return known;
}

/** "Software Engineer · +1 555 0100", from what Close knows of the person. */
function personDetails(contact: Contact | undefined): string {
  if (!contact) return '';
  const phone = contact.phones[0];
  const phoneText = phone ? (phone.phoneFormatted ?? phone.phone) : '';
  if (contact.title && phoneText) return strings.personDetails(contact.title, phoneText);
  return contact.title || phoneText;
}

/** Counts down to `until`, re-rendering each second. */
function useSecondsUntil(until: number | null, now: () => number): number {
  const [, tick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now()) / 1000));
}

export function PanelView({ model }: PanelViewProps) {
  const { connection, page, lookup, actions } = model;
  const now = model.now ?? Date.now;
  const [pinned, setPinned] = useState<LeadMatch[]>([]);
  const [pinError, setPinError] = useState<AppError | null>(null);
  const [pinBusy, setPinBusy] = useState(false);
  const [creating, setCreating] = useState(false);
  const [addingPerson, setAddingPerson] = useState<PagePerson | null>(null);
  const [notice, setNotice] = useState('');
  /** Counts "Try again": each lead's timeline asks Close again too. */
  const [reloads, setReloads] = useState(0);
  /** The last answer shown, and for which organization and page. */
  const shown = useRef<{ key: string; result: LookupResult } | null>(null);
  const seconds = useSecondsUntil(lookup.status === 'rate-limited' ? lookup.retryAt : null, now);

  // A new page or organization starts clean: forms and pinned leads belong to the page and the
  // organization they were opened in.
  const pageKey = page?.url ?? '';
  const organizationId = connection.status === 'connected' ? connection.active.organizationId : '';
  useEffect(() => {
    setCreating(false);
    setAddingPerson(null);
    setPinned([]);
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
  const viewKey = `${organizationId}\u0000${pageKey}`;
  const remembered = shown.current?.key === viewKey ? shown.current.result : null;
  const result =
    current ??
    (lookup.status === 'loading' && remembered?.organizationId === organizationId
      ? remembered
      : null);
  if (current) shown.current = { key: viewKey, result: current };
  const cached = lookup.status === 'offline' || lookup.status === 'rate-limited';
  const leads = result?.leads ?? [];
  const known = knownEmails(result, pinned);
  const pageEmails = (page?.people ?? []).flatMap((p) => (p.email ? [p.email] : []));
  const own = new Set(page?.ownEmails ?? []);
  const people = (page?.people ?? []).filter((p) => !(p.email && own.has(p.email)));
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
      const match = await load;
      setPinned((list) => [match, ...list.filter((m) => m.lead.id !== match.lead.id)]);
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
      <div class="cl-panel">
        <header class="cl-header">
          <p class="cl-connection">{connectedAsLabel(connection.active)}</p>
          <SearchBox
            search={(query, cursor) => actions.search({ query, cursor })}
            onOpenLead={(leadId) => void pin(actions.loadLead({ leadId }))}
          />
        </header>

        {page ? (
          <section class="cl-section cl-page-context" aria-labelledby="cl-on-page">
            <h2 id="cl-on-page" class="cl-section__heading">
              {strings.onPage}{' '}
              <span class="cl-muted">
                · {strings.sources[page.source]}
                {page.title ? ` · ${page.title}` : ''}
              </span>
            </h2>
            {page.company?.name || page.person ? (
              <p>
                <span class="cl-label-inline">{strings.company}:</span>{' '}
                {page.company?.platform?.account && page.company.name
                  ? strings.onPlatform(page.company.platform.name, page.company.name)
                  : (page.company?.name ?? page.person?.company ?? '')}
                {page.person ? ` · ${page.person.name}` : ''}
              </p>
            ) : null}
            {people.length > 0 ? (
              <ul class="cl-list cl-people" aria-label={strings.people}>
                {people.slice(0, 20).map((p) => {
                  const contact = p.email ? known.get(p.email.toLowerCase()) : undefined;
                  const inClose = !!contact;
                  const details = personDetails(contact);
                  return (
                    <li key={p.email ?? p.name} class="cl-person">
                      <span class="cl-person__who">
                        <span>{personLabel(p)}</span>
                        {details ? <span class="cl-person__details">{details}</span> : null}
                      </span>
                      {inClose ? (
                        <span class="cl-badge cl-badge--accent">{strings.inClose}</span>
                      ) : settled && result ? (
                        <button
                          type="button"
                          class="cl-button cl-button--small"
                          aria-label={strings.addAsContactLabel(p.name ?? p.email ?? '')}
                          onClick={() => setAddingPerson(addingPerson === p ? null : p)}
                        >
                          {strings.addAsContact}
                        </button>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {addingPerson ? (
              <ContactForm
                key={addingPerson.email ?? addingPerson.name}
                draftKey={draftKey(
                  'contact',
                  `page:${addingPerson.email ?? addingPerson.name ?? ''}`,
                )}
                prefill={{ name: addingPerson.name ?? '', email: addingPerson.email ?? '' }}
                targets={[
                  ...[...leads, ...pinned].map((m) => ({ leadId: m.lead.id, label: m.lead.name })),
                  { leadId: null, label: '' },
                ]}
                save={(input, leadId, write) => actions.createContact({ leadId, input, write })}
                onSaved={(contact) => {
                  setAddingPerson(null);
                  setNotice(strings.contactAdded);
                  void pin(actions.loadLead({ leadId: contact.leadId }));
                }}
                onCancel={() => setAddingPerson(null)}
              />
            ) : null}
            {!people.length && !page.company && !page.person ? (
              <p class="cl-muted">{strings.nothingOnPage}</p>
            ) : null}
          </section>
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

        {lookup.status === 'rate-limited' ? (
          <div class="cl-banner cl-banner--wait" role="status" aria-live="polite">
            {strings.rateLimited(seconds)}
          </div>
        ) : null}
        {lookup.status === 'offline' ? (
          <div class="cl-banner cl-banner--offline" role="alert">
            <p>
              {lookup.cached
                ? strings.offline(formatRelativeDate(lookup.cached.fetchedAt, now()))
                : strings.offlineNoCache}
            </p>
            <button type="button" class="cl-button cl-button--small" onClick={retryLookup}>
              {strings.tryAgain}
            </button>
          </div>
        ) : null}
        {lookup.status === 'error' ? (
          <div class="cl-banner cl-banner--error" role="alert">
            <p>{errorText(lookup.error)}</p>
            {lookup.error.kind === 'auth' || lookup.error.kind === 'not_connected' ? (
              <button
                type="button"
                class="cl-button cl-button--small cl-button--primary"
                onClick={actions.openOptions}
              >
                {strings.connect}
              </button>
            ) : (
              <button type="button" class="cl-button cl-button--small" onClick={retryLookup}>
                {strings.tryAgain}
              </button>
            )}
          </div>
        ) : null}
        {result?.stale && lookup.status === 'ready' ? <p class="cl-hint">{strings.stale}</p> : null}
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
              onCreated={(match) => {
                setCreating(false);
                setPinned((list) => [match, ...list]);
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
    </OrganizationScope.Provider>
  );
}
