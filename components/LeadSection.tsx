// One matching lead with everything about it: card, quick note, contacts, opportunities, timeline and
// the forms to change them; saved changes replace what is shown in place, and a refreshed look-up
// updates it in place too (open forms stay open).
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { ActivityTimeline, noteToActivity } from '@/components/ActivityTimeline';
import { forgetActivities } from '@/components/activity-cache';
import { Collapsible } from '@/components/Collapsible';
import { ContactList } from '@/components/ContactList';
import { LeadCard } from '@/components/LeadCard';
import { lazyComponent } from '@/components/lazy';
import { NoteForm } from '@/components/NoteForm';
import { OpenFormButton } from '@/components/OpenFormButton';
import { OpportunityList } from '@/components/OpportunityList';
import { OrganizationScope } from '@/components/organization-scope';
import type { PanelActions } from '@/components/panel-model';
import { usePanelStore } from '@/components/panel-store';
import { type LeadForm, pendingFormOf, savedUnseenOf } from '@/components/pending-form';
import { StatusMenu } from '@/components/StatusMenu';
import { TaskList } from '@/components/TaskList';
import { useAfterFirstPaint } from '@/components/use-after-first-paint';
import { useFocusReturn } from '@/components/use-focus-return';
import type { Activity, Contact, Lead, Opportunity } from '@/utils/close/types';
import { draftKey } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import { lastEmailDate } from '@/utils/last-email';
import type { LeadMatch } from '@/utils/lookup/types';
import { journalEntries } from '@/utils/ui/write-journal-signal';

// Forms load when first opened: the first screen needs only the lead, the note box and the timeline.
const LeadEditForm = lazyComponent(
  async () => (await import('@/components/LeadEditForm')).LeadEditForm,
);
const ContactForm = lazyComponent(
  async () => (await import('@/components/ContactForm')).ContactForm,
);
const OpportunityForm = lazyComponent(
  async () => (await import('@/components/OpportunityForm')).OpportunityForm,
);

const strings = {
  editLead: t('commonEditLead'),
  addContact: t('commonAddContact'),
  addOpportunity: t('commonAddOpportunity'),
  saved: t('leadSectionSaved'),
  contacts: t('commonContacts'),
  opportunities: t('commonOpportunities'),
  timeline: t('commonActivity'),
} as const;

type Mode = { kind: 'none' } | LeadForm;

export interface LeadSectionProps {
  match: LeadMatch;
  /** When Close answered with `match` (ms); a saved change newer than that wins over it. */
  fetchedAt?: number | undefined;
  /** `match` comes from a cached look-up that is being revalidated. */
  stale?: boolean | undefined;
  /** `match` is shown again, unasked, to a page that showed it then (LookupResult.shownAgainAt). */
  shownAgainAt?: number | undefined;
  actions: PanelActions;
  cached?: boolean;
  pageEmails?: string[];
  defaultCurrency?: string;
  now?: () => number;
  /** Changes when the panel's "Try again" asks Close again: the timeline reloads too. */
  reloads?: number;
}

