// Every item Close Look stores, declared once. Secrets (API keys) are not here: they live in
// utils/account-store.ts, which only the background imports.
import { browser } from 'wxt/browser';
import { storage } from '#imports';
import type { PageSnapshot } from './page-snapshot';
import {
  DEFAULT_SETTINGS,
  type EffectiveSettings,
  type ManagedPolicy,
  mergeManaged,
  parseManagedPolicy,
  parseSettings,
  type Settings,
} from './settings';

/** Which connected organization's key the background uses now. */
export const activeOrganizationItem = storage.defineItem<string | null>(
  'local:activeOrganizationId',
  { fallback: null },
);

/**
 * Bumped by the background whenever the connected accounts change. Extension pages follow this
 * (and the active organization) instead of the accounts themselves, which hold the keys.
 */
export const connectionVersionItem = storage.defineItem<number>('local:connectionVersion', {
  fallback: 0,
});

/** The page context the background holds per tab (session storage survives worker restarts). */
export function tabContextKey(tabId: number): `session:tab:${number}` {
  return `session:tab:${tabId}`;
}
export interface StoredTabContext {
  tabId: number;
  snapshot: PageSnapshot | null;
  updatedAt: number;
}

export type { EffectiveSettings, ManagedPolicy, Settings, SiteSwitches } from './settings';
export { DEFAULT_SETTINGS };

/**
 * The user's settings. v1 kept never-look-up entries as typed; v2 keeps them normalized ("@Acme.com"
 * → "acme.com", invalid ones dropped) so the settings page, the admin's policy and the look-up
 * filter compare like with like. Read through readSettings(), which parses the stored value.
 */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    2: (v1: unknown): Settings => parseSettings(v1),
  },
});

/** The user's own settings, parsed: a corrupt stored value (or field) falls back to the defaults. */
export async function readSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue().catch(() => DEFAULT_SETTINGS));
}

export async function writeSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(parseSettings(settings));
}

/**
 * The admin's policy from storage.managed. Firefox rejects the read when no policy is installed,
 * and browsers without managed storage have none: both mean "no policy".
 */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  const fresh = readManagedFromBrowser();
  // Chromium's first storage.managed read after the browser starts takes seconds (measured 3–5 s
  // here: it loads policy). The last policy seen is kept in storage.local (extension pages only),
  // so look-ups answer at once and the slow read only refreshes that copy. Only the very first
  // run after install waits for the real read.
  const copy = await managedPolicyCopyItem.getValue().catch(() => null);
  return copy ? parseManagedPolicy(copy) : fresh;
}

/** The last policy read from storage.managed (storage.local is locked to extension pages). */
const managedPolicyCopyItem = storage.defineItem<unknown>('local:managedPolicyCopy', {
  fallback: null,
});

let managedRead: Promise<ManagedPolicy> | undefined;

function readManagedFromBrowser(): Promise<ManagedPolicy> {
  managedRead ??= (async () => {
    let policy: ManagedPolicy;
    try {
      policy = parseManagedPolicy(await storage.snapshot('managed'));
    } catch {
      policy = {};
    }
    await managedPolicyCopyItem.setValue(policy).catch(() => {});
    return policy;
  })().finally(() => {
    managedRead = undefined;
  });
  return managedRead;
}

/** The settings in force (the user's with the policy over them) and what the policy locks. */
export async function readEffectiveSettings(): Promise<EffectiveSettings> {
  const [user, policy] = await Promise.all([readSettings(), readManagedPolicy()]);
  return mergeManaged(user, policy);
}

/**
 * Calls back whenever the user's settings or the admin's policy change. Returns an unwatch.
 * (storage.onChanged rather than per-area events: Firefox has no storage.managed.onChanged.)
 */
export function watchSettings(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if ((area === 'local' && 'settings' in changes) || area === 'managed') onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Set by the focus-search shortcut; the side panel focuses its search box when it sees it. */
export const focusSearchRequestItem = storage.defineItem<number | null>(
  'session:focusSearchRequest',
  { fallback: null },
);
