// The connected Close accounts and their API keys, kept where no content script can read them.
// Chrome: storage.local after setAccessLevel(TRUSTED_CONTEXTS). Browsers without that call on
// storage.local (Firefox): the extension origin's IndexedDB, which content scripts cannot open.
// The area is chosen anew on every start; when a browser gains setAccessLevel, accounts left in
// IndexedDB by earlier starts are moved into storage.local once. Only the background imports this
// module.
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { traced } from '@/utils/diagnostics';

const StoredAccountSchema = v.object({
  apiKey: v.pipe(v.string(), v.minLength(1)),
  organizationId: v.string(),
  organizationName: v.string(),
  userId: v.string(),
  userName: v.string(),
  userEmail: v.string(),
  connectedAt: v.number(),
});
export type StoredAccount = v.InferOutput<typeof StoredAccountSchema>;
const StoredAccountsSchema = v.array(StoredAccountSchema);

/** The accounts' key in storage.local (or the IndexedDB store). */
export const ACCOUNTS_KEY = 'accounts.v1';
const STORAGE_KEY = ACCOUNTS_KEY;

export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** Where an earlier start may have kept the accounts. */
export interface LegacyArea extends KeyValueArea {
  /** False when it certainly holds nothing (so it is not even opened). */
  exists(): Promise<boolean>;
  /** Deletes it once its accounts are safe elsewhere. */
  discard(): Promise<void>;
}

const SECRETS_DB = 'close-look-secrets';

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };

let restricted: Promise<KeyValueArea> | undefined;

/** storage.local where the browser can lock it to trusted contexts, else null. */
function lockableLocalArea(): KeyValueArea | null {
  const local = browser.storage.local as unknown as AccessLevelArea;
  if (typeof local.setAccessLevel !== 'function') return null;
  return {
    get: async (key) => (await browser.storage.local.get(key))[key],
    set: (key, value) => browser.storage.local.set({ [key]: value }),
  };
}

/** Restricts storage.local to trusted contexts where the browser can, and picks the secret area. */
export function secretArea(): Promise<KeyValueArea> {
  if (restricted) return restricted;
  const attempt = (async () => {
    const area = lockableLocalArea();
    if (area) {
      const local = browser.storage.local as unknown as AccessLevelArea;
      await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
      if (typeof indexedDB !== 'undefined') {
        // A failed move leaves the accounts where they were; the next start tries again.
        await moveAccounts(indexedDbArea(), area).catch(traced('move accounts to storage.local'));
      }
      return area;
    }
    return indexedDbArea();
  })();
  restricted = attempt;
  // A failed restriction is not remembered: the next call tries again.
  attempt.catch(() => {
    if (restricted === attempt) restricted = undefined;
  });
  return attempt;
}

/**
 * Moves the accounts an earlier start kept in `legacy` into `area` when `area` has none, then
 * discards `legacy` (also when `area` already had accounts: the old keys must not linger).
 * Returns how many accounts moved.
 */
export async function moveAccounts(legacy: LegacyArea, area: KeyValueArea): Promise<number> {
  if (!(await legacy.exists())) return 0;
  if (hasAccounts(await area.get(STORAGE_KEY))) {
    await legacy.discard();
    return 0;
  }
  const old = v.safeParse(StoredAccountsSchema, (await legacy.get(STORAGE_KEY)) ?? []);
  const accounts = old.success ? old.output : [];
  if (accounts.length > 0) {
    await area.set(STORAGE_KEY, accounts);
    // Discard only once the new copy reads back: a failed write must not lose the keys.
    if (!hasAccounts(await area.get(STORAGE_KEY))) return 0;
  }
  await legacy.discard();
  return accounts.length;
}

function hasAccounts(raw: unknown): boolean {
  return parseAccounts(raw).length > 0;
}

function indexedDbArea(): LegacyArea {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(SECRETS_DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('kv');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const run = async <T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>) => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = op(db.transaction('kv', mode).objectStore('kv'));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  };
  return {
    get: (key) => run('readonly', (store) => store.get(key)),
    set: async (key, value) => {
      await run('readwrite', (store) => store.put(value, key));
    },
    async exists() {
      // Where the browser can list databases, do not create one just to find it empty.
      if (typeof indexedDB.databases !== 'function') return true;
      return (await indexedDB.databases()).some((db) => db.name === SECRETS_DB);
    },
    discard: () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(SECRETS_DB);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
        request.onblocked = () => resolve();
      }),
  };
}

/**
 * The stored accounts. Accounts already in storage.local are read at once, alongside the lock and
 * the move from IndexedDB rather than after them (a worker's first answer waits for this read): the
 * background may read storage.local whatever its access level, and the move only ever fills an
 * empty area. With none there, the move may be bringing them: read again once it is done.
 */
export async function readAccounts(): Promise<StoredAccount[]> {
  const local = lockableLocalArea();
  if (local) {
    const accounts = parseAccounts(await local.get(STORAGE_KEY));
    if (accounts.length > 0) return accounts;
  }
  return parseAccounts(await (await secretArea()).get(STORAGE_KEY));
}

function parseAccounts(raw: unknown): StoredAccount[] {
  const parsed = v.safeParse(StoredAccountsSchema, raw ?? []);
  return parsed.success ? parsed.output : [];
}

export async function writeAccounts(accounts: StoredAccount[]): Promise<void> {
  await (await secretArea()).set(STORAGE_KEY, accounts);
}
