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

export interface SiteSwitches {
  gmail: boolean;
  outlook: boolean;
  linkedin: boolean;
  /** Any other website, read on demand. */
  anySite: boolean;
}

export interface Settings {
  /** Addresses and domains never sent to Close. */
  neverLookUp: string[];
  sites: SiteSwitches;
  /** How long a look-up is served from the cache without asking Close again. */
  cacheMinutes: number;
}

export const DEFAULT_SETTINGS: Settings = {
  neverLookUp: [],
  sites: { gmail: true, outlook: true, linkedin: true, anySite: true },
  cacheMinutes: 2,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});
