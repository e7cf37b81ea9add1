// Background wiring only: the Close client, accounts, tab contexts, badge and message handlers.

import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import { secretArea } from '@/utils/account-store';
import { CLOSE_API_BASE_URL } from '@/utils/close/api-origin';
import { createCloseHttp } from '@/utils/close/http';
import { getMe } from '@/utils/close/me';
import { companyDomain } from '@/utils/domain/registrable-domain';
import { DEFAULT_SETTINGS, type Settings, settingsItem } from '@/utils/storage';
import { showBadge } from './badge';
import { createCloseSession } from './close-session';
import { createConnectionService } from './connection';
import { readTab } from './page-reading';
import { createPanelService } from './panel-service';
import { registerRouter } from './router';
import { createTabContexts } from './tab-context';

export default defineBackground(() => {
  // Lock storage.local to extension pages before anything can be written to it.
  void secretArea();

  const settings = async (): Promise<Settings> => ({
    ...DEFAULT_SETTINGS,
    ...(await settingsItem.getValue().catch(() => DEFAULT_SETTINGS)),
  });

  const connection = createConnectionService({
    verifyKey: (apiKey) =>
      getMe(createCloseHttp({ baseURL: CLOSE_API_BASE_URL, getApiKey: async () => apiKey })),
    onChange: () => {
      session.reset();
      void tabs.refreshAll();
    },
  });
  const session = createCloseSession(connection, {
    freshMs: async () => (await settings()).cacheMinutes * 60_000,
  });
  const tabs = createTabContexts({
    session,
    filters: async () => {
      const account = await connection.activeAccount();
      const ownDomain = account ? companyDomain(account.userEmail) : null;
      return {
        ownEmails: account ? [account.userEmail] : [],
        ownDomains: ownDomain ? [ownDomain] : [],
        neverLookUp: (await settings()).neverLookUp,
      };
    },
    onChange: showBadge,
  });
  const panel = createPanelService(() => session.http());

  registerRouter({
    'cs:reportPage': async (snapshot, sender) => {
      if (sender.kind === 'content-script' && sender.frameId === 0) {
        await tabs.report(sender.tabId, snapshot, 'watched');
      }
      return null;
    },
    'cs:clearPage': async (_input, sender) => {
      if (sender.kind === 'content-script' && sender.frameId === 0) {
        await tabs.navigated(sender.tabId, sender.url);
      }
      return null;
    },
    'ui:getConnection': () => connection.state(),
    'ui:connect': ({ apiKey }) => connection.connect(apiKey),
    'ui:disconnect': ({ organizationId }) => connection.disconnect(organizationId),
    'ui:switchOrganization': ({ organizationId }) => connection.switchTo(organizationId),
    'ui:getTabView': ({ tabId }) => tabs.view(tabId),
    'ui:readTab': async ({ tabId }) => {
      const reading = await readTab(tabId, async (site) => (await settings()).sites[site]);
      if (reading.kind === 'watched') return tabs.view(tabId);
      if (reading.kind === 'unavailable') return tabs.unavailable(tabId, reading.url, reading.hint);
      if (!reading.snapshot)
        return tabs.unavailable(tabId, reading.url, 'Nothing on this page to look up.');
      return tabs.report(tabId, reading.snapshot, 'on-demand');
    },
    'ui:refreshLookup': ({ tabId }) => tabs.refresh(tabId, true),
    'ui:addNote': (input) => panel.addNote(input),
    'ui:updateNote': (input) => panel.updateNote(input),
    'ui:updateLead': (input) => panel.updateLead(input),
    'ui:createContact': (input) => panel.createContact(input),
    'ui:updateContact': (input) => panel.updateContact(input),
    'ui:createOpportunity': (input) => panel.createOpportunity(input),
    'ui:updateOpportunity': (input) => panel.updateOpportunity(input),
    'ui:createLead': (input) => panel.createLead(input),
    'ui:findDuplicates': (input) => panel.findDuplicates(input),
    'ui:search': (input) => panel.search(input),
    'ui:loadActivities': (input) => panel.loadActivities(input),
    'ui:getEmail': (input) => panel.getEmail(input),
    'ui:loadLead': (input) => panel.loadLead(input),
    'ui:loadLeadStatuses': () => panel.loadLeadStatuses(),
    'ui:loadPipelines': () => panel.loadPipelines(),
    'ui:loadLeadCustomFields': () => panel.loadLeadCustomFields(),
  });

  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.url) void tabs.navigated(tabId, changeInfo.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
});
