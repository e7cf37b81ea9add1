// "On this page": what the content script saw (source, company, people), which of the people Close
// already knows, and "Add as contact" for the others.
import { useContext, useEffect, useState } from 'preact/hooks';
import { lazyComponent } from '@/components/lazy';
import { OrganizationScope } from '@/components/organization-scope';
import type { PanelActions } from '@/components/panel-model';
import { WritingTo } from '@/components/WritingTo';
import type { Contact } from '@/utils/close/types';
import { draftKey } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import type { LeadMatch, LookupResult } from '@/utils/lookup/types';
import type { PagePerson, PageSnapshot } from '@/utils/page-snapshot';

// The contact form loads when first opened (not part of the first screen's JavaScript).
const ContactForm = lazyComponent(
  async () => (await import('@/components/ContactForm')).ContactForm,
);

const strings = {
  onPage: t('panelViewOnPage'),
  company: t('panelViewCompany'),
  /** A platform-hosted page: "on GitHub: acme" says why a name, not a domain, is looked up. */
  onPlatform: (platform: string, account: string) => t('panelViewOnPlatform', [platform, account]),
  people: t('panelViewPeople'),
  nothingOnPage: t('panelViewNothingOnPage'),
  addAsContact: t('panelViewAddAsContact'),
  addAsContactLabel: (who: string) => t('panelViewAddAsContactLabel', who),
  inClose: t('panelViewInClose'),
  personDetails: (title: string, phone: string) => t('panelViewPersonDetails', [title, phone]),
  sources: {
    gmail: t('siteGmail'),
    outlook: t('siteOutlook'),
    'linkedin-profile': t('panelViewSourcesLinkedinProfile'),
    'linkedin-company': t('panelViewSourcesLinkedinCompany'),
    website: t('panelViewSourcesWebsite'),
    selection: t('panelViewSourcesSelection'),
  } satisfies Record<PageSnapshot['source'], string>,
} as const;

function personLabel(p: PagePerson): string {
  return p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email ?? '');
}

/** The Close contact behind each address the matching leads know, by lower-cased address. */
export function knownEmails(result: LookupResult | null, extra: LeadMatch[]): Map<string, Contact> {
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

export interface PageContextSectionProps {
  page: PageSnapshot;
  /** Close contacts by lower-cased address (see `knownEmails`). */
  known: Map<string, Contact>;
  /** "Add as contact" is offered once the look-up has answered. */
  canAddContacts: boolean;
  /** The leads a new contact can join (matched and pinned), in the order shown. */
  leads: LeadMatch[];
  actions: PanelActions;
  /** A contact was created from a person on the page. */
  onContactAdded: (contact: Contact) => void;
}

export function PageContextSection({
  page,
  known,
  canAddContacts,
  leads,
  actions,
  onContactAdded,
}: PageContextSectionProps) {
  const organizationId = useContext(OrganizationScope);
  const [addingPerson, setAddingPerson] = useState<PagePerson | null>(null);
  // A form belongs to the page and the organization it was opened in.
  useEffect(() => setAddingPerson(null), [page.url, organizationId]);

  const own = new Set(page.ownEmails ?? []);
  const visible = page.people.filter((p) => !(p.email && own.has(p.email)));
  // The recipients of the email being written (Gmail compose) are listed under "Writing to"; each
  // address appears once, so a thread person who is also a recipient is not repeated below.
  const writing = visible.filter((p) => p.writing && p.role !== 'hover');
  const writingEmails = new Set(writing.map((p) => p.email));
  const people = visible.filter((p) => !(p.email && writingEmails.has(p.email)));
  const closeKnows = (email: string) => {
    const contact = known.get(email);
    if (!contact) return undefined;
    return { contact, lead: leads.find((m) => m.lead.id === contact.leadId)?.lead };
  };
  return (
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
      <WritingTo
        recipients={writing}
        known={closeKnows}
        settled={canAddContacts}
        details={personDetails}
        onAddAsContact={(p) => setAddingPerson(addingPerson === p ? null : p)}
      />
      {people.length > 0 ? (
        <ul class="cl-list cl-people" aria-label={strings.people}>
          {people.slice(0, 20).map((p) => {
            const contact = p.email ? known.get(p.email.toLowerCase()) : undefined;
            const details = personDetails(contact);
            return (
              <li key={p.email ?? p.name} class="cl-person">
                <span class="cl-person__who">
                  <span>{personLabel(p)}</span>
                  {details ? <span class="cl-person__details">{details}</span> : null}
                </span>
                {contact ? (
                  <span class="cl-badge cl-badge--accent">{strings.inClose}</span>
                ) : canAddContacts ? (
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
          draftKey={draftKey('contact', `page:${addingPerson.email ?? addingPerson.name ?? ''}`)}
          prefill={{ name: addingPerson.name ?? '', email: addingPerson.email ?? '' }}
          targets={[
            ...leads.map((m) => ({ leadId: m.lead.id, label: m.lead.name })),
            { leadId: null, label: '' },
          ]}
          save={(input, leadId, write) => actions.createContact({ leadId, input, write })}
          onSaved={(contact) => {
            setAddingPerson(null);
            onContactAdded(contact);
          }}
          onCancel={() => setAddingPerson(null)}
        />
      ) : null}
      {!visible.length && !page.company && !page.person ? (
        <p class="cl-muted">{strings.nothingOnPage}</p>
      ) : null}
    </section>
  );
}
