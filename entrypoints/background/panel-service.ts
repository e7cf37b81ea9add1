// What extension pages may ask of Close, beyond the page look-up: reads for the panel and every
// write (notes, leads, contacts, opportunities). Each call goes through the one Close client, so
// writes invalidate the cached look-ups they touch.

import type { Handlers } from '@/entrypoints/background/router';
import { listActivities } from '@/utils/close/activities';
import { createContact, searchContacts, updateContact } from '@/utils/close/contacts';
import { listLeadCustomFields } from '@/utils/close/custom-fields';
import { getEmail } from '@/utils/close/emails';
import type { CloseHttp } from '@/utils/close/http';
import { listLeadStatuses } from '@/utils/close/lead-statuses';
import {
  type CreateLeadInput,
  createLead,
  getLead,
  searchLeads,
  updateLead,
} from '@/utils/close/leads';
import { createNote, type NoteContent, updateNote } from '@/utils/close/notes';
import {
  createOpportunity,
  listOpportunities,
  searchOpportunities,
  updateOpportunity,
} from '@/utils/close/opportunities';
import { listPipelines } from '@/utils/close/pipelines';
import { createTask, listOpenTasks, updateTask } from '@/utils/close/tasks';
import type { Activity, Lead } from '@/utils/close/types';
import { traced } from '@/utils/diagnostics';
import { companyDomain } from '@/utils/domain/registrable-domain';
import type { LeadReadsCache } from '@/utils/lookup/lead-reads-cache';
import { buildMatches } from '@/utils/lookup/match';
import { lookupFilter, type QueryFilters } from '@/utils/lookup/privacy-filter';
import { type RecentNotes, withRecentNotes } from '@/utils/lookup/recent-notes';
import type { LeadMatch, LookupQuery } from '@/utils/lookup/types';
import { sameInstant, updatedSince } from '@/utils/lookup/updated-since';
import {
  type MessageName,
  type MessageOutputs,
  PANEL_MESSAGES,
  type PanelActionName,
  type PanelMessage,
  type ParsedInput,
  panelActionName,
} from '@/utils/messaging';
import type { DuplicateCandidate, Paged, SearchHit } from '@/utils/panel-types';

type Out<N extends MessageName> = Promise<MessageOutputs[N]>;
type In<N extends MessageName> = ParsedInput<N>;

const ACTIVITY_PAGE = 20;
const SEARCH_PAGE = 20;

async function leadMatch(
  http: CloseHttp,
  lead: Lead,
  reasons: LeadMatch['matchedBy'],
): Promise<LeadMatch> {
  const opportunities =
    lead.opportunities ?? (await listOpportunities(http, { leadId: lead.id, limit: 100 })).data;
  const { opportunities: _embedded, tasks, ...rest } = lead;
  return {
    lead: rest,
    matchedBy: reasons,
    contacts: lead.contacts,
    opportunities,
    ...(tasks ? { tasks } : {}),
  };
}

/** What the panel gets of a page of activity (not the date_updated it was cached for). */
const shown = ({ items, cursor }: Paged<Activity>): Paged<Activity> => ({ items, cursor });

const offset = (cursor: string | null) => {
  const n = cursor ? Number.parseInt(cursor, 10) : 0;
  return Number.isFinite(n) && n > 0 ? n : 0;
};

export interface PanelServiceDeps {
  /**
   * The page look-ups' filters (own addresses and domains, never-look-up list), read on every
   * duplicate check so a settings change applies at once. Without it nothing is filtered.
   */
  filters?: () => Promise<QueryFilters>;
  /** The connected user's Close id (new tasks are assigned to them); null when unknown. */
  userId?: () => Promise<string | null>;
  /** The first screen's per-lead reads, cached briefly with the look-ups (no cache when absent). */
  leadReads?: LeadReadsCache;
  /** The active organization, which the cached reads belong to. */
  organizationId?: () => Promise<string | null>;
  /** Notes saved here lately, shown in the timeline until Close lists them (none when absent). */
  recentNotes?: RecentNotes;
}

/** A cached first page of activity, with the lead's date_updated the panel knew when it asked. */
type ActivityPage = Paged<Activity> & { leadUpdated?: string | undefined };

