// Which of a lead's forms a reopened panel opens by itself: the one whose save the journal holds
// and Close is not known to have; and which saves the lead re-reads because no page saw Close's answer.
import { describe, expect, it } from 'vitest';
import { pendingFormOf, savedUnseenOf } from '@/components/pending-form';
import type { Contact } from '@/utils/close/types';
import { type JournalEntry, recordWrite } from '@/utils/write-journal';

const ORG = 'orga_1';
const contact = { id: 'cont_1', name: 'Peter' } as Contact;
const lead = { organizationId: ORG, leadId: 'lead_1', contacts: [contact], opportunities: [] };

function entry(draftKey: string, state: JournalEntry['state'], at: number, id = draftKey) {
  return {
    ...recordWrite({
      kind: 'createContact',
      organizationId: ORG,
      input: {},
      meta: { clientId: `c-${id.replace(/\W/g, '')}-0000`, draftKey },
      owner: null as never,
      now: at,
    }),
    state,
  } satisfies JournalEntry;
}

describe('the form a journal entry opens', () => {
  it("opens the oldest unsaved write's form of this lead, in this organization only", () => {
    const entries = [
      entry('orga_1/opportunity:lead_1', 'failed', 20),
      entry('orga_1/contact:lead_1', 'unknown', 10),
      entry('orga_2/lead:lead_1', 'failed', 5),
      entry('orga_1/contact:lead_9', 'failed', 1),
    ];
    expect(pendingFormOf(entries, lead)?.form).toEqual({ kind: 'add-contact' });
    const skip = new Set([entries[1]?.id ?? '']);
    expect(pendingFormOf(entries, lead, skip)?.form).toEqual({ kind: 'add-opportunity' });
  });

  it('opens an edit form on the record it edits, and nothing for a saved write or a note', () => {
    expect(pendingFormOf([entry('orga_1/contact-edit:cont_1', 'queued', 1)], lead)?.form).toEqual({
      kind: 'edit-contact',
      contact,
    });
    expect(pendingFormOf([entry('orga_1/contact:lead_1', 'saved', 1)], lead)).toBeNull();
    expect(pendingFormOf([entry('orga_1/note:lead_1', 'failed', 1)], lead)).toBeNull();
    // An edit of a contact this lead no longer lists has no form to open here.
    expect(pendingFormOf([entry('orga_1/contact-edit:cont_2', 'failed', 1)], lead)).toBeNull();
  });

  it('re-reads the lead for saves no page heard about, once each', () => {
    const seen = { ...entry('orga_1/contact:lead_1', 'saved', 1), answerUnseen: true };
    const answered = entry('orga_1/opportunity:lead_1', 'saved', 2);
    expect(savedUnseenOf([seen, answered], lead).map((e) => e.entry.id)).toEqual([seen.id]);
    expect(savedUnseenOf([seen, answered], lead, new Set([seen.id]))).toEqual([]);
  });
});
