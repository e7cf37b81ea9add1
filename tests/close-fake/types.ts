// Shapes of the fake's dataset file and of the records its in-memory store keeps.

export type StatusType = 'active' | 'won' | 'lost';
export type ValuePeriod = 'one_time' | 'monthly' | 'annual';

// ---------------------------------------------------------------------------
// Dataset (the JSON files under datasets/)
// ---------------------------------------------------------------------------

export interface Dataset {
  description?: string;
  users: DatasetUser[];
  organizations: DatasetOrganization[];
  /** API key → (user, organization). A key is scoped to one user/organization pair (docs/close-api.md). */
  api_keys: DatasetApiKey[];
}

export interface DatasetUser {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  image?: string;
  last_used_timezone?: string;
  date_created?: string;
  date_updated?: string;
}

export interface DatasetApiKey {
  key: string;
  user_id: string;
  organization_id: string;
}

export interface DatasetMembership {
  id: string;
  user_id: string;
  role_id?: string;
  permissions_granted?: string[];
}

export interface DatasetOrganization {
  id: string;
  name: string;
  /** ISO 4217 code used for opportunity values, default USD. */
  currency?: string;
  /** ISO country used when normalising phone numbers without a country code, default US. */
  phone_country?: string;
  date_created?: string;
  date_updated?: string;
  memberships: DatasetMembership[];
  lead_statuses: { id: string; label: string }[];
  pipelines: DatasetPipeline[];
  lead_custom_fields?: DatasetCustomField[];
  leads: DatasetLead[];
}

export interface DatasetPipeline {
  id: string;
  name: string;
  date_created?: string;
  date_updated?: string;
  statuses: { id: string; label: string; type: StatusType }[];
}

export interface DatasetCustomField {
  id: string;
  name: string;
  type: string;
  description?: string | null;
  choices?: string[];
  accepts_multiple_values?: boolean;
  date_created?: string;
  date_updated?: string;
}

export interface Address {
  label?: string;
  address_1?: string | null;
  address_2?: string | null;
  city?: string | null;
  state?: string | null;
  zipcode?: string | null;
  country?: string | null;
}

export interface DatasetLead {
  id: string;
  name: string | null;
  description?: string;
  url?: string | null;
  /** Either status_id or status (a label); default: the organization's first lead status. */
  status_id?: string;
  status?: string;
  addresses?: Address[];
  /** Custom field values keyed by custom field id (cf_…). */
  custom?: Record<string, unknown>;
  created_by?: string;
  date_created?: string;
  date_updated?: string;
  contacts?: DatasetContact[];
  opportunities?: DatasetOpportunity[];
  tasks?: DatasetTask[];
  activities?: DatasetActivity[];
}

export interface DatasetContact {
  id: string;
  name?: string;
  title?: string;
  emails?: { email: string; type?: string; is_unsubscribed?: boolean }[];
  phones?: { phone: string; type?: string }[];
  urls?: { url: string; type?: string }[];
  created_by?: string;
  date_created?: string;
  date_updated?: string;
}

export interface DatasetOpportunity {
  id: string;
  status_id: string;
  /** Minor units (cents). */
  value?: number | null;
  value_period?: ValuePeriod;
  value_currency?: string;
  confidence?: number;
  user_id?: string;
  contact_id?: string | null;
  note?: string;
  note_html?: string;
  date_won?: string | null;
  date_lost?: string | null;
  created_by?: string;
  date_created?: string;
  date_updated?: string;
}

export interface DatasetTask {
  id: string;
  text: string;
  date?: string | null;
  is_complete?: boolean;
  assigned_to?: string;
  date_created?: string;
}

/** Any activity: `_type` plus the type's own fields (note, subject, body_html, duration, ...). */
export interface DatasetActivity {
  id: string;
  _type: string;
  user_id?: string;
  contact_id?: string | null;
  activity_at?: string;
  date_created?: string;
  date_updated?: string;
  [field: string]: unknown;
}

// ---------------------------------------------------------------------------
// Store records (what the fake keeps; serialize.ts turns them into API objects)
// ---------------------------------------------------------------------------

export interface UserRec {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  image: string;
  last_used_timezone: string;
  date_created: string;
  date_updated: string;
}

export interface OrganizationRec {
  id: string;
  name: string;
  currency: string;
  phone_country: string;
  date_created: string;
  date_updated: string;
  memberships: DatasetMembership[];
}

export interface ApiKeyRec {
  key: string;
  user_id: string;
  organization_id: string;
}

export interface LeadStatusRec {
  id: string;
  organization_id: string;
  label: string;
}

export interface OpportunityStatusRec {
  id: string;
  organization_id: string;
  pipeline_id: string;
  label: string;
  type: StatusType;
}

export interface PipelineRec {
  id: string;
  organization_id: string;
  name: string;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

export interface CustomFieldRec {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  type: string;
  choices: string[] | null;
  accepts_multiple_values: boolean;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

export interface LeadRec {
  id: string;
  organization_id: string;
  name: string | null;
  description: string;
  url: string | null;
  status_id: string;
  addresses: Address[];
  custom: Record<string, unknown>;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

export interface EmailRec {
  email: string;
  type: string;
  is_unsubscribed: boolean;
}

export interface PhoneRec {
  phone: string;
  phone_formatted: string;
  type: string;
  country: string | null;
}

export interface ContactRec {
  id: string;
  organization_id: string;
  lead_id: string;
  name: string;
  title: string;
  emails: EmailRec[];
  phones: PhoneRec[];
  urls: { url: string; type: string }[];
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

export interface OpportunityRec {
  id: string;
  organization_id: string;
  lead_id: string;
  contact_id: string | null;
  user_id: string | null;
  status_id: string;
  value: number | null;
  value_period: ValuePeriod;
  value_currency: string;
  confidence: number;
  note: string;
  note_html: string;
  date_won: string | null;
  date_lost: string | null;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

export interface TaskRec {
  id: string;
  organization_id: string;
  lead_id: string;
  text: string;
  date: string | null;
  is_complete: boolean;
  assigned_to: string | null;
  created_by: string | null;
  updated_by?: string | null;
  /** The TaskCompleted activity logged when it was ticked done. */
  completion_activity_id?: string | null;
  date_created: string;
  date_updated: string;
}

/** Base activity fields; type-specific fields (note, subject, duration, ...) live beside them. */
export interface ActivityRec {
  id: string;
  _type: string;
  organization_id: string;
  lead_id: string;
  contact_id: string | null;
  user_id: string | null;
  created_by: string | null;
  updated_by: string | null;
  activity_at: string;
  date_created: string;
  date_updated: string;
  [field: string]: unknown;
}

/** Who is calling: resolved from the Basic-auth API key. */
export interface AuthContext {
  key: string;
  user: UserRec;
  organization: OrganizationRec;
}
