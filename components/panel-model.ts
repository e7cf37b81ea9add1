// What the panel views receive: the page, its look-up, the connection and the actions.
import type { ConnectionState } from '@/utils/connection-state';
import type { LookupState } from '@/utils/lookup/types';
import type { PageSnapshot } from '@/utils/page-snapshot';
import type { PanelActions } from '@/utils/ui/panel-actions';

export type { DuplicateCandidate, Paged, SearchHit } from '@/utils/panel-types';
export type {
  ContactInput,
  ContactPatch,
  CreateLeadInput,
  DuplicateQuery,
  LeadPatch,
  OpportunityInput,
  OpportunityPatch,
  PanelActions,
} from '@/utils/ui/panel-actions';
export type { LookupState };

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
