// Background wiring only: the Close client, accounts, tab contexts, badge and message handlers.

import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import { showBadge } from '@/entrypoints/background/badge';
import { clearCachedData } from '@/entrypoints/background/cache-clearing';
import { createCloseSession } from '@/entrypoints/background/close-session';
import { createCommandHandler } from '@/entrypoints/background/commands';
import { createConnectionService } from '@/entrypoints/background/connection';
import { createMenuClickHandler, createMenus } from '@/entrypoints/background/menus';
import { createOutlookRegistration } from '@/entrypoints/background/outlook-registration';
import { hints, readTab } from '@/entrypoints/background/page-reading';
import { createPanelService, panelHandlers } from '@/entrypoints/background/panel-service';
import { registerRouter } from '@/entrypoints/background/router';
import { openPanelFor } from '@/entrypoints/background/side-panel';
import {
  createGmailSwitchWatch,
  reportAllowed,
  resumeGmailTabs,
} from '@/entrypoints/background/site-scripts';
import { createTabContexts } from '@/entrypoints/background/tab-context';
import { createWriteJournal, writeHandlers } from '@/entrypoints/background/write-journal';
import { createWriteKinds } from '@/entrypoints/background/write-kinds';
import { createWriteRetry } from '@/entrypoints/background/write-retry';
import { secretArea } from '@/utils/account-store';
import { CLOSE_API_BASE_URL } from '@/utils/close/api-origin';
import { createCloseHttp } from '@/utils/close/http';
import { getMe } from '@/utils/close/me';
import { diagnostics, traced } from '@/utils/diagnostics';
import { companyDomain } from '@/utils/domain/registrable-domain';
import { countDrafts, removeOrganizationDrafts, sweepDrafts } from '@/utils/drafts';
import { createLeadReadsCache } from '@/utils/lookup/lead-reads-cache';
import { clearPageMarks } from '@/utils/lookup/page-marks';
import type { QueryFilters } from '@/utils/lookup/privacy-filter';
import { createRecentNotes } from '@/utils/lookup/recent-notes';
import { createSessionLookupCache } from '@/utils/lookup/session-cache';
import { type Settings, SITE_ORIGINS, siteForUrl } from '@/utils/settings';
import {
  focusSearchRequestItem,
  followManagedPolicy,
  readEffectiveSettings,
  readManagedPolicy,
  settingsChangedBy,
  watchSettings,
  writeJournalItem,
} from '@/utils/storage';
import { storedMemo } from '@/utils/stored-memo';

/** How long after a worker starts its housekeeping runs (the waking message is answered first). */
const HOUSEKEEPING_DELAY_MS = 500;

