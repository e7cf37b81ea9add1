// The fake's in-memory data: seeded from a dataset, scoped per organization, inspectable by tests.

import { closeTimestamp, IdGenerator, pipelineTimestamp } from '@/tests/close-fake/ids.ts';
import { normalisePhone } from '@/tests/close-fake/phone.ts';
import type {
  ActivityRec,
  ApiKeyRec,
  AuthContext,
  ContactRec,
  CustomFieldRec,
  Dataset,
  DatasetActivity,
  DatasetContact,
  DatasetLead,
  DatasetOpportunity,
  DatasetTask,
  LeadRec,
  LeadStatusRec,
  OpportunityRec,
  OpportunityStatusRec,
  OrganizationRec,
  PipelineRec,
  TaskRec,
  UserRec,
} from '@/tests/close-fake/types.ts';

const SEED_TIME = '2024-01-01T00:00:00.000000+00:00';

export class FakeStore {
  ids = new IdGenerator();
  users = new Map<string, UserRec>();
  organizations = new Map<string, OrganizationRec>();
  apiKeys = new Map<string, ApiKeyRec>();
  /** In the organization's display order (the first one is the default status). */
  leadStatuses: LeadStatusRec[] = [];
  /** Grouped by pipeline, in each pipeline's order. */
  opportunityStatuses: OpportunityStatusRec[] = [];
  pipelines: PipelineRec[] = [];
  leadCustomFields: CustomFieldRec[] = [];
  leads = new Map<string, LeadRec>();
  contacts = new Map<string, ContactRec>();
  opportunities = new Map<string, OpportunityRec>();
  activities = new Map<string, ActivityRec>();
  tasks = new Map<string, TaskRec>();

  constructor(dataset?: Dataset) {
    if (dataset) this.load(dataset);
  }

  /** Replaces everything with the dataset's contents (the same object keeps its identity). */
  load(dataset: Dataset): void {
    this.ids = new IdGenerator();
    this.users.clear();
    this.organizations.clear();
    this.apiKeys.clear();
    this.leadStatuses = [];
    this.opportunityStatuses = [];
    this.pipelines = [];
    this.leadCustomFields = [];
    this.leads.clear();
    this.contacts.clear();
    this.opportunities.clear();
    this.activities.clear();
    this.tasks.clear();

    for (const u of dataset.users) {
      this.users.set(u.id, {
        id: u.id,
        first_name: u.first_name,
        last_name: u.last_name,
        email: u.email,
        image: u.image ?? 'https://secure.gravatar.com/avatar/00000000000000000000000000000000',
        last_used_timezone: u.last_used_timezone ?? 'UTC',
        date_created: u.date_created ?? SEED_TIME,
        date_updated: u.date_updated ?? u.date_created ?? SEED_TIME,
      });
    }
    for (const o of dataset.organizations) {
      this.organizations.set(o.id, {
        id: o.id,
        name: o.name,
        currency: o.currency ?? 'USD',
        phone_country: o.phone_country ?? 'US',
        date_created: o.date_created ?? SEED_TIME,
        date_updated: o.date_updated ?? o.date_created ?? SEED_TIME,
        memberships: o.memberships,
      });
      for (const s of o.lead_statuses) {
        this.leadStatuses.push({ id: s.id, organization_id: o.id, label: s.label });
      }
      for (const p of o.pipelines) {
        const created = p.date_created ?? '2024-01-01T00:00:00.000000';
        this.pipelines.push({
          id: p.id,
          organization_id: o.id,
          name: p.name,
          created_by: null,
          updated_by: null,
          date_created: created,
          date_updated: p.date_updated ?? created,
        });
        for (const s of p.statuses) {
          this.opportunityStatuses.push({ ...s, organization_id: o.id, pipeline_id: p.id });
        }
      }
      for (const f of o.lead_custom_fields ?? []) {
        this.leadCustomFields.push({
          id: f.id,
          organization_id: o.id,
          name: f.name,
          description: f.description ?? null,
          type: f.type,
          choices: f.choices ?? null,
          accepts_multiple_values: f.accepts_multiple_values ?? false,
          created_by: null,
          updated_by: null,
          date_created: f.date_created ?? SEED_TIME,
          date_updated: f.date_updated ?? f.date_created ?? SEED_TIME,
        });
      }
    }
    for (const k of dataset.api_keys) this.apiKeys.set(k.key, { ...k });
    for (const o of dataset.organizations) {
      for (const lead of o.leads) this.addLead(o.id, lead);
    }
  }