export function LeadSection({
  match,
  fetchedAt = 0,
  stale = false,
  shownAgainAt,
  actions,
  cached,
  pageEmails,
  defaultCurrency,
  now,
  reloads,
}: LeadSectionProps) {
  const organizationId = useContext(OrganizationScope);
  const store = usePanelStore();
  /** Tasks, note, contacts, deals and timeline follow the card one frame later. */
  const painted = useAfterFirstPaint();
  const [added, setAdded] = useState<Activity[]>([]);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [status, setStatus] = useState('');
  /** Bumped when a save from here landed without its answer: the timeline asks Close again. */
  const [savedUnseen, setSavedUnseen] = useState(0);
  /** The newest email sent or received among the timeline's activities (no request of its own). */
  const [lastEmail, setLastEmail] = useState<string | null>(null);

  const { lead, contacts, opportunities, openDeal } = store.leadView(
    organizationId,
    match,
    fetchedAt,
  );
  /** After any write from here: what the timeline cached for this lead is out of date. */
  const wrote = () => forgetActivities(organizationId, lead.id);
  const setLead = (value: Lead) => {
    wrote();
    store.save(organizationId, 'lead', value);
  };
  const saveContact = (value: Contact) => {
    wrote();
    store.save(organizationId, 'contact', value);
  };
  const saveOpportunity = (value: Opportunity) => {
    wrote();
    store.save(organizationId, 'opportunity', value);
  };
  // The record an edit form works on, as shown now (a refresh may have brought a newer one).
  const editedContact =
    mode.kind === 'edit-contact'
      ? (contacts.find((c) => c.id === mode.contact.id) ?? mode.contact)
      : null;
  const editedOpportunity =
    mode.kind === 'edit-opportunity'
      ? (opportunities.find((o) => o.id === mode.opportunity.id) ?? mode.opportunity)
      : null;

  // A save the journal holds for one of these forms ("Not saved", "Close may already have this",
  // "Will be sent…") is shown without the user opening the form: it opens, once per save.
  const forms = { organizationId, leadId: lead.id, contacts, opportunities };
  const shownEntries = useRef(new Set<string>());
  const pending = pendingFormOf(journalEntries.value, forms, shownEntries.current);
  useEffect(() => {
    if (!pending || mode.kind !== 'none') return;
    shownEntries.current.add(pending.entryId);
    setMode(pending.form);
  }, [pending?.entryId, mode.kind]);
  // A save in Close whose answer no page saw (lost with the worker and found by a check, or queued
  // and sent later): its form has nothing left to do, and the lead is read again from Close.
  const handledFound = useRef(new Set<string>());
  const found = savedUnseenOf(journalEntries.value, forms, handledFound.current);
  const foundIds = found.map(({ entry }) => entry.id).join(' ');
  useEffect(() => {
    if (!foundIds) return;
    for (const { entry } of found) handledFound.current.add(entry.id);
    if (found.some(({ form }) => form.kind === mode.kind)) close();
    wrote();
    void actions
      .loadLead({ leadId: lead.id })
      .then((fresh) => {
        store.save(organizationId, 'lead', fresh.lead);
        for (const contact of fresh.contacts) store.save(organizationId, 'contact', contact);
        for (const deal of fresh.opportunities) store.save(organizationId, 'opportunity', deal);
      })
      .catch(() => {});
  }, [foundIds]);

  const close = (message = strings.saved) => {
    setMode({ kind: 'none' });
    setStatus(message);
  };
  // Esc, Cancel or a save closes a form: focus goes back to the button that opened it.
  const focusReturn = useFocusReturn(mode.kind !== 'none');
  const toggle = (next: Mode, event?: Event) => {
    setStatus('');
    if (mode.kind === next.kind) return setMode({ kind: 'none' });
    focusReturn.remember(event);
    setMode(next);
  };

  return (
    <article class="cl-lead" aria-label={lead.name}>
      <LeadCard
        lead={lead}
        matchedBy={match.matchedBy}
        cached={cached}
        deal={openDeal}
        lastEmail={lastEmail}
        now={now}
        status={
          <StatusMenu
            lead={lead}
            loadStatuses={actions.loadLeadStatuses}
            save={(statusId) => actions.updateLead({ leadId: lead.id, patch: { statusId } })}
            onSaved={(saved) => {
              setLead({
                ...saved,
                contacts: saved.contacts.length ? saved.contacts : lead.contacts,
              });
              setStatus(strings.saved);
            }}
          />
        }
      >
        <button
          type="button"
          class="cl-button cl-button--small"
          aria-expanded={mode.kind === 'edit-lead'}
          onClick={(event) => toggle({ kind: 'edit-lead' }, event)}
        >
          {strings.editLead}
        </button>
      </LeadCard>
      <div role="status" aria-live="polite" class="cl-form__status">
        {status}
      </div>
      {mode.kind === 'edit-lead' ? (
        <LeadEditForm
          lead={lead}
          loadStatuses={actions.loadLeadStatuses}
          loadCustomFields={actions.loadLeadCustomFields}
          save={(patch, write) => actions.updateLead({ leadId: lead.id, patch, write })}
          onSaved={(saved) => {
            setLead({ ...saved, contacts: saved.contacts.length ? saved.contacts : lead.contacts });
            close();
          }}
          onCancel={() => setMode({ kind: 'none' })}
        />
      ) : null}
      {painted ? (
        <>
          <TaskList
            leadId={lead.id}
            open={match.tasks}
            load={() => actions.loadTasks({ leadId: lead.id })}
            create={({ text, due }, write) =>
              actions.createTask({ leadId: lead.id, text, due, write })
            }
            update={(taskId, patch, write) => actions.updateTask({ taskId, patch, write })}
            onWrote={wrote}
            now={now}
          />
          <NoteForm
            draftKey={draftKey('note', lead.id)}
            leadId={lead.id}
            save={(text, write) => actions.addNote({ leadId: lead.id, text, write })}
            onSaved={(note) => {
              wrote();
              setAdded((prev) => [noteToActivity(note), ...prev]);
            }}
            onSavedElsewhere={() => {
              wrote();
              setSavedUnseen((n) => n + 1);
            }}
          />
          <Collapsible name="contacts" summary={strings.contacts}>
            <ContactList
              contacts={contacts}
              pageEmails={pageEmails}
              onEdit={(contact, event) => toggle({ kind: 'edit-contact', contact }, event)}
            />
            {editedContact ? (
              <ContactForm
                key={editedContact.id}
                draftKey={draftKey('contact-edit', editedContact.id)}
                contact={editedContact}
                leadId={lead.id}
                update={(patch, write) =>
                  actions.updateContact({ contactId: editedContact.id, patch, write })
                }
                onSaved={(saved) => {
                  saveContact(saved);
                  close();
                }}
                onCancel={() => setMode({ kind: 'none' })}
              />
            ) : null}
            {mode.kind === 'add-contact' ? (
              <ContactForm
                draftKey={draftKey('contact', lead.id)}
                leadId={lead.id}
                save={(input, _target, write) =>
                  actions.createContact({ leadId: lead.id, input, write })
                }
                onSaved={(saved) => {
                  saveContact(saved);
                  close();
                }}
                onCancel={() => setMode({ kind: 'none' })}
              />
            ) : null}
            <OpenFormButton
              open={mode.kind === 'add-contact'}
              onClick={(event) => toggle({ kind: 'add-contact' }, event)}
            >
              {strings.addContact}
            </OpenFormButton>
          </Collapsible>
          <Collapsible name="opportunities" summary={strings.opportunities}>
            <OpportunityList
              opportunities={opportunities}
              onEdit={(opportunity, event) =>
                toggle({ kind: 'edit-opportunity', opportunity }, event)
              }
            />
            {editedOpportunity || mode.kind === 'add-opportunity' ? (
              <OpportunityForm
                key={editedOpportunity?.id ?? 'new'}
                leadId={lead.id}
                opportunity={editedOpportunity ?? undefined}
                contacts={contacts}
                loadPipelines={actions.loadPipelines}
                defaultCurrency={defaultCurrency}
                create={(input, write) => actions.createOpportunity({ input, write })}
                update={(opportunityId, patch, write) =>
                  actions.updateOpportunity({ opportunityId, patch, write })
                }
                onSaved={(saved) => {
                  saveOpportunity(saved);
                  close();
                }}
                onCancel={() => setMode({ kind: 'none' })}
              />
            ) : null}
            <OpenFormButton
              open={mode.kind === 'add-opportunity'}
              onClick={(event) => toggle({ kind: 'add-opportunity' }, event)}
            >
              {strings.addOpportunity}
            </OpenFormButton>
          </Collapsible>
          <Collapsible name="timeline" summary={strings.timeline}>
            <ActivityTimeline
              leadId={lead.id}
              leadUrl={lead.htmlUrl}
              load={(cursor, fresh) =>
                actions.loadActivities({
                  leadId: lead.id,
                  cursor,
                  fresh,
                  leadUpdated: match.lead.dateUpdated,
                  leadSeenAt: fetchedAt || undefined,
                  lookupStale: stale,
                  ...(shownAgainAt ? { pageShownAt: shownAgainAt } : {}),
                })
              }
              getEmail={(emailId) => actions.getEmail({ emailId })}
              updateNote={(noteId, text, write) => actions.updateNote({ noteId, text, write })}
              added={added}
              leadUpdated={match.lead.dateUpdated}
              lookupStale={stale}
              reloads={(reloads ?? 0) + savedUnseen}
              now={now}
              onShown={(shown) => setLastEmail(lastEmailDate(shown))}
            />
          </Collapsible>
        </>
      ) : null}
    </article>
  );
}
