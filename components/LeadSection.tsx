// One matching lead with everything about it: card, quick note, contacts, opportunities, timeline and
// the forms to change them; saved changes replace what is shown in place.
import { useState } from 'preact/hooks';
import type { Activity, Contact, Lead, Opportunity } from '../utils/close/types';
import { draftKey } from '../utils/drafts';
import { t } from '../utils/i18n';
import type { LeadMatch } from '../utils/lookup/types';
import { ActivityTimeline, noteToActivity } from './ActivityTimeline';
import { ContactForm } from './ContactForm';
import { ContactList } from './ContactList';
import { LeadCard } from './LeadCard';
import { LeadEditForm } from './LeadEditForm';
import { NoteForm } from './NoteForm';
import { OpportunityForm } from './OpportunityForm';
import { OpportunityList } from './OpportunityList';
import type { PanelActions } from './panel-model';

const strings = {
  editLead: t('leadSectionEditLead'),
  addContact: t('leadSectionAddContact'),
  addOpportunity: t('leadSectionAddOpportunity'),
  saved: t('leadSectionSaved'),
} as const;

type Mode =
  | { kind: 'none' }
  | { kind: 'edit-lead' }
  | { kind: 'add-contact' }
  | { kind: 'edit-contact'; contact: Contact }
  | { kind: 'add-opportunity' }
  | { kind: 'edit-opportunity'; opportunity: Opportunity };

export interface LeadSectionProps {
  match: LeadMatch;
  actions: PanelActions;
  cached?: boolean;
  pageEmails?: string[];
  defaultCurrency?: string;
  now?: () => number;
}

function replaceById<T extends { id: string }>(list: T[], item: T): T[] {
  return list.some((x) => x.id === item.id)
    ? list.map((x) => (x.id === item.id ? item : x))
    : [...list, item];
}

export function LeadSection({
  match,
  actions,
  cached,
  pageEmails,
  defaultCurrency,
  now,
}: LeadSectionProps) {
  const [lead, setLead] = useState<Lead>(match.lead);
  const [contacts, setContacts] = useState<Contact[]>(match.contacts);
  const [opportunities, setOpportunities] = useState<Opportunity[]>(match.opportunities);
  const [added, setAdded] = useState<Activity[]>([]);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [status, setStatus] = useState('');
  const close = (message = strings.saved) => {
    setMode({ kind: 'none' });
    setStatus(message);
  };
  const toggle = (next: Mode) => {
    setStatus('');
    setMode(mode.kind === next.kind ? { kind: 'none' } : next);
  };

  return (
    <article class="cl-lead" aria-label={lead.name}>
      <LeadCard lead={lead} matchedBy={match.matchedBy} cached={cached}>
        <button
          type="button"
          class="cl-button cl-button--small"
          aria-expanded={mode.kind === 'edit-lead'}
          onClick={() => toggle({ kind: 'edit-lead' })}
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
          save={(patch) => actions.updateLead(lead.id, patch)}
          onSaved={(saved) => {
            setLead({ ...saved, contacts: saved.contacts.length ? saved.contacts : lead.contacts });
            close();
          }}
          onCancel={() => setMode({ kind: 'none' })}
        />
      ) : null}
      <NoteForm
        draftKey={draftKey('note', lead.id)}
        save={(text) => actions.addNote(lead.id, text)}
        onSaved={(note) => setAdded((prev) => [noteToActivity(note), ...prev])}
      />
      <ContactList
        contacts={contacts}
        pageEmails={pageEmails}
        onEdit={(contact) => toggle({ kind: 'edit-contact', contact })}
      />
      {mode.kind === 'edit-contact' ? (
        <ContactForm
          key={mode.contact.id}
          draftKey={draftKey('contact-edit', mode.contact.id)}
          contact={mode.contact}
          update={(patch) => actions.updateContact(mode.contact.id, patch)}
          onSaved={(saved) => {
            setContacts((list) => replaceById(list, saved));
            close();
          }}
          onCancel={() => setMode({ kind: 'none' })}
        />
      ) : null}
      {mode.kind === 'add-contact' ? (
        <ContactForm
          draftKey={draftKey('contact', lead.id)}
          save={(input) => actions.createContact(lead.id, input)}
          onSaved={(saved) => {
            setContacts((list) => replaceById(list, saved));
            close();
          }}
          onCancel={() => setMode({ kind: 'none' })}
        />
      ) : (
        <button
          type="button"
          class="cl-button cl-button--small"
          onClick={() => toggle({ kind: 'add-contact' })}
        >
          {strings.addContact}
        </button>
      )}
      <OpportunityList
        opportunities={opportunities}
        onEdit={(opportunity) => toggle({ kind: 'edit-opportunity', opportunity })}
      />
      {mode.kind === 'edit-opportunity' || mode.kind === 'add-opportunity' ? (
        <OpportunityForm
          key={mode.kind === 'edit-opportunity' ? mode.opportunity.id : 'new'}
          leadId={lead.id}
          opportunity={mode.kind === 'edit-opportunity' ? mode.opportunity : undefined}
          contacts={contacts}
          loadPipelines={actions.loadPipelines}
          defaultCurrency={defaultCurrency}
          create={actions.createOpportunity}
          update={actions.updateOpportunity}
          onSaved={(saved) => {
            setOpportunities((list) => replaceById(list, saved));
            close();
          }}
          onCancel={() => setMode({ kind: 'none' })}
        />
      ) : null}
      {mode.kind !== 'add-opportunity' ? (
        <button
          type="button"
          class="cl-button cl-button--small"
          onClick={() => toggle({ kind: 'add-opportunity' })}
        >
          {strings.addOpportunity}
        </button>
      ) : null}
      <ActivityTimeline
        leadId={lead.id}
        load={(cursor) => actions.loadActivities(lead.id, cursor)}
        getEmail={actions.getEmail}
        updateNote={actions.updateNote}
        added={added}
        now={now}
      />
    </article>
  );
}