  // -------------------------------------------------------------------------
  // Lookups
  // -------------------------------------------------------------------------

  authenticate(key: string): AuthContext | null {
    const rec = this.apiKeys.get(key);
    if (!rec) return null;
    const user = this.users.get(rec.user_id);
    const organization = this.organizations.get(rec.organization_id);
    if (!user || !organization) return null;
    return { key, user, organization };
  }

  userName(userId: string | null | undefined): string | null {
    if (!userId) return null;
    const u = this.users.get(userId);
    return u ? `${u.first_name} ${u.last_name}`.trim() : null;
  }

  leadStatusesOf(orgId: string): LeadStatusRec[] {
    return this.leadStatuses.filter((s) => s.organization_id === orgId);
  }

  pipelinesOf(orgId: string): PipelineRec[] {
    return this.pipelines.filter((p) => p.organization_id === orgId);
  }

  opportunityStatusesOf(orgId: string): OpportunityStatusRec[] {
    const order = this.pipelinesOf(orgId).map((p) => p.id);
    return this.opportunityStatuses
      .filter((s) => s.organization_id === orgId)
      .sort((a, b) => order.indexOf(a.pipeline_id) - order.indexOf(b.pipeline_id));
  }

  leadCustomFieldsOf(orgId: string): CustomFieldRec[] {
    return this.leadCustomFields.filter((f) => f.organization_id === orgId);
  }

  leadsOf(orgId: string): LeadRec[] {
    return [...this.leads.values()].filter((l) => l.organization_id === orgId);
  }

  contactsOfLead(leadId: string): ContactRec[] {
    return [...this.contacts.values()].filter((c) => c.lead_id === leadId);
  }

  opportunitiesOfLead(leadId: string): OpportunityRec[] {
    return [...this.opportunities.values()].filter((o) => o.lead_id === leadId);
  }

  tasksOfLead(leadId: string): TaskRec[] {
    return [...this.tasks.values()].filter((t) => t.lead_id === leadId);
  }

  /** The record, if it exists in this organization (other organizations' objects are invisible). */
  inOrg<T extends { organization_id: string }>(
    map: Map<string, T>,
    orgId: string,
    id: string,
  ): T | undefined {
    const rec = map.get(id);
    return rec && rec.organization_id === orgId ? rec : undefined;
  }

  /** Resolves a lead status by id, or by label (case-insensitive) when `byLabel`. */
  findLeadStatus(orgId: string, idOrLabel: string, byLabel = false): LeadStatusRec | undefined {
    const statuses = this.leadStatusesOf(orgId);
    if (byLabel) {
      const wanted = idOrLabel.trim().toLowerCase();
      return statuses.find((s) => s.label.toLowerCase() === wanted);
    }
    return statuses.find((s) => s.id === idOrLabel);
  }

  /** Every lead whose contacts have this address (case-insensitive). */
  leadsByEmail(orgId: string, email: string): LeadRec[] {
    const wanted = email.trim().toLowerCase();
    const ids = new Set(
      [...this.contacts.values()]
        .filter((c) => c.organization_id === orgId)
        .filter((c) => c.emails.some((e) => e.email.toLowerCase() === wanted))
        .map((c) => c.lead_id),
    );
    return this.leadsOf(orgId).filter((l) => ids.has(l.id));
  }

  // -------------------------------------------------------------------------
  // Seeding (datasets, and tests that need extra records). No validation beyond defaults.
  // -------------------------------------------------------------------------

  orgDefaultUser(orgId: string): string | null {
    return this.organizations.get(orgId)?.memberships[0]?.user_id ?? null;
  }

