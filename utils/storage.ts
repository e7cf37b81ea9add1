// Every item Close Look stores, declared once. Secrets (API keys) are not here: they live in
// utils/account-store.ts, which only the background imports.

import { browser } from 'wxt/browser';
import { storage } from '#imports';
import { traced } from '@/utils/diagnostics';
import {
  DEFAULT_SETTINGS,
  type EffectiveSettings,
  type ManagedPolicy,
  mergeManaged,
  parseManagedPolicy,
  parseSettings,
  type Settings,
} from '@/utils/settings';
import { FOCUS_SEARCH_REQUEST_KEY } from '@/utils/storage-keys';

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

export {
  CONNECTION_STATE_KEY,
  FOCUS_SEARCH_REQUEST_KEY,
  tabIdOfKey,
  tabViewKey,
} from '@/utils/storage-keys';

/** storage.session: Gmail's switch in force when last checked (entrypoints/background/site-scripts.ts). */
export const GMAIL_SWITCH_KEY = 'gmailSwitchInForce';

/** storage.session: every cached look-up's key starts with this (utils/lookup/session-cache.ts). */
export const LOOKUP_CACHE_PREFIX = 'closeLookupCache:';

export type { EffectiveSettings, ManagedPolicy, Settings, SiteSwitches } from '@/utils/settings';
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
 * The admin's policy. Chromium's first storage.managed read after the browser starts takes seconds
 * (measured 3–5 s here: it loads policy), so reads are served from the last policy seen, kept in
 * storage.local (extension pages only). The background refreshes that copy when it starts and when
 * the policy changes (followManagedPolicy); only the very first run after install waits for the
 * real read. Firefox rejects the read when no policy is installed, and browsers without managed
 * storage have none: both mean "no policy".
 */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  const copy = await managedPolicyCopyItem
    .getValue()
    .catch(traced('read managed policy copy', null));
  if (copy) return parseManagedPolicy(copy);
  return latestManagedRead ?? refreshManagedPolicy();
}

/** The last policy read from storage.managed (storage.local is locked to extension pages). */
const managedPolicyCopyItem = storage.defineItem<unknown>('local:managedPolicyCopy', {
  fallback: null,
});
const MANAGED_POLICY_COPY_KEY = 'managedPolicyCopy';

let latestManagedRead: Promise<ManagedPolicy> | undefined;

/**
 * Reads storage.managed and stores the copy when the policy differs from it. A call while a read
 * is running reads again after it, so a change that lands mid-read is never lost.
 */
export function refreshManagedPolicy(): Promise<ManagedPolicy> {
  const read = (latestManagedRead ?? Promise.resolve()).then(readManagedIntoCopy);
  latestManagedRead = read;
  void read.finally(() => {
    if (latestManagedRead === read) latestManagedRead = undefined;
  });
  return read;
}

async function readManagedIntoCopy(): Promise<ManagedPolicy> {
  let policy: ManagedPolicy;
  try {
    policy = parseManagedPolicy(await storage.snapshot('managed'));
  } catch {
    policy = {};
  }
  const copy = await managedPolicyCopyItem
    .getValue()
    .catch(traced('read managed policy copy', null));
  // Written only when it changed: every write tells watchSettings the policy changed.
  if (!copy || JSON.stringify(parseManagedPolicy(copy)) !== JSON.stringify(policy)) {
    await managedPolicyCopyItem.setValue(policy).catch(traced('managed policy copy'));
  }
  return policy;
}

/**
 * For the background: refreshes the policy copy now (the policy may have changed while the browser
 * was closed) and whenever the admin's policy changes. Returns an unfollow.
 */
export function followManagedPolicy(): () => void {
  void refreshManagedPolicy();
  const listener = (_changes: Record<string, unknown>, area: string) => {
    if (area === 'managed') void refreshManagedPolicy();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The settings in force (the user's with the policy over them) and what the policy locks. */
export async function readEffectiveSettings(): Promise<EffectiveSettings> {
  const [user, policy] = await Promise.all([readSettings(), readManagedPolicy()]);
  return mergeManaged(user, policy);
}

/** Whether a storage change (its keys, in its area) changes the settings in force. */
export function settingsChangedBy(keys: string[], area: string): boolean {
  return area === 'local' && (keys.includes('settings') || keys.includes(MANAGED_POLICY_COPY_KEY));
}

/**
 * Calls back whenever the user's settings or the admin's policy change. Returns an unwatch. The
 * policy counts as changed once its copy is (see followManagedPolicy), so a read in the callback
 * already sees the new policy.
 */
export function watchSettings(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (settingsChangedBy(Object.keys(changes), area)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Set by the focus-search shortcut; the side panel focuses its search box when it sees it. */
export const focusSearchRequestItem = storage.defineItem<number | null>(
  `session:${FOCUS_SEARCH_REQUEST_KEY}`,
  { fallback: null },
);

/**
 * Which of the panel's lead sections (contacts, opportunities, timeline) the user collapsed, by
 * section name; absent = open. Parsed on read: anything but booleans is ignored.
 */
export const collapsedSectionsItem = storage.defineItem<Record<string, unknown>>(
  'local:collapsedSections',
  { fallback: {} },
);

/**
 * The write journal (utils/write-journal.ts): every write to Close, recorded by the background
 * before it is sent and settled by Close's answer or a check. Extension pages read it to show
 * "Saving…", "Saved", "Not saved" or "Close may already have this"; only the background writes it.
 * Read through parseJournal(): a stored entry is parsed before it is trusted.
 */
export const writeJournalItem = storage.defineItem<unknown>('local:writeJournal', {
  fallback: [],
});
