// The one protocol between extension pages, content scripts and the background: every message
// name, its input schema and its output type. Names say the direction: `cs:` content script →
// background, `ui:` extension page → background. The background answers with an envelope so typed
// errors survive the trip.
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type AppError, AppErrorSchema, AppFailure } from '@/utils/app-error';
import type {
  Activity,
  Contact,
  EmailMessage,
  Lead,
  LeadCustomField,
  LeadStatus,
  Note,
  Opportunity,
  Pipeline,
  Task,
} from '@/utils/close/types';
import type { ConnectionState } from '@/utils/connection-state';
import type { DiagnosticEntry } from '@/utils/diagnostics';
import { t } from '@/utils/i18n';
import type { LeadMatch } from '@/utils/lookup/types';
import { type PageSnapshot, PageSnapshotSchema } from '@/utils/page-snapshot';
import type { DuplicateCandidate, Paged, SearchHit } from '@/utils/panel-types';
import type { TabView } from '@/utils/tab-view';
import { type JournalEntry, WriteMetaSchema } from '@/utils/write-journal';

const ApiKeySchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, t('connectFormEmptyKey')),
  v.maxLength(200, t('messagingApiKeyInvalid')),
  v.regex(/^[\x21-\x7e]+$/, t('messagingApiKeyInvalid')),
);

const Empty = v.optional(v.null(), null);
const Id = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100), v.regex(/^[\w-]+$/));
const TabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Cursor = v.nullable(v.pipe(v.string(), v.maxLength(2000)));
const EmailInput = v.object({
  email: v.pipe(v.string(), v.trim(), v.maxLength(254)),
  type: v.optional(Text(40), 'office'),
});
const PhoneInputSchema = v.object({
  phone: v.pipe(v.string(), v.trim(), v.maxLength(60)),
  type: v.optional(Text(40), 'office'),
});
const ContactInputSchema = v.object({
  name: Text(300),
  title: Text(300),
  emails: v.pipe(v.array(EmailInput), v.maxLength(50)),
  phones: v.pipe(v.array(PhoneInputSchema), v.maxLength(50)),
});
/** A write's journal details (utils/write-journal.ts); a page always sends them. */
const Write = v.optional(WriteMetaSchema);
const NoteText = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, t('messagingNoteEmpty')),
  v.maxLength(100000),
);
const TaskDay = v.nullable(
  v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, t('messagingPickDueDay'))),
);
const TaskText = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, t('taskFormEmpty')),
  v.maxLength(10000),
);
const Custom = v.record(v.pipe(v.string(), v.regex(/^cf_\w+$/)), v.unknown());
const Period = v.picklist(['one_time', 'monthly', 'annual']);
const OpportunityFields = {
  pipelineId: v.optional(v.nullable(Id)),
  statusId: v.optional(Id),
  value: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))),
  valuePeriod: v.optional(Period),
  confidence: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
  contactId: v.optional(v.nullable(Id)),
  note: v.optional(Text(20000)),
};