  addLead(orgId: string, lead: DatasetLead): LeadRec {
    const created = lead.date_created ?? SEED_TIME;
    const by = lead.created_by ?? this.orgDefaultUser(orgId);
    const status =
      (lead.status_id && this.findLeadStatus(orgId, lead.status_id)) ||
      (lead.status && this.findLeadStatus(orgId, lead.status, true)) ||
      this.leadStatusesOf(orgId)[0];
    if (!status) throw new Error(`Organization ${orgId} has no lead statuses`);
    const rec: LeadRec = {
      id: lead.id,
      organization_id: orgId,
      name: lead.name,
      description: lead.description ?? '',
      url: lead.url ?? null,
      status_id: status.id,
      addresses: lead.addresses ?? [],
      custom: { ...(lead.custom ?? {}) },
      created_by: by,
      updated_by: by,
      date_created: created,
      date_updated: lead.date_updated ?? created,
    };
    this.leads.set(rec.id, rec);
    for (const c of lead.contacts ?? []) this.addContact(orgId, rec.id, c);
    for (const o of lead.opportunities ?? []) this.addOpportunity(orgId, rec.id, o);
    for (const t of lead.tasks ?? []) this.addTask(orgId, rec.id, t);
    for (const a of lead.activities ?? []) this.addActivity(orgId, rec.id, a);
    return rec;
  }

  addContact(orgId: string, leadId: string, c: DatasetContact): ContactRec {
    const created = c.date_created ?? this.leads.get(leadId)?.date_created ?? SEED_TIME;
    const by = c.created_by ?? this.orgDefaultUser(orgId);
    const country = this.organizations.get(orgId)?.phone_country ?? 'US';
    const rec: ContactRec = {
      id: c.id,
      organization_id: orgId,
      lead_id: leadId,
      name: c.name ?? '',
      title: c.title ?? '',
      emails: (c.emails ?? []).map((e) => ({
        email: e.email,
        type: e.type ?? 'office',
        is_unsubscribed: e.is_unsubscribed ?? false,
      })),
      phones: (c.phones ?? []).map((p) => ({
        ...normalisePhone(p.phone, country),
        type: p.type ?? 'office',
      })),
      urls: (c.urls ?? []).map((u) => ({ url: u.url, type: u.type ?? 'url' })),
      created_by: by,
      updated_by: by,
      date_created: created,
      date_updated: c.date_updated ?? created,
    };
    this.contacts.set(rec.id, rec);
    return rec;
  }

  addOpportunity(orgId: string, leadId: string, o: DatasetOpportunity): OpportunityRec {
    const created = o.date_created ?? SEED_TIME;
    const by = o.created_by ?? this.orgDefaultUser(orgId);
    const status = this.opportunityStatuses.find((s) => s.id === o.status_id);
    if (!status) throw new Error(`Unknown opportunity status ${o.status_id}`);
    const rec: OpportunityRec = {
      id: o.id,
      organization_id: orgId,
      lead_id: leadId,
      contact_id: o.contact_id ?? null,
      user_id: o.user_id ?? by,
      status_id: o.status_id,
      value: o.value ?? null,
      value_period: o.value_period ?? 'one_time',
      value_currency: o.value_currency ?? this.organizations.get(orgId)?.currency ?? 'USD',
      confidence: o.confidence ?? 0,
      note: o.note ?? '',
      note_html: o.note_html ?? '',
      date_won: o.date_won ?? (status.type === 'won' ? created.slice(0, 10) : null),
      date_lost: o.date_lost ?? null,
      created_by: by,
      updated_by: by,
      date_created: created,
      date_updated: o.date_updated ?? created,
    };
    this.opportunities.set(rec.id, rec);
    return rec;
  }

  addTask(orgId: string, leadId: string, t: DatasetTask): TaskRec {
    const created = t.date_created ?? SEED_TIME;
    const rec: TaskRec = {
      id: t.id,
      organization_id: orgId,
      lead_id: leadId,
      text: t.text,
      date: t.date ?? null,
      is_complete: t.is_complete ?? false,
      assigned_to: t.assigned_to ?? this.orgDefaultUser(orgId),
      created_by: this.orgDefaultUser(orgId),
      date_created: created,
      date_updated: created,
    };
    this.tasks.set(rec.id, rec);
    return rec;
  }

