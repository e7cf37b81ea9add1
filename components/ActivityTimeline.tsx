// A lead's recent activity, newest first, with "Load more"; notes can be edited and emails opened.
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  activitiesOnMount,
  activityVersion,
  cachedActivities,
  forgetActivities,
  rememberActivities,
  updatedSince,
} from '@/components/activity-cache';
import { errorText } from '@/components/error-text';
import { lazyComponent } from '@/components/lazy';
import { NoteEntry, richNote } from '@/components/NoteEntry';
import { NoteForm } from '@/components/NoteForm';
import { OrganizationScope } from '@/components/organization-scope';
import type { Paged } from '@/components/panel-model';
import { safeHttpUrl } from '@/components/safe-url';
import { usePagedList } from '@/components/use-paged-list';
import type { AppError } from '@/utils/app-error';
import { toAppError } from '@/utils/app-error';
import type { Activity, ActivityType, EmailMessage, Note } from '@/utils/close/types';
import { draftKey } from '@/utils/drafts';
import { formatDateTime, formatDuration, formatRelativeDate } from '@/utils/format';
import { t } from '@/utils/i18n';
import { DEFAULT_FRESH_MS } from '@/utils/lookup/fresh-time';
import type { WriteMeta } from '@/utils/write-journal';

// The email viewer loads with the first opened email.
const EmailView = lazyComponent(async () => (await import('@/components/EmailView')).EmailView);

const strings = {
  heading: t('activityTimelineHeading'),
  loading: t('activityTimelineLoading'),
  none: t('activityTimelineNone'),
  more: t('commonLoadMore'),
  loadingMore: t('commonLoading'),
  tryAgain: t('commonTryAgain'),
  openEmail: (subject: string) => t('activityTimelineOpenEmail', subject),
  closeEmail: t('commonCloseEmail'),
  openingEmail: t('activityTimelineOpeningEmail'),
  incoming: t('activityTimelineIncoming'),
  outgoing: t('activityTimelineOutgoing'),
  by: (name: string) => t('activityTimelineBy', name),
  types: {
    Note: t('commonNote'),
    Email: t('commonEmail'),
    EmailThread: t('activityTimelineTypesEmailThread'),
    Call: t('activityTimelineTypesCall'),
    SMS: t('activityTimelineTypesSMS'),
    LeadStatusChange: t('activityTimelineTypesLeadStatusChange'),
    OpportunityStatusChange: t('activityTimelineTypesOpportunityStatusChange'),
    Created: t('activityTimelineTypesCreated'),
    Meeting: t('activityTimelineTypesMeeting'),
    TaskCompleted: t('activityTimelineTypesTaskCompleted'),
    Other: t('commonActivity'),
  } satisfies Record<ActivityType, string>,
} as const;

export interface ActivityTimelineProps {
  leadId: string;
  /** The lead in Close (its html_url), where formatted notes are edited. */
  leadUrl?: string | undefined;
  /**
   * A page of activity; `fresh` asks for the first page as Close has it now. A first page marked
   * `stale` (older than the fresh time) is shown at once and asked again with `fresh`; `freshFor`
   * says how long it may be shown again without asking (default: the default fresh time).
   */
  load: (
    cursor: string | null,
    fresh?: boolean,
  ) => Promise<Paged<Activity> & { stale?: boolean; freshFor?: number }>;
  getEmail: (id: string) => Promise<EmailMessage>;
  updateNote?: (noteId: string, text: string, write?: WriteMeta) => Promise<Note>;
  /** Activities added from this panel (a new note), shown on top without a reload. */
  added?: Activity[];
  /** The lead's date_updated as the look-up last saw it; a newer one reloads the timeline. */
  leadUpdated?: string | undefined;
  /**
   * The look-up shown is being revalidated: a stale first page is shown without asking Close yet;
   * the new answer decides (a newer date_updated reloads; the same one may confirm the page).
   */
  lookupStale?: boolean | undefined;
  /** Changes when the panel's "Try again" asks Close again: the timeline reloads. */
  reloads?: number | undefined;
  now?: () => number;
  /** Sees what the timeline shows, newest first, whenever that changes (e.g. the card's "Last email"). */
  onShown?: ((activities: Activity[]) => void) | undefined;
}

/** A note as a timeline entry, for showing a just-saved note in place. */
export function noteToActivity(note: Note): Activity {
  return {
    id: note.id,
    type: 'Note',
    rawType: 'Note',
    leadId: note.leadId,
    date: note.dateUpdated || note.dateCreated,
    userName: note.userName,
    contactId: null,
    summary: note.note,
    note: note.note,
    noteHtml: note.noteHtml,
  };
}

