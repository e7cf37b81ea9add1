// Valibot schemas and mappers for what happens on a lead: activities, notes, tasks and emails.
import * as v from 'valibot';
import { id, optionalText, text } from '@/utils/close/schema-primitives';
import type { Activity, ActivityType, EmailMessage, Note, Task } from '@/utils/close/types';
import { t } from '@/utils/i18n';

export const RawActivitySchema = v.looseObject({
  id,
  _type: v.string(),
  lead_id: text,
  contact_id: optionalText,
  user_name: optionalText,
  activity_at: optionalText,
  date_created: text,
  date_updated: text,
  note: optionalText,
  note_html: optionalText,
  subject: optionalText,
  text: optionalText,
  title: optionalText,
  direction: optionalText,
  duration: v.nullish(v.number()),
  old_status_label: optionalText,
  new_status_label: optionalText,
  task_text: optionalText,
  body_preview: optionalText,
});
export type RawActivity = v.InferOutput<typeof RawActivitySchema>;

const KNOWN_ACTIVITY_TYPES = new Set<ActivityType>([
  'Note',
  'Email',
  'EmailThread',
  'Call',
  'SMS',
  'LeadStatusChange',
  'OpportunityStatusChange',
  'Created',
  'Meeting',
  'TaskCompleted',
]);

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function direction(raw: string | null | undefined): 'incoming' | 'outgoing' | undefined {
  if (raw === 'incoming' || raw === 'inbound') return 'incoming';
  if (raw === 'outgoing' || raw === 'outbound') return 'outgoing';
  return undefined;
}

/** "Call (3 min)", or "Call" when Close gives no length. */
function callSummary(seconds: number | null | undefined): string {
  return seconds
    ? t('closeActivityCallMinutes', String(Math.max(1, Math.round(seconds / 60))))
    : t('activityTimelineTypesCall');
}

function activitySummary(raw: RawActivity): string {
  switch (raw._type) {
    case 'Note':
      return oneLine(raw.note ?? '');
    case 'Email':
    case 'EmailThread':
      return oneLine(raw.subject ?? raw.body_preview ?? '');
    case 'Call': {
      return oneLine(raw.note ?? '') || callSummary(raw.duration);
    }
    case 'SMS':
      return oneLine(raw.text ?? '');
    case 'LeadStatusChange':
    case 'OpportunityStatusChange':
      return `${raw.old_status_label ?? '?'} → ${raw.new_status_label ?? '?'}`;
    case 'Created':
      return t('closeActivityLeadCreated');
    case 'Meeting':
      return oneLine(raw.title ?? t('activityTimelineTypesMeeting'));
    case 'TaskCompleted':
      return oneLine(raw.task_text ?? t('activityTimelineTypesTaskCompleted'));
    default:
      return oneLine(raw.title ?? raw.note ?? raw.subject ?? raw._type);
  }
}

export function mapActivity(raw: RawActivity): Activity {
  const type: ActivityType = KNOWN_ACTIVITY_TYPES.has(raw._type as ActivityType)
    ? (raw._type as ActivityType)
    : 'Other';
  const activity: Activity = {
    id: raw.id,
    type,
    rawType: raw._type,
    leadId: raw.lead_id,
    date: raw.activity_at || raw.date_created,
    userName: raw.user_name ?? null,
    contactId: raw.contact_id ?? null,
    summary: activitySummary(raw),
  };
  if (type === 'Note') {
    activity.note = raw.note ?? '';
    activity.noteHtml = raw.note_html ?? '';
  }
  if (raw.subject) activity.subject = raw.subject;
  const dir = direction(raw.direction);
  if (dir) activity.direction = dir;
  if (typeof raw.duration === 'number') activity.durationSeconds = raw.duration;
  // An email's MessageStatus (sent, inbox, draft, scheduled, outbox, error); other types' `status`
  // means something else, and an unexpected shape is simply not known.
  if (type === 'Email' && typeof raw.status === 'string') activity.emailStatus = raw.status;
  return activity;
}

export const RawNoteSchema = v.looseObject({
  id,
  lead_id: text,
  note: text,
  note_html: text,
  user_name: optionalText,
  date_created: text,
  date_updated: text,
});
export type RawNote = v.InferOutput<typeof RawNoteSchema>;

export function mapNote(raw: RawNote): Note {
  return {
    id: raw.id,
    leadId: raw.lead_id,
    note: raw.note,
    noteHtml: raw.note_html,
    dateCreated: raw.date_created,
    dateUpdated: raw.date_updated,
    userName: raw.user_name ?? null,
  };
}

// ---------------------------------------------------------------- tasks

/**
 * Recorded create_task / update_task: `date` is a day (`2018-09-17`) and is present even for a
 * dateless task (then its creation day, with `is_dateless: true`, `due_date: null`). Newer tasks
 * may carry a datetime in `date`; both are accepted.
 */
export const RawTaskSchema = v.looseObject({
  id,
  lead_id: text,
  text,
  date: optionalText,
  due_date: optionalText,
  is_dateless: v.nullish(v.boolean()),
  is_complete: v.nullish(v.boolean(), false),
  assigned_to: optionalText,
  assigned_to_name: optionalText,
  date_created: text,
  date_updated: text,
});
export type RawTask = v.InferOutput<typeof RawTaskSchema>;

export function mapTask(raw: RawTask): Task {
  const due = raw.is_dateless ? null : (raw.date ?? raw.due_date ?? null);
  return {
    id: raw.id,
    leadId: raw.lead_id,
    text: raw.text,
    due: due || null,
    isComplete: raw.is_complete,
    assignedTo: raw.assigned_to ?? null,
    assignedToName: raw.assigned_to_name ?? null,
    dateCreated: raw.date_created,
    dateUpdated: raw.date_updated,
  };
}

const addressList = v.nullish(
  v.array(
    v.union([
      v.string(),
      v.pipe(
        v.looseObject({ email: v.string() }),
        v.transform((o) => o.email),
      ),
    ]),
  ),
  [],
);

export const RawEmailMessageSchema = v.looseObject({
  id,
  lead_id: text,
  subject: text,
  body_text: text,
  body_html: text,
  sender: text,
  to: addressList,
  cc: addressList,
  status: text,
  direction: optionalText,
  date_sent: optionalText,
  activity_at: optionalText,
  date_created: text,
});
export type RawEmailMessage = v.InferOutput<typeof RawEmailMessageSchema>;

export function mapEmailMessage(raw: RawEmailMessage): EmailMessage {
  return {
    id: raw.id,
    leadId: raw.lead_id,
    subject: raw.subject,
    bodyText: raw.body_text,
    bodyHtml: raw.body_html,
    sender: raw.sender,
    to: raw.to,
    cc: raw.cc,
    status: raw.status,
    // Logged received mail has status "inbox"; everything else we sent.
    direction: direction(raw.direction) ?? (raw.status === 'inbox' ? 'incoming' : 'outgoing'),
    date: raw.date_sent || raw.activity_at || raw.date_created,
  };
}
