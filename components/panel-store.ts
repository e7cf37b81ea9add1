// The panel's one store of what it shows: records by organization and id, each the newer of Close's
// look-up and what the background returned after a write here; the leads opened or created on this
// page ("pinned"); and the last answer shown for a page, kept on screen while the same page is
// looked up again. One store per panel (PanelView creates it), read through signals, so a write
// anywhere in the panel updates every place that shows the record.
import { type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { Contact, Lead, Opportunity } from '@/utils/close/types';
import type { LeadMatch, LookupResult } from '@/utils/lookup/types';

/** A record returned by the background after a write here, and when (local clock). */
export interface Saved<T> {
  value: T;
  at: number;
}

interface Records {
  lead: Lead;
  contact: Contact;
  opportunity: Opportunity;
}
type Kind = keyof Records;
type Saves = Readonly<Record<string, Saved<{ id: string }>>>;

/** How long a record added here waits for a look-up to include it when Close's dates cannot tell. */
export const ADDED_GRACE_MS = 2 * 60 * 1000;

function timeOf(record: unknown, field: 'dateUpdated' | 'dateCreated'): number | null {
  const date = (record as Record<string, unknown>)[field];
  const time = typeof date === 'string' ? Date.parse(date) : Number.NaN;
  return Number.isNaN(time) ? null : time;
}

/**
 * The newer of the look-up's record and the one saved here: by Close's date_updated where both
 * have one (a colleague's later change wins; a look-up that lags behind our save does not), else
 * by whether the save came after Close answered the look-up.
 */
export function newer<T>(fetched: T, saved: Saved<T> | undefined, fetchedAt: number): T {
  if (!saved) return fetched;
  const theirs = timeOf(fetched, 'dateUpdated');
  const ours = timeOf(saved.value, 'dateUpdated');
  if (theirs !== null && ours !== null) return ours >= theirs ? saved.value : fetched;
  return saved.at > fetchedAt ? saved.value : fetched;
}

/**
 * Whether a record saved here and missing from the look-up still belongs on screen: the look-up
 * may lag behind our save (it started before, or came from a slow replica). It goes once the
 * fetched lead changed after the record was created (someone deleted it), or, when Close's dates
 * cannot tell, after a grace period.
 */
function stillPending(entry: Saved<unknown>, fetchedLead: unknown, fetchedAt: number, now: number) {
  if (entry.at > fetchedAt) return true;
  const leadUpdated = timeOf(fetchedLead, 'dateUpdated');
  const created = timeOf(entry.value, 'dateCreated');
  if (leadUpdated !== null && created !== null) return leadUpdated <= created;
  return now - entry.at < ADDED_GRACE_MS;
}

/** What a lead section shows: the look-up's lead and records, each merged with our newer saves. */
export interface LeadView {
  lead: Lead;
  contacts: Contact[];
  opportunities: Opportunity[];
  /** The deal on the card: the first open one (Close lists a lead's opportunities newest first). */
  openDeal: Opportunity | undefined;
}

export interface PanelStore {
  /** Every save, by `organization, kind, id` (read it to follow changes). */
  readonly saves: ReadonlySignal<Saves>;
  /** Records what the background returned after a write; the newer version wins from now on. */
  save<K extends Kind>(organizationId: string, kind: K, value: Records[K]): void;
  /** The lead as the panel shows it: `match` (answered at `fetchedAt`) with this panel's saves. */
  leadView(organizationId: string, match: LeadMatch, fetchedAt: number): LeadView;
  /** The page (organization and URL) the panel shows now: pins of another page are dropped. */
  showView(viewKey: string): void;
  /** Leads opened from search, created or added to on the page `viewKey`, newest first. */
  pinnedFor(viewKey: string): LeadMatch[];
  /** Pins a lead to `viewKey`; ignored when the panel moved on to another page meanwhile. */
  pin(viewKey: string, match: LeadMatch): void;
  /**
   * The answer to show for `viewKey`: `current` when there is one (and it is remembered), else the
   * one last shown for the same page while it is looked up again (the worker restarted).
   */
  answerFor(viewKey: string, current: LookupResult | null, loading: boolean): LookupResult | null;
}

const keyOf = (organizationId: string, kind: Kind, id: string) =>
  `${organizationId}\u0000${kind}\u0000${id}`;

export function createPanelStore(now: () => number = () => Date.now()): PanelStore {
  const saves: Signal<Saves> = signal({});
  const pins = signal<{ viewKey: string; matches: LeadMatch[] }>({ viewKey: '', matches: [] });
  let shown: { key: string; result: LookupResult } | null = null;
  let currentView = '';

  function savedOf<T>(organizationId: string, kind: Kind, id: string): Saved<T> | undefined {
    return saves.value[keyOf(organizationId, kind, id)] as Saved<T> | undefined;
  }

  /** The look-up's records, each with our newer save; records added here and not in it yet last. */
  function withSaved<T extends { id: string; leadId?: string | null }>(
    organizationId: string,
    kind: Kind,
    list: T[],
    lead: Lead,
    fetchedAt: number,
  ): T[] {
    const ids = new Set(list.map((item) => item.id));
    const prefix = keyOf(organizationId, kind, '');
    const added = Object.entries(saves.value)
      .filter(([key]) => key.startsWith(prefix))
      .map(([, entry]) => entry as Saved<T>)
      .filter(
        (entry) =>
          entry.value.leadId === lead.id &&
          !ids.has(entry.value.id) &&
          stillPending(entry, lead, fetchedAt, now()),
      )
      .map((entry) => entry.value);
    return [
      ...list.map((item) => newer(item, savedOf<T>(organizationId, kind, item.id), fetchedAt)),
      ...added,
    ];
  }

  return {
    saves,
    save(organizationId, kind, value) {
      saves.value = {
        ...saves.value,
        [keyOf(organizationId, kind, value.id)]: { value, at: now() },
      };
    },
    leadView(organizationId, match, fetchedAt) {
      const lead = newer(
        match.lead,
        savedOf<Lead>(organizationId, 'lead', match.lead.id),
        fetchedAt,
      );
      const contacts = withSaved(organizationId, 'contact', match.contacts, match.lead, fetchedAt);
      const opportunities = withSaved(
        organizationId,
        'opportunity',
        match.opportunities,
        match.lead,
        fetchedAt,
      );
      const openDeal = opportunities.find((o) => o.statusType === 'active');
      return { lead, contacts, opportunities, openDeal };
    },
    showView(viewKey) {
      currentView = viewKey;
    },
    pinnedFor(viewKey) {
      return pins.value.viewKey === viewKey ? pins.value.matches : [];
    },
    pin(viewKey, match) {
      if (viewKey !== currentView) return;
      const list = pins.value.viewKey === viewKey ? pins.value.matches : [];
      pins.value = {
        viewKey,
        matches: [match, ...list.filter((m) => m.lead.id !== match.lead.id)],
      };
    },
    answerFor(viewKey, current, loading) {
      if (current) {
        shown = { key: viewKey, result: current };
        return current;
      }
      return loading && shown?.key === viewKey ? shown.result : null;
    },
  };
}

/** The panel's store; PanelView provides one per panel. */
export const PanelStoreContext = createContext<PanelStore | null>(null);

/** The panel's store, or one of the component's own when rendered outside a panel. */
export function usePanelStore(): PanelStore {
  const provided = useContext(PanelStoreContext);
  const [own] = useState(() => provided ?? createPanelStore());
  return provided ?? own;
}