function byNewest(a: Activity, b: Activity): number {
  return Date.parse(b.date) - Date.parse(a.date) || 0;
}

type EmailState = { id: string } & (
  | { status: 'loading' }
  | { status: 'ready'; email: EmailMessage }
  | { status: 'error'; error: AppError }
);

export function ActivityTimeline({
  leadId,
  leadUrl,
  load,
  getEmail,
  updateNote,
  added = [],
  leadUpdated,
  lookupStale = false,
  reloads = 0,
  now = Date.now,
  onShown,
}: ActivityTimelineProps) {
  const organizationId = useContext(OrganizationScope);
  const hitAtMount = cachedActivities(organizationId, leadId);
  const cached =
    hitAtMount && !updatedSince(leadUpdated, hitAtMount.leadUpdated) ? hitAtMount : null;
  const list = usePagedList<Activity>({
    items: cached?.items ?? [],
    cursor: cached?.cursor ?? null,
    status: cached ? 'idle' : 'loading',
  });
  const { items, cursor, status, error } = list;
  const [edited, setEdited] = useState<Record<string, Activity>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [email, setEmail] = useState<EmailState | null>(null);
  /** The lead's date_updated the items shown were loaded for. */
  const loadedFor = useRef<string | undefined>(cached?.leadUpdated);
  /** A stale first page is shown and waits for the revalidated look-up before asking again. */
  const waiting = useRef(false);

  async function fetchPage(from: string | null, fresh = false): Promise<void> {
    const version = activityVersion(organizationId, leadId);
    if (!from) loadedFor.current = leadUpdated;
    const seen = loadedFor.current;
    let stale = false;
    let freshFor = DEFAULT_FRESH_MS;
    await list.fetchPage(
      from,
      async (cursor) => {
        const page = await (fresh ? load(cursor, true) : load(cursor));
        stale = page.stale === true;
        if (!cursor) freshFor = page.freshFor ?? DEFAULT_FRESH_MS;
        return page;
      },
      (all, next) =>
        rememberActivities(organizationId, leadId, version, {
          items: all,
          cursor: next,
          leadUpdated: seen,
          freshUntil: stale ? 0 : Date.now() + freshFor,
        }),
    );
    // An old first page was shown at once; the background is asking Close meanwhile: show that.
    // While the look-up itself is being revalidated, its new answer decides instead.
    if (stale && !from && !fresh) {
      if (lookupStale) waiting.current = true;
      else await fetchPage(null, true);
    }
  }

  // Once per lead and organization: a re-render or a refreshed look-up does not ask Close again,
  // nor does mounting again for a lead this panel has already loaded.
  // Asked again, keeping what is shown meanwhile, when the lead arrives with a newer date_updated
  // (a note from the popup, a colleague's call) or the panel's "Try again" was pressed.
  const shownFor = useRef<string | null>(null);
  const reloadsSeen = useRef(reloads);
  useEffect(() => {
    const key = `${organizationId}\u0000${leadId}`;
    if (shownFor.current === key) {
      const retried = reloadsSeen.current !== reloads;
      reloadsSeen.current = reloads;
      if (retried || updatedSince(leadUpdated, loadedFor.current)) {
        waiting.current = false;
        forgetActivities(organizationId, leadId);
        void fetchPage(null);
      } else if (waiting.current && !lookupStale) {
        waiting.current = false;
        void fetchPage(null);
      }
      return;
    }
    const first = shownFor.current === null;
    shownFor.current = key;
    reloadsSeen.current = reloads;
    // Date.now, not `now`: compared with when the page was loaded.
    const { hit, ask } = activitiesOnMount(organizationId, leadId, leadUpdated, Date.now());
    if (hit) {
      loadedFor.current = hit.leadUpdated;
      if (!first) list.show(hit.items, hit.cursor);
      // Older than the fresh time: shown meanwhile, asked again.
      if (ask) void fetchPage(null);
      return;
    }
    list.show([], null);
    void fetchPage(null);
  }, [leadId, organizationId, leadUpdated, reloads, lookupStale]);

  const shown = useMemo(() => {
    const seen = new Set<string>();
    const out: Activity[] = [];
    for (const a of [...added, ...items]) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      out.push(edited[a.id] ?? a);
    }
    return out.sort(byNewest);
  }, [added, items, edited]);
  useEffect(() => onShown?.(shown), [shown]);

  async function openEmail(id: string) {
    if (email?.id === id && email.status !== 'error') {
      setEmail(null);
      return;
    }
    setEmail({ id, status: 'loading' });
    try {
      const message = await getEmail(id);
      setEmail((cur) => (cur?.id === id ? { id, status: 'ready', email: message } : cur));
    } catch (caught) {
      setEmail((cur) =>
        cur?.id === id ? { id, status: 'error', error: toAppError(caught) } : cur,
      );
    }
  }

  const at = now();
  const leadHref = safeHttpUrl(leadUrl);
  return (
    <section
      class="cl-section cl-timeline"
      aria-label={strings.heading}
      aria-busy={status !== 'idle'}
    >
      <h3 class="cl-section__heading">{strings.heading}</h3>
      <div role="status" aria-live="polite" class="cl-visually-hidden">
        {status === 'loading' ? strings.loading : ''}
      </div>
      {status === 'loading' && shown.length === 0 ? (
        <ul class="cl-list" aria-hidden="true">
          {[0, 1, 2].map((i) => (
            <li key={i} class="cl-skeleton cl-skeleton--row" />
          ))}
        </ul>
      ) : null}
      {status === 'idle' && !error && shown.length === 0 ? (
        <p class="cl-muted">{strings.none}</p>
      ) : null}
      {shown.length > 0 ? (
        <ol class="cl-list cl-timeline__list">
          {shown.map((a) => (
            <li key={a.id} class={`cl-activity cl-activity--${a.type}`}>
              <div class="cl-activity__meta">
                <span class="cl-activity__type">{strings.types[a.type] ?? a.rawType}</span>
                {a.type === 'Email' && a.direction ? (
                  <span class="cl-muted">{strings[a.direction]}</span>
                ) : null}
                <time dateTime={a.date} title={formatDateTime(a.date)} class="cl-muted">
                  {formatRelativeDate(a.date, at)}
                </time>
                {a.userName ? <span class="cl-muted">{strings.by(a.userName)}</span> : null}
              </div>
              {a.type === 'Note' ? (
                editing === a.id && updateNote && !richNote(a.noteHtml) ? (
                  <NoteForm
                    draftKey={draftKey('note-edit', a.id)}
                    note={{
                      id: a.id,
                      leadId: a.leadId,
                      note: a.note ?? a.summary,
                      noteHtml: a.noteHtml ?? '',
                      dateCreated: a.date,
                      dateUpdated: a.date,
                      userName: a.userName,
                    }}
                    leadId={leadId}
                    save={async (text, write) => {
                      const saved = await updateNote(a.id, text, write);
                      forgetActivities(organizationId, leadId);
                      return saved;
                    }}
                    onSaved={(note, stillEditing) => {
                      setEdited((prev) => ({ ...prev, [a.id]: noteToActivity(note) }));
                      if (!stillEditing) setEditing(null);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <NoteEntry
                    note={a}
                    leadHref={leadHref}
                    onEdit={updateNote ? () => setEditing(a.id) : undefined}
                  />
                )
              ) : a.type === 'Email' ? (
                <>
                  <button
                    type="button"
                    class="cl-link-button"
                    aria-expanded={email?.id === a.id && email.status === 'ready'}
                    onClick={() => void openEmail(a.id)}
                  >
                    {strings.openEmail(a.subject || a.summary)}
                  </button>
                  {email?.id === a.id ? (
                    email.status === 'loading' ? (
                      <p role="status" class="cl-muted">
                        {strings.openingEmail}
                      </p>
                    ) : email.status === 'error' ? (
                      <p role="alert" class="cl-form-error">
                        {errorText(email.error)}
                      </p>
                    ) : (
                      <EmailView email={email.email} onClose={() => setEmail(null)} />
                    )
                  ) : null}
                </>
              ) : (
                <p class="cl-activity__body">
                  {a.summary}
                  {a.type === 'Call' && a.durationSeconds ? (
                    <span class="cl-muted"> · {formatDuration(a.durationSeconds)}</span>
                  ) : null}
                </p>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {error ? (
        <div role="alert" class="cl-form-error">
          <p>{errorText(error)}</p>
          <button
            type="button"
            class="cl-button cl-button--small"
            onClick={() => void fetchPage(items.length ? cursor : null)}
          >
            {strings.tryAgain}
          </button>
        </div>
      ) : null}
      {cursor && !error ? (
        <button
          type="button"
          class="cl-button"
          disabled={status !== 'idle'}
          onClick={() => void fetchPage(cursor)}
        >
          {status === 'more' ? strings.loadingMore : strings.more}
        </button>
      ) : null}
    </section>
  );
}
