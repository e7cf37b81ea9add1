// The writes the journal knows: for each, how to send it and how to ask Close whether a send whose
// answer was lost landed. A new write is one entry here plus its panel message.

import { createLeadInput, type createPanelService } from '@/entrypoints/background/panel-service';
import {
  createdContactAbsenceIsCertain,
  findCreatedContactFor,
  getContact,
} from '@/utils/close/contacts';
import type { CloseHttp } from '@/utils/close/http';
import { findCreatedLeadId, getLead } from '@/utils/close/leads';
import { findCreatedNote, findUpdatedNote } from '@/utils/close/notes';
import { findCreatedOpportunity, getOpportunity } from '@/utils/close/opportunities';
import { findCreatedTask, findUpdatedTask } from '@/utils/close/tasks';
import type { Contact, Lead, Opportunity } from '@/utils/close/types';
import { sameValue } from '@/utils/drafts';
import type { MessageOutputs, ParsedInput, WriteMessageName } from '@/utils/messaging';

type WriteName = WriteMessageName extends `ui:${infer K}` ? K : never;

export interface WriteKind<I, O> {
  send(input: I): Promise<O>;
  /**
   * What Close holds for a send at `sentAt` (local clock) whose answer was lost: the saved
   * record's id, or undefined when Close has nothing. Throws when Close cannot be asked.
   */
  check(http: CloseHttp, input: I, sentAt: number): Promise<string | undefined>;
  /**
   * Whether `check` finding nothing proves the write absent once Close's lists have caught up
   * (LIST_SETTLE_MS after the send); false for search-backed checks, which never prove it.
   */
  absenceIsCertain(input: I): boolean;
  /**
   * The check reads the record itself (an edit's read-back), not a list: Close answers it with
   * what it holds now, so its answer counts at once, without the list-settle wait.
   */
  readsRecord?: boolean;
}

export type WriteKinds = {
  [K in WriteName]: WriteKind<ParsedInput<`ui:${K}`>, MessageOutputs[`ui:${K}`]>;
};

/**
 * How far before the recorded send time a check looks. The journal only has the local clock, and
 * a check after a worker restart or hours offline has no fresh reading of Close's: minutes, as the
 * client does for a first request (see UNKNOWN_CLOCK_LOOKBACK_MS in utils/close/http.ts).
 */
export const CHECK_LOOKBACK_MS = 5 * 60_000;

/**
 * How long after a send a plain list that lacks the record is taken as proof it was not created.
 * Close does not document when a new record shows in its lists (the client's in-call check treats
 * not seeing it as proving nothing; the strict fake lists creates 1.5 s late): the journal waits
 * this long before it says "Not saved" or sends a queued write, and checks again meanwhile.
 * An assumption, written down in docs and the closing note of issue 11.
 */
export const LIST_SETTLE_MS = 30_000;

const same = (a: unknown, b: unknown) => sameValue(a ?? null, b ?? null);
const digits = (phone: string) => phone.replace(/\D/g, '');
const lower = (text: string) => text.trim().toLowerCase();

/** Does the lead carry every field of the patch? */
function leadCarries(lead: Lead, patch: ParsedInput<'ui:updateLead'>['patch']): boolean {
  if (patch.name !== undefined && lead.name !== patch.name) return false;
  if (patch.url !== undefined && (lead.url ?? null) !== (patch.url || null)) return false;
  if (patch.description !== undefined && lead.description !== patch.description) return false;
  if (patch.statusId !== undefined && lead.statusId !== patch.statusId) return false;
  for (const [id, value] of Object.entries(patch.custom ?? {})) {
    if (!same(lead.custom[id], value)) return false;
  }
  return true;
}

function contactCarries(c: Contact, patch: ParsedInput<'ui:updateContact'>['patch']): boolean {
  if (patch.name !== undefined && c.name.trim() !== patch.name.trim()) return false;
  if (patch.title !== undefined && c.title.trim() !== patch.title.trim()) return false;
  if (patch.emails !== undefined) {
    const have = c.emails.map((e) => lower(e.email)).sort();
    if (!same(have, patch.emails.map((e) => lower(e.email)).sort())) return false;
  }
  if (patch.phones !== undefined) {
    // Close formats numbers (E.164): compare the digits, allowing an added country code.
    const have = c.phones.map((p) => digits(p.phone));
    if (have.length !== patch.phones.length) return false;
    for (const p of patch.phones) {
      const want = digits(p.phone);
      if (!have.some((h) => h.endsWith(want) || want.endsWith(h))) return false;
    }
  }
  return true;
}

