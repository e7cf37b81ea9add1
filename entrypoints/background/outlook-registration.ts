// The Outlook reader runs only where the user granted Outlook's optional host permission and left
// Outlook switched on: registered as a dynamic content script then (and injected into Outlook tabs
// already open), unregistered when the permission is revoked or the switch turned off.

import { browser } from 'wxt/browser';
import { traced } from '@/utils/diagnostics';
import { SITE_ORIGINS, SITES } from '@/utils/sites';

export const OUTLOOK_SCRIPT_ID = 'close-look-outlook';
const OUTLOOK_READER = SITES.outlook.reader;

/** The browser calls this module needs (scripting + permissions + tabs), injectable for tests. */
export interface OutlookRegistrationApi {
  containsOrigin(origin: string): Promise<boolean>;
  registeredMatches(): Promise<string[] | null>;
  register(matches: string[]): Promise<void>;
  unregister(): Promise<void>;
  injectIntoOpenTabs(matches: string[]): Promise<void>;
}

export function browserOutlookApi(): OutlookRegistrationApi {
  return {
    containsOrigin: (origin) => browser.permissions.contains({ origins: [origin] }),
    async registeredMatches() {
      const [script] = await browser.scripting.getRegisteredContentScripts({
        ids: [OUTLOOK_SCRIPT_ID],
      });
      return script ? (script.matches ?? []) : null;
    },
    register: (matches) =>
      browser.scripting.registerContentScripts([
        { id: OUTLOOK_SCRIPT_ID, js: [OUTLOOK_READER], matches, runAt: 'document_idle' },
      ]),
    unregister: () => browser.scripting.unregisterContentScripts({ ids: [OUTLOOK_SCRIPT_ID] }),
    async injectIntoOpenTabs(matches) {
      const tabs = await browser.tabs.query({ url: matches });
      for (const tab of tabs) {
        if (tab.id === undefined) continue;
        // The reader guards against running twice in one page.
        await browser.scripting
          .executeScript({ target: { tabId: tab.id }, files: [OUTLOOK_READER] })
          .catch(traced('outlook reader into an open tab'));
      }
    },
  };
}

/**
 * Makes the registration match the permission and the switch. Safe to call any time (worker start,
 * permission change, settings change); calls are queued so two never race on the same id.
 */
export function createOutlookRegistration(deps: {
  outlookEnabled: () => Promise<boolean>;
  api?: OutlookRegistrationApi;
}): { sync(): Promise<void> } {
  const api = deps.api ?? browserOutlookApi();
  let queue: Promise<void> = Promise.resolve();

  async function syncNow(): Promise<void> {
    const granted: string[] = [];
    for (const origin of SITE_ORIGINS.outlook) {
      if (await api.containsOrigin(origin).catch(() => false)) granted.push(origin);
    }
    const wanted = granted.length > 0 && (await deps.outlookEnabled()) ? granted : [];
    const current = await api.registeredMatches();
    const same =
      current !== null &&
      current.length === wanted.length &&
      wanted.every((m) => current.includes(m));
    if (same) return;
    if (current !== null) await api.unregister();
    if (wanted.length > 0) {
      await api.register(wanted);
      await api.injectIntoOpenTabs(wanted);
    }
  }

  return {
    sync() {
      // A browser without dynamic content scripts: Outlook stays off.
      queue = queue.then(syncNow, syncNow).catch(traced('outlook sync'));
      return queue;
    },
  };
}