/** A cached first page of activity, checked before it is shown again. */
function isActivityPage(value: unknown): value is ActivityPage {
  const page = value as ActivityPage | null;
  return (
    typeof page === 'object' &&
    page !== null &&
    Array.isArray(page.items) &&
    (page.cursor === null || typeof page.cursor === 'string') &&
    (page.leadUpdated === undefined || typeof page.leadUpdated === 'string')
  );
}

/** One handler per panel message, named like the panel's action (`ui:addNote` → `addNote`). */
export type PanelService = {
  [N in PanelMessage as PanelActionName<N>]: (input: ParsedInput<N>) => Out<N>;
};

/** The router's handlers for every panel message. */
export function panelHandlers(service: PanelService): Pick<Handlers, PanelMessage> {
  return Object.fromEntries(
    PANEL_MESSAGES.map((name) => [
      name,
      (input: unknown) =>
        (service[panelActionName(name)] as (i: unknown) => Promise<unknown>)(input),
    ]),
  ) as unknown as Pick<Handlers, PanelMessage>;
}

/** What "Create lead" sends to Close: only the fields and contact details the user filled. */
export function createLeadInput(input: In<'ui:createLead'>): CreateLeadInput {
  return {
    name: input.name,
    ...(input.url ? { url: input.url } : {}),
    ...(input.description ? { description: input.description } : {}),
    contacts: input.contacts.map((c) => ({
      ...(c.name ? { name: c.name } : {}),
      ...(c.title ? { title: c.title } : {}),
      emails: c.emails.filter((e) => e.email),
      phones: c.phones.filter((p) => p.phone),
    })),
  };
}