/** Input schemas, checked by the background before any handler runs. */
export const messageInputs = {
  'cs:reportPage': PageSnapshotSchema,
  'cs:clearPage': Empty,
  'ui:getConnection': Empty,
  'ui:connect': v.object({ apiKey: ApiKeySchema }),
  'ui:disconnect': v.object({ organizationId: v.optional(v.string()) }),
  'ui:switchOrganization': v.object({ organizationId: Id }),
  'ui:getTabView': v.object({ tabId: TabId }),
  'ui:readTab': v.object({ tabId: TabId }),
  'ui:refreshLookup': v.object({ tabId: TabId }),
  'ui:addNote': v.object({
    leadId: Id,
    text: NoteText,
    write: Write,
  }),
  'ui:updateNote': v.object({
    noteId: Id,
    text: NoteText,
    write: Write,
  }),
  'ui:loadTasks': v.object({ leadId: Id }),
  'ui:createTask': v.object({ leadId: Id, text: TaskText, due: TaskDay, write: Write }),
  'ui:updateTask': v.object({
    taskId: Id,
    patch: v.object({
      text: v.optional(TaskText),
      due: v.optional(TaskDay),
      isComplete: v.optional(v.boolean()),
    }),
    write: Write,
  }),
  'ui:updateLead': v.object({
    leadId: Id,
    patch: v.object({
      name: v.optional(Text(500)),
      url: v.optional(v.nullable(Text(2048))),
      description: v.optional(Text(20000)),
      statusId: v.optional(Id),
      custom: v.optional(Custom),
    }),
    write: Write,
  }),
  'ui:createContact': v.object({ leadId: v.nullable(Id), input: ContactInputSchema, write: Write }),
  'ui:updateContact': v.object({
    contactId: Id,
    patch: v.partial(ContactInputSchema),
    write: Write,
  }),
  'ui:createOpportunity': v.object({
    input: v.object({ leadId: Id, ...OpportunityFields, statusId: Id }),
    write: Write,
  }),
  'ui:updateOpportunity': v.object({
    opportunityId: Id,
    patch: v.object(OpportunityFields),
    write: Write,
  }),
  'ui:resolveWrites': v.object({ clientId: v.optional(Id) }),
  'ui:cancelWrite': v.object({ clientId: Id }),
  'ui:dismissWrite': v.object({ clientId: Id }),
  'ui:countUnsent': v.object({ organizationId: v.optional(Id) }),
  'ui:createLead': v.object({
    name: v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, t('messagingLeadNameEmpty')),
      v.maxLength(500),
    ),
    url: v.nullable(Text(2048)),
    description: Text(20000),
    contacts: v.pipe(v.array(ContactInputSchema), v.maxLength(50)),
    write: Write,
  }),
  'ui:findDuplicates': v.object({
    name: Text(500),
    url: v.nullable(Text(2048)),
    emails: v.pipe(v.array(Text(254)), v.maxLength(50)),
  }),
  'ui:search': v.object({ query: v.pipe(v.string(), v.trim(), v.maxLength(500)), cursor: Cursor }),
  /**
   * `fresh`: the first page as Close has it now (after a stale one was shown; joins its
   * revalidation). `leadUpdated`: the lead's date_updated as the panel's look-up shows it; a
   * cached first page loaded for an older one is revalidated. `leadSeenAt`: when Close answered
   * that look-up (ms); a page loaded before it for the same date_updated is confirmed current.
   * `lookupStale`: that look-up is being revalidated; a stale page is shown without asking Close
   * yet (the panel asks again with the new answer). `pageShownAt`: that look-up is shown again to
   * a page that showed it then (LookupResult.shownAgainAt); a page loaded before then for the same
   * date_updated is what the page showed, and is kept as the look-up is.
   */
  'ui:loadActivities': v.object({
    leadId: Id,
    cursor: Cursor,
    fresh: v.optional(v.boolean()),
    leadUpdated: v.optional(Text(100)),
    leadSeenAt: v.optional(v.number()),
    lookupStale: v.optional(v.boolean()),
    pageShownAt: v.optional(v.number()),
  }),
  'ui:getEmail': v.object({ emailId: Id }),
  'ui:loadLead': v.object({ leadId: Id }),
  'ui:loadLeadStatuses': Empty,
  'ui:loadPipelines': Empty,
  'ui:loadLeadCustomFields': Empty,
  'ui:clearCachedData': Empty,
  'ui:getDiagnostics': Empty,
} satisfies Record<string, v.GenericSchema>;

/** What each message answers. */
export interface MessageOutputs {
  /** `siteEnabled: false`: the site is switched off in settings, so the script stops watching. */
  'cs:reportPage': { siteEnabled: boolean };
  'cs:clearPage': null;
  'ui:getConnection': ConnectionState;
  'ui:connect': ConnectionState;
  'ui:disconnect': ConnectionState;
  'ui:switchOrganization': ConnectionState;
  'ui:getTabView': TabView;
  'ui:readTab': TabView;
  'ui:refreshLookup': TabView;
  'ui:addNote': Note;
  'ui:updateNote': Note;
  /** The lead's open tasks, soonest first. */
  'ui:loadTasks': Task[];
  'ui:createTask': Task;
  'ui:updateTask': Task;
  'ui:updateLead': Lead;
  'ui:createContact': Contact;
  'ui:updateContact': Contact;
  'ui:createOpportunity': Opportunity;
  'ui:updateOpportunity': Opportunity;
  /**
   * Resolves unsettled writes (another worker's lost answers, queued writes) by asking Close;
   * with `clientId`, answers that write's entry (null: never recorded, so never sent).
   */
  'ui:resolveWrites': JournalEntry | null;
  /** A queued write the user no longer wants sent; false when it already left. */
  'ui:cancelWrite': boolean;
  /** Forgets a failed or unknown write's status (its draft stays). */
  'ui:dismissWrite': boolean;
  /** What a Disconnect would remove: drafts and writes not known to be in Close. */
  'ui:countUnsent': { drafts: number; writes: number };
  'ui:createLead': LeadMatch;
  'ui:findDuplicates': DuplicateCandidate[];
  'ui:search': Paged<SearchHit>;
  /**
   * `stale`: a first page older than the fresh time, being revalidated (ask again with `fresh`).
   * `freshFor`: how many more ms a first page may be shown without asking the background again.
   */
  'ui:loadActivities': Paged<Activity> & { stale?: boolean; freshFor?: number };
  'ui:getEmail': EmailMessage;
  'ui:loadLead': LeadMatch;
  'ui:loadLeadStatuses': LeadStatus[];
  'ui:loadPipelines': Pipeline[];
  'ui:loadLeadCustomFields': LeadCustomField[];
  /** How many look-ups and tab views were forgotten. */
  'ui:clearCachedData': { lookups: number; tabs: number };
  /** The worker's recent failures, newest first (no key, no personal data). */
  'ui:getDiagnostics': DiagnosticEntry[];
}

