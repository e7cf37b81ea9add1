// Which of a lead's forms the write journal wants in front of the user: one whose save is not known
// to be in Close ("Not saved", "Close may already have this", "Will be sent…", still checking), so a
// reopened panel shows it without the user having to open the form first.
import type { Contact, Opportunity } from '@/utils/close/types';
import { type DraftForm, draftKey, scopedDraftKey } from '@/utils/drafts';
import type { JournalEntry } from '@/utils/write-journal';

/** A lead section's form, as LeadSection opens it. */
export type LeadForm =
  | { kind: 'edit-lead' }
  | { kind: 'add-contact' }
  | { kind: 'edit-contact'; contact: Contact }
  | { kind: 'add-opportunity' }
  | { kind: 'edit-opportunity'; opportunity: Opportunity };

export interface PendingForm {
  /** The journal entry that asks for the form (opened once per entry). */
  entryId: string;
  form: LeadForm;
}

export interface LeadForms {
  organizationId: string;
  leadId: string;
  contacts: Contact[];
  opportunities: Opportunity[];
}

/** Each of the lead's forms by its draft key (within the organization). */
function formsByDraftKey(lead: LeadForms): Map<string, LeadForm> {
  const key = (form: DraftForm, id: string) =>
    scopedDraftKey(lead.organizationId, draftKey(form, id));
  const forms = new Map<string, LeadForm>([
    [key('lead', lead.leadId), { kind: 'edit-lead' }],
    [key('contact', lead.leadId), { kind: 'add-contact' }],
    [key('opportunity', lead.leadId), { kind: 'add-opportunity' }],
  ]);
  for (const contact of lead.contacts) {
    forms.set(key('contact-edit', contact.id), { kind: 'edit-contact', contact });
  }
  for (const opportunity of lead.opportunities) {
    forms.set(key('opportunity-edit', opportunity.id), { kind: 'edit-opportunity', opportunity });
  }
  return forms;
}

/** The journal's entries for this lead's forms, oldest first, each with its form. */
export function leadFormEntries(
  entries: JournalEntry[],
  lead: LeadForms,
): Array<{ entry: JournalEntry; form: LeadForm }> {
  const forms = formsByDraftKey(lead);
  return entries
    .flatMap((entry) => {
      const form = entry.draftKey === null ? undefined : forms.get(entry.draftKey);
      return form ? [{ entry, form }] : [];
    })
    .sort((a, b) => a.entry.startedAt - b.entry.startedAt);
}

/**
 * The oldest write of `forms` (each form by its scoped draft key) not known to be in Close and not
 * in `skip`: its entry id and form, or null.
 */
export function oldestPending<F>(
  entries: JournalEntry[],
  forms: ReadonlyMap<string, F>,
  skip: ReadonlySet<string> = new Set(),
): { entryId: string; form: F } | null {
  let first: { entry: JournalEntry; form: F } | null = null;
  for (const entry of entries) {
    const form = entry.draftKey === null ? undefined : forms.get(entry.draftKey);
    if (form === undefined || entry.state === 'saved' || skip.has(entry.id)) continue;
    if (!first || entry.startedAt < first.entry.startedAt) first = { entry, form };
  }
  return first ? { entryId: first.entry.id, form: first.form } : null;
}

/**
 * The oldest write of this lead's forms not known to be in Close and not in `skip`: its form, or
 * null. A saved write needs nothing (the record shows in the lists); notes show in their
 * always-open box.
 */
export function pendingFormOf(
  entries: JournalEntry[],
  lead: LeadForms,
  skip: ReadonlySet<string> = new Set(),
): PendingForm | null {
  return oldestPending(entries, formsByDraftKey(lead), skip);
}

/**
 * Saves of this lead's forms that are in Close without a page having seen Close's answer (a check
 * found it, or a queued write went later), not in `skip`.
 */
export function savedUnseenOf(
  entries: JournalEntry[],
  lead: LeadForms,
  skip: ReadonlySet<string> = new Set(),
): Array<{ entry: JournalEntry; form: LeadForm }> {
  return leadFormEntries(entries, lead).filter(
    ({ entry }) => entry.state === 'saved' && entry.answerUnseen && !skip.has(entry.id),
  );
}