export default defineBackground(() => {
  // Lock storage.local to extension pages before anything can be written to it.
  void secretArea();

  // The user's settings with the admin's policy over them: read once, then kept until either
  // changes (every report and look-up asks).
  const effectiveSettings = storedMemo(readEffectiveSettings, settingsChangedBy);
  const settings = async (): Promise<Settings> => (await effectiveSettings.get()).settings;
  // The admin's policy is read from its copy; refresh the copy now (Chromium's first
  // storage.managed read takes seconds: start it before the first look-up) and on every change.
  followManagedPolicy();

  // Fresh as long as the look-ups: the user's cache time (10 minutes unless set otherwise).
  const leadReads = createLeadReadsCache({
    freshMs: async () => (await settings()).cacheMinutes * 60_000,
  });
  const recentNotes = createRecentNotes();
  const connection = createConnectionService({
    verifyKey: (apiKey) =>
      getMe(createCloseHttp({ baseURL: CLOSE_API_BASE_URL, getApiKey: async () => apiKey })),
    // Every look-up waits for the admin's policy. Only the first run after install has no copy of
    // it, and Chromium's first storage.managed read takes 3–5 s after the browser starts: Connect
    // answers once the policy is known, so the first look-up after connecting never waits for it.
    beforeConnected: readManagedPolicy,
    onChange: () => {
      session.reset();
      void tabs.refreshAll();
    },
  });
  // A woken worker's first message (a panel asking for the connection, a page's report) needs
  // the accounts and the settings: read them now, while that message is still on its way.
  void connection.state().catch(traced('read accounts at start'));
  void effectiveSettings.get().catch(traced('read settings at start'));
  const session = createCloseSession(connection, {
    freshMs: async () => (await settings()).cacheMinutes * 60_000,
    // A note, a lead edit, a new lead or contact: the tabs showing what it touched look again, so
    // the panel and the badge show Close as it is now.
    afterWrite: (event) => tabs.refreshTouched(event),
    // The timeline and tasks a write changed are asked again by the panel's next read.
    onWrite: (event) =>
      void leadReads.forgetTouched(event).catch(traced('forget lead reads after a write')),
  });
  // What is never sent to Close: the user's own addresses and domain, the never-look-up list.
  const lookUpFilters = async (): Promise<QueryFilters> => {
    const account = await connection.activeAccount();
    const ownDomain = account ? companyDomain(account.userEmail) : null;
    return {
      ownEmails: account ? [account.userEmail] : [],
      ownDomains: ownDomain ? [ownDomain] : [],
      neverLookUp: (await settings()).neverLookUp,
    };
  };
  const tabs = createTabContexts({
    session,
    filters: lookUpFilters,
    onChange: showBadge,
    siteEnabled: async (url) => {
      const site = siteForUrl(url);
      return site === null || (await settings()).sites[site];
    },
  });
  const panel = createPanelService(() => session.http(), {
    filters: lookUpFilters,
    userId: async () => (await connection.activeAccount())?.userId ?? null,
    leadReads,
    organizationId: async () => (await connection.activeAccount())?.organizationId ?? null,
    recentNotes,
  });
  const activeOrganization = async () => (await connection.activeAccount())?.organizationId ?? null;
  // Every write goes through the journal: recorded before it leaves, settled (and its draft
  // cleared) here whether or not a page is still open, lost answers checked with Close.
  const writeRetry = createWriteRetry(() => journal.resolve());
  const journal = createWriteJournal({
    kinds: createWriteKinds(panel),
    store: {
      get: () => writeJournalItem.getValue(),
      set: (entries) => writeJournalItem.setValue(entries),
    },
    http: () => session.http(),
    // Another connected organization's lost answers are checked with its own key (reads only).
    httpFor: async (organizationId) => {
      const account = await connection.account(organizationId);
      if (!account) return null;
      return createCloseHttp({
        baseURL: CLOSE_API_BASE_URL,
        getApiKey: async () => account.apiKey,
      });
    },
    activeOrganization,
    onQueued: (waiting) => writeRetry.queued(waiting),
    onSavedByCheck: async (entry) => {
      // As if Close had answered: the timeline and the tabs showing the lead ask again.
      const event = {
        method: 'POST' as const,
        path: '',
        body: entry.leadId ? { lead_id: entry.leadId } : undefined,
        response: { id: entry.resultId, ...(entry.leadId ? { lead_id: entry.leadId } : {}) },
      };
      await leadReads.forgetTouched(event).catch(traced('forget lead reads after a checked write'));
      void tabs.refreshTouched(event).catch(traced('refresh tabs after a checked write'));
    },
  });
  // A new worker: another worker's lost answers and queued writes are resolved with Close, and
  // month-old drafts go. Shortly after the start, not during it: the message that woke the worker
  // is answered first, without this work's storage reads queued ahead of its own.
  setTimeout(() => {
    void (async () => {
      const organization = await activeOrganization().catch(traced('active organization', null));
      await sweepDrafts(organization).catch(traced('sweep old drafts', 0));
      await journal.resolve();
    })().catch(traced('resolve writes at start'));
  }, HOUSEKEEPING_DELAY_MS);

  /** Reads the tab on demand (activeTab) unless a content script or a menu look-up holds it. */
  async function readTabView(tabId: number) {
    const held = await tabs.view(tabId);
    if (held.snapshot?.source === 'selection') return held;
    const reading = await readTab(
      tabId,
      async (site) => (await settings()).sites[site],
      () => browser.permissions.contains({ origins: SITE_ORIGINS.outlook }).catch(() => false),
    );
    if (reading.kind === 'watched') return tabs.watched(tabId, reading.url);
    if (reading.kind === 'unavailable') {
      return tabs.unavailable(tabId, reading.url, reading.hint, reading.grant);
    }
    if (!reading.snapshot) return tabs.unavailable(tabId, reading.url, hints.nothingOnPage);
    return tabs.report(tabId, reading.snapshot, 'on-demand');
  }

  registerRouter({
    'cs:reportPage': async (snapshot, sender) => {
      if (sender.kind !== 'content-script') return { siteEnabled: true };
      // A site switched off in settings: nothing it reports is used, and its script stops.
      if (!reportAllowed(sender.url, (await settings()).sites)) return { siteEnabled: false };
      if (sender.frameId === 0) await tabs.report(sender.tabId, snapshot, 'watched');
      return { siteEnabled: true };
    },
    'cs:clearPage': async (_input, sender) => {
      if (sender.kind === 'content-script' && sender.frameId === 0) {
        await tabs.cleared(sender.tabId, sender.url);
      }
      return null;
    },
    'ui:getConnection': () => connection.state(),
    'ui:connect': ({ apiKey }) => connection.connect(apiKey),
    'ui:disconnect': async ({ organizationId }) => {
      const target = organizationId ?? (await connection.activeAccount())?.organizationId;
      const state = await connection.disconnect(organizationId);
      // Its drafts and write statuses go with it (the options page confirmed any unsent ones).
      if (target) {
        await removeOrganizationDrafts(target).catch(traced('remove organization drafts', 0));
        await journal.forgetOrganization(target).catch(traced('forget organization writes'));
      }
      // A disconnected organization's look-ups leave the browser's session storage too.
      if (target) {
        await createSessionLookupCache()
          .clearOrganization(target)
          .catch(traced('clear organization cache', 0));
        await clearPageMarks(target).catch(traced('clear organization page marks', 0));
        await leadReads.clear(target).catch(traced('clear organization lead reads', 0));
      }
      return state;
    },
    'ui:switchOrganization': async ({ organizationId }) => {
      const state = await connection.switchTo(organizationId);
      // Its writes that waited while another organization was active go now (checked first).
      void journal.resolve().catch(traced('resolve writes after a switch'));
      return state;
    },
    'ui:getTabView': ({ tabId }) => tabs.view(tabId),
    'ui:readTab': ({ tabId }) => readTabView(tabId),
    'ui:getDiagnostics': async () => diagnostics(),
    'ui:clearCachedData': async () => {
      session.reset();
      await leadReads.clear().catch(traced('clear lead reads', 0));
      await recentNotes.clear().catch(traced('clear recent notes'));
      return clearCachedData();
    },
    'ui:refreshLookup': async ({ tabId }) => {
      // "Try again" asks Close for everything the panel shows, its timelines too.
      await leadReads.clear().catch(traced('clear lead reads', 0));
      return tabs.refresh(tabId, true);
    },
    ...panelHandlers(panel),
    // Writes go through the journal (recorded before they leave, never re-sent blindly).
    ...writeHandlers(journal),
    'ui:resolveWrites': ({ clientId }) => journal.resolve(clientId),
    'ui:cancelWrite': ({ clientId }) => journal.cancel(clientId),
    'ui:dismissWrite': ({ clientId }) => journal.dismiss(clientId),
    'ui:countUnsent': async ({ organizationId }) => {
      const target = organizationId ?? (await activeOrganization());
      if (!target) return { drafts: 0, writes: 0 };
      return { drafts: await countDrafts(target), writes: await journal.unsent(target) };
    },
  });

  // Shortcuts and the context menu open the panel inside their user gesture, then read or look up.
  browser.commands?.onCommand.addListener(
    createCommandHandler({
      openPanel: openPanelFor,
      readTab: readTabView,
      requestSearchFocus: () => focusSearchRequestItem.setValue(Date.now()),
      activeTab: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0],
    }),
  );
  browser.contextMenus?.onClicked.addListener(
    createMenuClickHandler({
      openPanel: openPanelFor,
      report: (tabId, snapshot) => tabs.report(tabId, snapshot, 'on-demand'),
    }),
  );
  browser.runtime.onInstalled.addListener(() => void createMenus().catch(traced('menus')));

  // Settings apply without a reload: the engine picks up the cache time, tabs are looked up again
  // with the new filters, Outlook's reader follows its switch and permission.
  const outlook = createOutlookRegistration({
    outlookEnabled: async () => (await settings()).sites.outlook,
  });
  // Dynamic content scripts persist across sessions: check the registration when the browser
  // starts or the extension updates, not on every worker wake.
  browser.runtime.onStartup.addListener(() => void outlook.sync());
  browser.runtime.onInstalled.addListener(() => void outlook.sync());
  browser.permissions?.onAdded.addListener(() => void outlook.sync());
  browser.permissions?.onRemoved.addListener(() => void outlook.sync());
  // Gmail's script stopped when it was switched off; it starts again when the switch in force
  // (the user's or the admin's) turns back on.
  const gmailSwitch = createGmailSwitchWatch({
    gmailOn: async () => (await settings()).sites.gmail,
    resume: resumeGmailTabs,
  });
  // (After the start too: the switch only matters when it changed while no worker ran.)
  setTimeout(() => void gmailSwitch.check().catch(traced('gmail switch')), HOUSEKEEPING_DELAY_MS);
  watchSettings(() => {
    // (The memo follows the same change; forgetting it here too makes the order certain.)
    effectiveSettings.invalidate();
    session.reset();
    void outlook.sync();
    void tabs.refreshAll();
    void gmailSwitch.check().catch(traced('gmail switch'));
  });

  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.url) void tabs.navigated(tabId, changeInfo.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
});
