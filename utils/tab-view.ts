// What the background holds about one tab and shows the panel: the page's context and its look-up.
import type { LookupQuery, LookupState } from '@/utils/lookup/types';
import type { PageSnapshot } from '@/utils/page-snapshot';

export type PageAccess =
  /** A content script reports this tab by itself (Gmail, granted Outlook). */
  | 'watched'
  /** Read on demand (activeTab); `ui:readTab` reads it again. */
  | 'on-demand'
  /** Close Look may not read this page now (no activeTab grant, browser pages, site turned off). */
  | 'unavailable';

export interface TabView {
  tabId: number;
  url: string | null;
  snapshot: PageSnapshot | null;
  query: LookupQuery | null;
  lookup: LookupState;
  access: PageAccess;
  /** Why the page could not be read, when access is 'unavailable'. */
  accessHint?: string;
  /** Optional site access the user can grant from the panel so the page can be read. */
  grant?: 'outlook';
  updatedAt: number;
}