export function createPanelService(http: () => Promise<CloseHttp>, deps: PanelServiceDeps = {}) {
  /** Through the lead-reads cache when there is one and the organization is known. */
  async function cachedRead<T>(
    leadId: string,
    kind: string,
    load: () => Promise<T>,
    check: (value: unknown) => value is T,
  ): Promise<T> {
    const organizationId = deps.leadReads ? await deps.organizationId?.() : null;
    if (!deps.leadReads || !organizationId) return load();
    return deps.leadReads.read({ organizationId, leadId, kind }, load, check);
  }

  return {
    async addNote({ leadId, text }: In<'ui:addNote'>): Out<'ui:addNote'> {
      const note = await createNote(await http(), { leadId, text });
      const organizationId =
        deps.recentNotes || deps.leadReads ? await deps.organizationId?.() : null;
      if (deps.recentNotes && organizationId)
        await deps.recentNotes.remember(organizationId, note).catch(traced('remember a new note'));
      // The lead's cached timeline gets the note rather than being asked for again: a new note
      // changes nothing else a page shows (utils/lookup/invalidation.ts, isNewNote).
      if (deps.leadReads && organizationId)
        await deps.leadReads
          .amend({ organizationId, leadId, kind: 'activity' }, isActivityPage, (page) => ({
            ...page,
            items: withRecentNotes(page.items, [note]),
          }))
          .catch(traced('add a new note to the cached timeline'));
      return note;
    },
    /**
     * `html` (optional; the message input needs `html: v.optional(...)` to carry it) updates
     * Close's `note_html`, keeping a rich note rich: sending `note` alone makes Close rebuild
     * `note_html` from the plain text (docs/close-api.md).
     */
    async updateNote({
      noteId,
      text,
      html,
    }: In<'ui:updateNote'> & { html?: string | undefined }): Out<'ui:updateNote'> {
      const content: NoteContent = html?.trim() ? { html } : { text };
      return updateNote(await http(), noteId, content);
    },
    async loadTasks({ leadId }: In<'ui:loadTasks'>): Out<'ui:loadTasks'> {
      const load = async () => (await listOpenTasks(await http(), { leadId, limit: 100 })).data;
      return cachedRead(leadId, 'tasks', load, (value): value is Awaited<ReturnType<typeof load>> =>
        Array.isArray(value),
      );
    },
    async createTask({ leadId, text, due }: In<'ui:createTask'>): Out<'ui:createTask'> {
      const client = await http();
      const assignedTo = deps.userId ? await deps.userId() : null;
      return createTask(client, { leadId, text, due, ...(assignedTo ? { assignedTo } : {}) });
    },
    async updateTask({ taskId, patch }: In<'ui:updateTask'>): Out<'ui:updateTask'> {
      const { text, due, isComplete } = patch;
      return updateTask(await http(), taskId, {
        ...(text !== undefined ? { text } : {}),
        ...(due !== undefined ? { due } : {}),
        ...(isComplete !== undefined ? { isComplete } : {}),
      });
    },
    async updateLead({ leadId, patch }: In<'ui:updateLead'>): Out<'ui:updateLead'> {
      return updateLead(await http(), leadId, patch);
    },
    async createContact({ leadId, input }: In<'ui:createContact'>): Out<'ui:createContact'> {
      return createContact(await http(), { ...(leadId ? { leadId } : {}), ...input });
    },
    async updateContact({ contactId, patch }: In<'ui:updateContact'>): Out<'ui:updateContact'> {
      return updateContact(await http(), contactId, patch);
    },
    async createOpportunity({ input }: In<'ui:createOpportunity'>): Out<'ui:createOpportunity'> {
      const { pipelineId, ...rest } = input;
      return createOpportunity(await http(), { ...rest, ...(pipelineId ? { pipelineId } : {}) });
    },
    async updateOpportunity({
      opportunityId,
      patch,
    }: In<'ui:updateOpportunity'>): Out<'ui:updateOpportunity'> {
      const { pipelineId: _pipeline, ...fields } = patch;
      return updateOpportunity(await http(), opportunityId, fields);
    },
    async createLead(input: In<'ui:createLead'>): Out<'ui:createLead'> {
      const client = await http();
      const lead = await createLead(client, createLeadInput(input));
      return leadMatch(client, lead, []);
    },
    async findDuplicates(input: In<'ui:findDuplicates'>): Out<'ui:findDuplicates'> {
      // The same rules as page look-ups: nothing on the never-look-up list, none of the user's own
      // addresses or domains, goes to Close.
      const allowed = lookupFilter(deps.filters ? await deps.filters() : undefined);
      // As for a page: a blocked site (its domain or the host itself) is blocked whole, its name
      // and its people included.
      if (input.url && !allowed.site(input.url)) return [];
      const emails = input.emails
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e.includes('@') && allowed.email(e));
      const urlDomain = input.url ? companyDomain(input.url) : null;
      const domain = urlDomain && allowed.domain(urlDomain) ? urlDomain : null;
      const emailDomains = emails
        .map((e) => companyDomain(e))
        .filter((d): d is string => !!d && allowed.domain(d));
      const name = allowed.text(input.name.trim()) ? input.name.trim() : '';
      const texts = [...new Set([domain, ...emailDomains, name].filter(Boolean))] as string[];
      if (texts.length === 0) return [];
      const client = await http();
      const query: LookupQuery = {
        emails,
        ...((domain ?? emailDomains[0]) ? { domain: (domain ?? emailDomains[0]) as string } : {}),
      };
      const found = new Map<string, Lead>();
      for (const text of texts.slice(0, 3)) {
        for (const lead of (await searchLeads(client, { text, limit: 10 })).data)
          found.set(lead.id, lead);
      }
      const { matches } = buildMatches([...found.values()], { ...query, name }, true);
      return matches.map((m): DuplicateCandidate => ({ lead: m.lead, matchedBy: m.matchedBy }));
    },
    async search({ query, cursor }: In<'ui:search'>): Out<'ui:search'> {
      if (!query) return { items: [], cursor: null };
      const client = await http();
      // Leads page by page, each page one request after Close's cursor (or `_skip` when search
      // fell back to the legacy query); contacts and opportunities ride along on the first page.
      const leads = await searchLeads(client, { text: query, limit: SEARCH_PAGE, cursor });
      const items: SearchHit[] = leads.data.map((lead) => ({ kind: 'lead', lead }));
      if (!cursor) {
        const [contacts, opportunities] = await Promise.all([
          searchContacts(client, { text: query, limit: 10 }).catch(() => ({ data: [] })),
          searchOpportunities(client, { text: query, limit: 10 }).catch(() => ({ data: [] })),
        ]);
        const leadNames = new Map(leads.data.map((l) => [l.id, l.name]));
        items.push(
          ...contacts.data.map(
            (contact): SearchHit => ({
              kind: 'contact',
              contact,
              leadName: leadNames.get(contact.leadId) ?? '',
            }),
          ),
          ...opportunities.data.map(
            (opportunity): SearchHit => ({ kind: 'opportunity', opportunity }),
          ),
        );
      }
      return { items, cursor: leads.cursor } satisfies Paged<SearchHit>;
    },
    async loadActivities({
      leadId,
      cursor,
      fresh,
      leadUpdated,
      leadSeenAt,
      lookupStale,
      pageShownAt,
    }: In<'ui:loadActivities'>): Out<'ui:loadActivities'> {
      const skip = offset(cursor);
      const load = async (): Promise<ActivityPage> => {
        const page = await listActivities(await http(), { leadId, limit: ACTIVITY_PAGE, skip });
        return {
          items: page.data,
          cursor: page.hasMore ? String(skip + ACTIVITY_PAGE) : null,
          ...(leadUpdated ? { leadUpdated } : {}),
        };
      };
      // "Load more" always asks Close.
      if (skip !== 0) return shown(await load());
      // The first page is cached per organization and lead, whichever page showed the lead, and
      // asked again only when older than the fresh time or loaded before the lead's date_updated
      // the look-up shows now (a call or an email logged since; docs/close-api.md). Such a page is
      // shown at once, revalidated in the background, and the panel asks again with `fresh`,
      // joining that load.
      const organizationId =
        deps.leadReads || deps.recentNotes ? await deps.organizationId?.() : null;
      let page: Paged<Activity> & { stale?: boolean; freshFor?: number };
      if (!deps.leadReads || !organizationId) page = shown(await load());
      else {
        const key = { organizationId, leadId, kind: 'activity' };
        const options = {
          outdated: (cached: ActivityPage) => updatedSince(leadUpdated, cached.leadUpdated),
          // Close's look-up showed the same date_updated after the page was loaded: nothing
          // was logged on the lead since (assumed: docs/close-api.md). Or the look-up is shown
          // again to a page that showed it at `pageShownAt` (utils/lookup/page-marks.ts): a page
          // loaded before then for the same date_updated is what it showed, kept as the look-up is.
          confirmedAt: (cached: ActivityPage) =>
            sameInstant(leadUpdated, cached.leadUpdated)
              ? Math.max(leadSeenAt ?? 0, pageShownAt ?? 0) || undefined
              : undefined,
          deferRevalidation: lookupStale === true,
        };
        const read = fresh ? deps.leadReads.readFresh : deps.leadReads.readOrRevalidate;
        const { value, stale, freshFor } = await read(key, load, isActivityPage, options);
        page = { ...shown(value), ...(stale ? { stale } : {}), freshFor };
      }
      // Notes saved here that Close's list may not show yet (it may index them late).
      if (!deps.recentNotes || !organizationId) return page;
      const recent = await deps.recentNotes
        .forLead(organizationId, leadId)
        .catch(traced('read recent notes', []));
      return { ...page, items: withRecentNotes(page.items, recent) };
    },
    async getEmail({ emailId }: In<'ui:getEmail'>): Out<'ui:getEmail'> {
      return getEmail(await http(), emailId);
    },
    async loadLead({ leadId }: In<'ui:loadLead'>): Out<'ui:loadLead'> {
      const client = await http();
      return leadMatch(client, await getLead(client, leadId), []);
    },
    async loadLeadStatuses(): Out<'ui:loadLeadStatuses'> {
      return listLeadStatuses(await http());
    },
    async loadPipelines(): Out<'ui:loadPipelines'> {
      return listPipelines(await http());
    },
    async loadLeadCustomFields(): Out<'ui:loadLeadCustomFields'> {
      return listLeadCustomFields(await http());
    },
  } satisfies PanelService;
}