export type { PageSnapshot };

export type MessageName = keyof typeof messageInputs & keyof MessageOutputs;
export type MessageInput<N extends MessageName> = v.InferInput<(typeof messageInputs)[N]>;
export type ParsedInput<N extends MessageName> = v.InferOutput<(typeof messageInputs)[N]>;

/**
 * Writes to Close: sent through the background's write journal, and never re-sent blindly. A
 * message-layer failure (a dropped port, a worker restart, a timeout) leaves their outcome unknown.
 */
export const WRITE_MESSAGES = [
  'ui:addNote',
  'ui:updateNote',
  'ui:createTask',
  'ui:updateTask',
  'ui:updateLead',
  'ui:createContact',
  'ui:updateContact',
  'ui:createOpportunity',
  'ui:updateOpportunity',
  'ui:createLead',
] as const satisfies readonly MessageName[];
export type WriteMessageName = (typeof WRITE_MESSAGES)[number];

/**
 * Messages behind the panel's actions: each becomes a `PanelActions` method named without `ui:`
 * (utils/ui/panel-actions.ts) and a handler of the same name in the background's panel service.
 * A new panel action is its schema and output here plus its handler there.
 */
export const PANEL_MESSAGES = [
  // Every journaled write is a panel action.
  ...WRITE_MESSAGES,
  'ui:loadTasks',
  'ui:findDuplicates',
  'ui:search',
  'ui:loadActivities',
  'ui:getEmail',
  'ui:loadLead',
  'ui:loadLeadStatuses',
  'ui:loadPipelines',
  'ui:loadLeadCustomFields',
] as const satisfies readonly MessageName[];
export type PanelMessage = (typeof PANEL_MESSAGES)[number];
/** `ui:addNote` → `addNote`: the method name of a panel message, on both sides. */
export type PanelActionName<N extends PanelMessage> = N extends `ui:${infer Action}`
  ? Action
  : never;
export function panelActionName<N extends PanelMessage>(name: N): PanelActionName<N> {
  return name.slice('ui:'.length) as PanelActionName<N>;
}

/** The arguments of `sendMessage(name, …)`: the input, optional when the message takes none. */
export type SendArgs<N extends MessageName> =
  MessageInput<N> extends null | undefined ? [data?: MessageInput<N>] : [data: MessageInput<N>];

/** Messages a content script may send. Everything else needs an extension page. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set([
  'cs:reportPage',
  'cs:clearPage',
]);

/** Writes whose answer can be lost between page and background. */
const OUTCOME_UNKNOWN_ON_LOSS: ReadonlySet<MessageName> = new Set(WRITE_MESSAGES);
/** How long a page waits for the background to answer a write (its own budget is 25 s a call). */
export const WRITE_REPLY_TIMEOUT_MS = 90_000;

export const RequestSchema = v.object({
  closeLook: v.literal(1),
  name: v.picklist(Object.keys(messageInputs) as MessageName[]),
  data: v.unknown(),
});

export type Reply<T> = { ok: true; value: T } | { ok: false; error: AppError };

const ReplySchema = v.variant('ok', [
  v.object({ ok: v.literal(true), value: v.unknown() }),
  v.object({ ok: v.literal(false), error: AppErrorSchema }),
]);

/** Sends a message to the background and resolves with its answer, or throws an AppFailure. */
export async function sendMessage<N extends MessageName>(
  name: N,
  ...args: SendArgs<N>
): Promise<MessageOutputs[N]> {
  let raw: unknown;
  const isWrite = OUTCOME_UNKNOWN_ON_LOSS.has(name);
  try {
    const request = browser.runtime.sendMessage({ closeLook: 1, name, data: args[0] ?? null });
    raw = isWrite ? await withTimeout(request, WRITE_REPLY_TIMEOUT_MS) : await request;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'no reply';
    // A write may have reached Close before the answer was lost: never "try again" blindly.
    throw new AppFailure(
      isWrite
        ? {
            kind: 'unknown',
            message: t('messagingAnswerLost', reason),
            outcomeUnknown: true,
          }
        : {
            kind: 'unknown',
            message: t('messagingNoAnswer', reason),
          },
    );
  }
  const reply = v.safeParse(ReplySchema, raw);
  if (!reply.success) {
    // No usable answer to a write (a closed channel answers `undefined` on some browsers): it may
    // have reached Close all the same, so it is checked, never retried blindly.
    throw new AppFailure({
      kind: 'unknown',
      message: t('messagingOddAnswer'),
      ...(isWrite ? { outcomeUnknown: true } : {}),
    });
  }
  if (!reply.output.ok) throw new AppFailure(reply.output.error);
  return reply.output.value as MessageOutputs[N];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer in time')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
