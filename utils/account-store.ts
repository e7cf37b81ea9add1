// The connected Close accounts and their API keys, kept where no content script can read them.
// Chrome: storage.local after setAccessLevel(TRUSTED_CONTEXTS). Browsers without that call on
// storage.local (Firefox): the extension origin's IndexedDB, which content scripts cannot open.
// Only the background imports this module.
import * as v from 'valibot';
import { browser } from 'wxt/browser';

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

const STORAGE_KEY = 'accounts.v1';

interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };

let restricted: Promise<KeyValueArea> | undefined;

/** Restricts storage.local to trusted contexts where the browser can, and picks the secret area. */
export function secretArea(): Promise<KeyValueArea> {
  restricted ??= (async () => {
    const local = browser.storage.local as unknown as AccessLevelArea;
    if (typeof local.setAccessLevel === 'function') {
      await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
      return {
        get: async (key) => (await browser.storage.local.get(key))[key],
        set: (key, value) => browser.storage.local.set({ [key]: value }),
      };
    }
    return indexedDbArea();
  })();
  return restricted;
}

function indexedDbArea(): KeyValueArea {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('close-look-secrets', 1);
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
  };
}

export async function readAccounts(): Promise<StoredAccount[]> {
  const raw = await (await secretArea()).get(STORAGE_KEY);
  const parsed = v.safeParse(StoredAccountsSchema, raw ?? []);
  return parsed.success ? parsed.output : [];
}

export async function writeAccounts(accounts: StoredAccount[]): Promise<void> {
  await (await secretArea()).set(STORAGE_KEY, accounts);
}