function opportunityCarries(
  o: Opportunity,
  patch: ParsedInput<'ui:updateOpportunity'>['patch'],
): boolean {
  if (patch.statusId !== undefined && o.statusId !== patch.statusId) return false;
  if (patch.value !== undefined && (o.value ?? null) !== patch.value) return false;
  if (patch.valuePeriod !== undefined && o.valuePeriod !== patch.valuePeriod) return false;
  if (patch.confidence !== undefined && o.confidence !== Math.round(patch.confidence)) return false;
  if (patch.contactId !== undefined && (o.contactId ?? null) !== (patch.contactId ?? null))
    return false;
  if (patch.note !== undefined && o.note.trim() !== patch.note.trim()) return false;
  return true;
}

type PanelService = ReturnType<typeof createPanelService>;

export function createWriteKinds(panel: PanelService): WriteKinds {
  const since = (sentAt: number) => sentAt - CHECK_LOOKBACK_MS;
  return {
    addNote: {
      send: (input) => panel.addNote(input),
      check: async (http, { leadId, text }, sentAt) =>
        (await findCreatedNote(http, { leadId, text }, since(sentAt)))?.id,
      absenceIsCertain: () => true,
    },
    updateNote: {
      send: (input) => panel.updateNote(input),
      check: async (http, { noteId, text }) => (await findUpdatedNote(http, noteId, { text }))?.id,
      absenceIsCertain: () => true,
      readsRecord: true,
    },
    createTask: {
      send: (input) => panel.createTask(input),
      // The lead's task list (done ones too), by text and due day, created since the send.
      check: async (http, { leadId, text, due }, sentAt) =>
        (await findCreatedTask(http, { leadId, text, due }, since(sentAt)))?.id,
      absenceIsCertain: () => true,
    },
    updateTask: {
      send: (input) => panel.updateTask(input),
      // Ticked done, or edited: the task read back carries every field sent.
      check: async (http, { taskId, patch }) => {
        const { text, due, isComplete } = patch;
        const found = await findUpdatedTask(http, taskId, {
          ...(text !== undefined ? { text } : {}),
          ...(due !== undefined ? { due } : {}),
          ...(isComplete !== undefined ? { isComplete } : {}),
        });
        return found?.id;
      },
      absenceIsCertain: () => true,
      readsRecord: true,
    },
    updateLead: {
      send: (input) => panel.updateLead(input),
      check: async (http, { leadId, patch }) => {
        const lead = await getLead(http, leadId);
        return leadCarries(lead, patch) ? lead.id : undefined;
      },
      absenceIsCertain: () => true,
      readsRecord: true,
    },
    createLead: {
      send: (input) => panel.createLead(input),
      // Search by the exact name (and URL, and the contacts' addresses) created since the send.
      check: (http, input, sentAt) =>
        findCreatedLeadId(http, createLeadInput(input), since(sentAt)),
      // Search-backed: Close's index may not have a new lead yet, so finding none proves nothing.
      absenceIsCertain: () => false,
    },
    createContact: {
      send: (input) => panel.createContact(input),
      check: async (http, { leadId, input }, sentAt) =>
        (
          await findCreatedContactFor(
            http,
            { ...(leadId ? { leadId } : {}), ...input },
            since(sentAt),
          )
        )?.id,
      absenceIsCertain: ({ leadId, input }) =>
        createdContactAbsenceIsCertain({ ...(leadId ? { leadId } : {}), ...input }),
    },
    updateContact: {
      send: (input) => panel.updateContact(input),
      check: async (http, { contactId, patch }) => {
        const contact = await getContact(http, contactId);
        return contactCarries(contact, patch) ? contact.id : undefined;
      },
      absenceIsCertain: () => true,
      readsRecord: true,
    },
    createOpportunity: {
      send: (input) => panel.createOpportunity(input),
      check: async (http, { input }, sentAt) => {
        const { pipelineId, ...rest } = input;
        const found = await findCreatedOpportunity(
          http,
          { ...rest, ...(pipelineId ? { pipelineId } : {}) },
          since(sentAt),
        );
        return found?.id;
      },
      absenceIsCertain: () => true,
    },
    updateOpportunity: {
      send: (input) => panel.updateOpportunity(input),
      check: async (http, { opportunityId, patch }) => {
        const opportunity = await getOpportunity(http, opportunityId);
        return opportunityCarries(opportunity, patch) ? opportunity.id : undefined;
      },
      absenceIsCertain: () => true,
      readsRecord: true,
    },
  };
}
