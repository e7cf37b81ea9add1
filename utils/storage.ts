// Every item Close Look stores, declared once. Secrets (API keys) are not here: they live in
// utils/account-store.ts, which only the background imports.
import { storage } from '#imports';
import type { PageSnapshot } from './page-snapshot';

/** Which connected organization's key the background uses now. */
export const activeOrganizationItem = storage.defineItem<string | null>(
  'local:activeOrganizationId',
  { fallback: null },
);

/** The page context the background holds per tab (session storage survives worker restarts). */
export function tabContextKey(tabId: number): `session:tab:${number}` {
  return `session:tab:${tabId}`;
}
export interface StoredTabContext {
  tabId: number;
  snapshot: PageSnapshot | null;
  updatedAt: number;
}
