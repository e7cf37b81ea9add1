// The shapes the rest of the extension uses for Close records, after the client has parsed
// Close's raw JSON (see docs/close-api.md) and mapped it. Money is in cents, dates are ISO strings.

export interface EmailAddress {
  email: string;
  type: string;
}
export interface PhoneNumber {
  phone: string;
  phoneFormatted?: string;
  type: string;
}

export interface Contact {
  id: string;
  leadId: string;
  name: string;
  title: string;
  emails: EmailAddress[];
  phones: PhoneNumber[];
}

export interface Lead {
  id: string;
  name: string;
  description: string;
  url: string | null;
  statusId: string | null;
  statusLabel: string;
  htmlUrl: string;
  /** Custom field values keyed by field id (cf_...). */
  custom: Record<string, unknown>;
  dateCreated: string;
  dateUpdated: string;
  contacts: Contact[];
  /** Present when Close embedded the lead's opportunities (lead get/list/search). */
  opportunities?: Opportunity[];
  /** The lead's open tasks, present when Close embedded them (lead get, or a search asking `tasks`). */
  tasks?: Task[];
}

export type OpportunityStatusType = 'active' | 'won' | 'lost';
export type ValuePeriod = 'one_time' | 'monthly' | 'annual';

export interface Opportunity {
  id: string;
  leadId: string;
  leadName: string;
  statusId: string;
  statusLabel: string;
  statusType: OpportunityStatusType;
  pipelineId: string | null;
  pipelineName: string | null;
  /** Cents. */
  value: number | null;
  valueCurrency: string;
  valuePeriod: ValuePeriod;
  /** 0–100. */
  confidence: number;
  /** Cents; value × confidence. */
  expectedValue: number | null;
  contactId: string | null;
  note: string;
  dateWon: string | null;
  dateLost: string | null;
  dateCreated: string;
  dateUpdated: string;
}

export interface LeadStatus {
  id: string;
  label: string;
}
export interface OpportunityStatus {
  id: string;
  label: string;
  type: OpportunityStatusType;
  pipelineId: string | null;
  pipelineName: string | null;
}
export interface Pipeline {
  id: string;
  name: string;
  statuses: OpportunityStatus[];
}
export interface LeadCustomField {
  id: string;
  name: string;
  type: string;
  choices: string[];
  acceptsMultipleValues: boolean;
}

export type ActivityType =
  | 'Note'
  | 'Email'
  | 'EmailThread'
  | 'Call'
  | 'SMS'
  | 'LeadStatusChange'
  | 'OpportunityStatusChange'
  | 'Created'
  | 'Meeting'
  | 'TaskCompleted'
  | 'Other';

export interface Activity {
  id: string;
  type: ActivityType;
  /** The raw `_type` Close sent, for types we do not know yet. */
  rawType: string;
  leadId: string;
  date: string;
  userName: string | null;
  contactId: string | null;
  /** A one-line summary safe to render as text (note text, email subject, call note, SMS text, status change). */
  summary: string;
  /** Notes: the plain text and Close's HTML (sanitize before rendering). */
  note?: string;
  noteHtml?: string;
  /** Emails. */
  subject?: string;
  direction?: 'incoming' | 'outgoing';
  /** Emails: Close's status (`sent`, `inbox`, `draft`, `scheduled`, `outbox`, `error`). */
  emailStatus?: string;
  /** Calls. */
  durationSeconds?: number;
}

export interface EmailMessage {
  id: string;
  leadId: string;
  subject: string;
  bodyText: string;
  /** Unsanitized HTML from Close: sanitize before rendering. */
  bodyHtml: string;
  sender: string;
  to: string[];
  cc: string[];
  status: string;
  direction: 'incoming' | 'outgoing';
  date: string;
}

export interface Note {
  id: string;
  leadId: string;
  note: string;
  noteHtml: string;
  dateCreated: string;
  dateUpdated: string;
  userName: string | null;
}

/** A lead's follow-up task (Close `/task/`, `_type: lead`). */
export interface Task {
  id: string;
  leadId: string;
  text: string;
  /**
   * The day it is due (`YYYY-MM-DD`), or Close's datetime for a task with a time; null for a
   * dateless task (Close still files those under their creation day).
   */
  due: string | null;
  isComplete: boolean;
  assignedTo: string | null;
  assignedToName: string | null;
  dateCreated: string;
  dateUpdated: string;
}

export interface Me {
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  organizations: Array<{ id: string; name: string }>;
  /** The user's membership in each organization (role), when Close sent them. */
  memberships?: Array<{ organizationId: string; roleId: string | null }>;
}

export interface Page<T> {
  data: T[];
  hasMore: boolean;
  totalResults?: number;
}
