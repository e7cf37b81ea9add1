import type {
  Activity,
  Contact,
  EmailAddress,
  EmailMessage,
  Lead,
  LeadCustomField,
  LeadStatus,
  Note,
  Opportunity,
  Pipeline,
  ValuePeriod,
} from '../utils/close/types';
import type { ConnectionState } from '../utils/connection-state';
import type { LeadMatch, LookupState } from '../utils/lookup/types';
import type { PageSnapshot } from '../utils/page-snapshot';
import type { WriteMeta } from '../utils/write-journal';

export type { DuplicateCandidate, DuplicateQuery, Paged, SearchHit } from '../utils/panel-types';
export type { LookupState };

import type { DuplicateCandidate, DuplicateQuery, Paged, SearchHit } from '../utils/panel-types';

/** Phone numbers as the forms send them. */
export interface PhoneInput {
  phone: string;
  type: string;
}

export interface LeadPatch {
  name?: string;
  url?: string | null;
  description?: string;
  statusId?: string;
  /** Custom field values by field id (cf_...); null unsets. */
  custom?: Record<string, unknown>;
}

export interface ContactInput {
  name: string;
  title: string;
  emails: EmailAddress[];
  phones: PhoneInput[];
}
export type ContactPatch = Partial<ContactInput>;

export interface OpportunityInput {
  leadId: string;
  pipelineId: string | null;
  statusId: string;
  /** Cents. */
  value: number | null;
  /** Only when the user picked a currency; otherwise Close uses the organization's. */
  valueCurrency?: string;
  valuePeriod: ValuePeriod;
  /** 0–100. */
  confidence: number;
  contactId: string | null;
  note: string;
}
export type OpportunityPatch = Partial<Omit<OpportunityInput, 'leadId'>>;

export interface CreateLeadInput {
  name: string;
  url: string | null;
  description: string;
  contacts: ContactInput[];
}

/**
 * Writes carry `write` (from the form's useWrite): the background's journal records them under
 * its client id and clears the form's draft once Close has them.
 */
export interface PanelActions {
  addNote(leadId: string, text: string, write?: WriteMeta): Promise<Note>;
  updateNote(noteId: string, text: string, write?: WriteMeta): Promise<Note>;
  updateLead(leadId: string, patch: LeadPatch, write?: WriteMeta): Promise<Lead>;
  /** `leadId` null creates a new lead for the contact (Close names it after the contact). */
  createContact(leadId: string | null, input: ContactInput, write?: WriteMeta): Promise<Contact>;
  updateContact(contactId: string, patch: ContactPatch, write?: WriteMeta): Promise<Contact>;
  createOpportunity(input: OpportunityInput, write?: WriteMeta): Promise<Opportunity>;
  updateOpportunity(id: string, patch: OpportunityPatch, write?: WriteMeta): Promise<Opportunity>;
  createLead(input: CreateLeadInput): Promise<LeadMatch>;
  findDuplicates(input: DuplicateQuery): Promise<DuplicateCandidate[]>;
  search(query: string, cursor: string | null): Promise<Paged<SearchHit>>;
  /** Newest first. */
  loadActivities(leadId: string, cursor: string | null): Promise<Paged<Activity>>;
  getEmail(id: string): Promise<EmailMessage>;
  /** A lead with its contacts and opportunities (search results, a just-created contact's lead). */
  loadLead(leadId: string): Promise<LeadMatch>;
  loadLeadStatuses(): Promise<LeadStatus[]>;
  loadPipelines(): Promise<Pipeline[]>;
  loadLeadCustomFields(): Promise<LeadCustomField[]>;
  /** Runs the page look-up again ("Try again"). */
  retryLookup(): void;
  /** Opens the options page to connect an account. */
  openOptions(): void;
}

export interface PanelModel {
  connection: ConnectionState;
  /** What the content script saw on the page; null on pages it cannot read. */
  page: PageSnapshot | null;
  lookup: LookupState;
  /** Why the page could not be read (e.g. "click the Close Look icon"), shown instead of the generic hint. */
  pageHint?: string;
  /** Offers one-click access for a site whose reading needs an optional permission (Outlook). */
  grantAccess?: { label: string; request: () => void };
  actions: PanelActions;
  /** The organization's currency for new opportunities (default "USD"). */
  defaultCurrency?: string;
  /** For relative dates; tests pin it. */
  now?: () => number;
}