  addActivity(orgId: string, leadId: string, a: DatasetActivity): ActivityRec {
    const at = a.activity_at ?? a.date_created ?? SEED_TIME;
    const user = a.user_id ?? this.orgDefaultUser(orgId);
    const { id, _type, user_id, contact_id, activity_at, date_created, date_updated, ...extra } = a;
    const rec: ActivityRec = {
      ...activityDefaults(_type),
      ...extra,
      id,
      _type,
      organization_id: orgId,
      lead_id: leadId,
      contact_id: contact_id ?? null,
      user_id: user,
      created_by: user,
      updated_by: user,
      activity_at: at,
      date_created: date_created ?? at,
      date_updated: date_updated ?? date_created ?? at,
    };
    this.activities.set(rec.id, rec);
    return rec;
  }

  newId(prefix: string): string {
    return this.ids.next(prefix);
  }

  private lastMicros = 0;

  /** Close-format "now", strictly increasing (microseconds bumped on ties) so new records order stably. */
  now(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const base = closeTimestamp(new Date(Math.floor(micros / 1000)));
    return `${base.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}+00:00`;
  }

  pipelineNow(): string {
    return pipelineTimestamp();
  }
}

/** Type-specific defaults so every stored activity has its type's full field set. */
export function activityDefaults(type: string): Record<string, unknown> {
  switch (type) {
    case 'Note':
      return {
        note: '',
        note_html: '',
        note_mentions: [],
        title: null,
        pinned: false,
        pinned_at: null,
        source: 'ui',
        attachments: [],
        users: [],
      };
    case 'Email':
      return {
        subject: '',
        body_text: '',
        body_html: '',
        sender: '',
        to: [],
        cc: [],
        bcc: [],
        status: 'sent',
        direction: 'outgoing',
        date_sent: null,
        date_scheduled: null,
        thread_id: null,
        in_reply_to_id: null,
        message_ids: [],
        references: [],
        has_reply: false,
        opens: [],
        opens_summary: null,
        attachments: [],
        template_id: null,
        template_name: null,
        email_account_id: null,
        sequence_id: null,
        sequence_name: null,
        sequence_subscription_id: null,
        followup_sequence_id: null,
        followup_sequence_delay: null,
        bulk_email_action_id: null,
        need_smtp_credentials: false,
        send_attempts: [],
        users: [],
      };
    case 'Call':
      return {
        status: 'completed',
        direction: 'outbound',
        duration: 0,
        phone: null,
        local_phone: null,
        remote_phone: null,
        local_phone_formatted: null,
        remote_phone_formatted: null,
        local_country_iso: null,
        remote_country_iso: null,
        disposition: 'answered',
        call_method: 'external',
        source: 'External',
        note: null,
        note_html: null,
        recording_url: null,
        voicemail_url: null,
        voicemail_duration: 0,
        has_recording: false,
        cost: null,
        dialer_id: null,
        sequence_id: null,
        sequence_subscription_id: null,
        users: [],
      };
    case 'SMS':
      return {
        text: '',
        status: 'sent',
        direction: 'outbound',
        local_phone: null,
        remote_phone: null,
        local_phone_formatted: null,
        remote_phone_formatted: null,
        local_country_iso: null,
        remote_country_iso: null,
        date_sent: null,
        date_scheduled: null,
        error_message: null,
        cost: null,
        source: 'External',
        template_id: null,
        attachments: [],
        users: [],
      };
    case 'LeadStatusChange':
      return {
        old_status_id: null,
        old_status_label: null,
        new_status_id: null,
        new_status_label: null,
        users: [],
      };
    case 'OpportunityStatusChange':
      return {
        opportunity_id: null,
        old_status_id: null,
        old_status_label: null,
        old_status_type: null,
        new_status_id: null,
        new_status_label: null,
        new_status_type: null,
        opportunity_value: null,
        opportunity_value_currency: null,
        opportunity_value_formatted: null,
        opportunity_value_period: null,
        opportunity_confidence: null,
        users: [],
      };
    case 'Created':
      return { source: 'ui', import_id: null, users: [] };
    default:
      return { users: [] };
  }
}
