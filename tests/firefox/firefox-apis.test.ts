// Firefox's own extension APIs, checked in Firefox rather than assumed: sidebarAction.open() only
// inside a click, optional host permissions for Outlook and LinkedIn granted and removed, the
// dynamic Outlook content script registered and unregistered, and the keyboard shortcuts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  closeSidebar,
  connectAccount,
  installedAddon,
  mainWindowId,
  sidebarState,
} from '@/tests/firefox/support/flows';
import { useFirefox } from '@/tests/firefox/support/harness';
import { PageDriver, poll } from '@/tests/firefox/support/page';

const OUTLOOK_PAGE = readFileSync(
  resolve(import.meta.dirname, '../fixtures/outlook-reading-pane.html'),
  'utf8',
);
const OUTLOOK_URL = 'https://outlook.office.com/mail/inbox/id/AAQkAGI2TAAAAAAA%3D';

/** What the sidebar shows, read from the sidebar's own window (extension.getViews). */
const SIDEBAR_TEXT = `const [view] = browser.extension.getViews({ type: 'sidebar' });
  return view ? view.document.body.innerText : null;`;

describe('Firefox-specific behaviour', () => {
  const harness = useFirefox({ hosts: ['www.initech.com'] });

  beforeEach(async () => {
    await closeSidebar(harness());
  });

  it('installs the production build as a temporary add-on with no manifest warnings', async () => {
    const addon = await installedAddon(harness());
    expect(addon).toMatchObject({ warnings: [], errors: [], temporary: true });
    expect(addon.sidebar?.open_at_install).toBe(false);
    expect(addon.sidebar?.default_panel).toMatch(/\/sidepanel\.html$/);
    // An event page, not a service worker (Firefox MV3 runs background.scripts).
    expect(addon.background?.scripts?.map((s) => s.replace(/^.*\//, ''))).toEqual([
      'background.js',
    ]);
  });

  it('opens the sidebar from the popup\'s "Open side panel" click, and only inside a click', async () => {
    await connectAccount(harness());
    const refused = await harness().inExtension<string>(
      `try { await browser.sidebarAction.open(); return 'opened'; } catch (e) { return e.message; }`,
    );
    expect(refused).toMatch(/user input handler/);
    expect((await sidebarState(harness())).open).toBe(false);

    // The popup page (in a tab: the toolbar popup cannot be clicked into headless); Marionette's
    // click is trusted input, so the handler runs inside a user gesture as a person's click does.
    await harness().openPage('popup.html');
    const popup = new PageDriver(harness().marionette);
    await popup.click(await popup.getByRole('button', 'Open side panel'));
    // The popup closes itself once the sidebar is open (window.close()), taking its tab along.
    await harness().switchTo(harness().homeHandle);
    const state = await poll(
      'the sidebar to open',
      () => sidebarState(harness()),
      (s) => s.open && s.url.endsWith('/sidepanel.html'),
    );
    expect(state.url).toMatch(/^moz-extension:\/\/.+\/sidepanel\.html$/);
    const text = await poll(
      'the sidebar to render',
      () => harness().inExtension<string | null>(SIDEBAR_TEXT),
      (t) => !!t?.includes('Connected as Ada Lovelace'),
    );
    expect(text).toContain('Acme Sales');
    // isOpen for the browser window the sidebar was opened in (not the helper window).
    const windowId = await mainWindowId(harness());
    expect(
      await harness().inExtension(
        'return await browser.sidebarAction.isOpen({ windowId: args[0] })',
        [windowId],
      ),
    ).toBe(true);
  });

  it('grants and removes Outlook access, registering and unregistering the Outlook reader', async () => {
    await connectAccount(harness());
    const registered = () =>
      harness().inExtension<Array<{ id: string; matches: string[] }>>(
        'return await browser.scripting.getRegisteredContentScripts();',
      );
    const hasOutlook = () =>
      harness().inExtension<boolean>(
        `return await browser.permissions.contains({ origins: ['https://outlook.office.com/*'] });`,
      );
    expect(await hasOutlook()).toBe(false);
    expect(await registered()).toEqual([]);

    await harness().openPage('options.html');
    const options = new PageDriver(harness().marionette);
    await options.click(await options.getByRole('button', 'Allow access to Outlook'));
    await options.getByRole('button', 'Remove access to Outlook');
    expect(await hasOutlook()).toBe(true);
    const scripts = await poll('the Outlook reader registration', registered, (s) => s.length > 0);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.id).toBe('close-look-outlook');
    expect(scripts[0]?.matches).toContain('https://outlook.office.com/*');

    // The registered reader runs on Outlook and its people are looked up.
    harness().sites.set('outlook.office.com', { body: OUTLOOK_PAGE });
    await harness().openTab(OUTLOOK_URL);
    await poll(
      'the Outlook look-up',
      async () =>
        harness()
          .fake.requests.filter((r) => r.path === '/api/v1/data/search/')
          .map((r) => JSON.stringify(r.body))
          .join(),
      (bodies) => bodies.includes('maria.lopez@example.com'),
    );

    await harness().closeOtherTabs();
    await harness().openPage('options.html');
    await options.click(await options.getByRole('button', 'Remove access to Outlook'));
    await options.getByRole('button', 'Allow access to Outlook');
    expect(await hasOutlook()).toBe(false);
    await poll('the reader to be unregistered', registered, (s) => s.length === 0);
  });

  it('grants and removes LinkedIn access from the settings page', async () => {
    const hasLinkedIn = () =>
      harness().inExtension<boolean>(
        `return await browser.permissions.contains({ origins: ['https://www.linkedin.com/*'] });`,
      );
    expect(await hasLinkedIn()).toBe(false);
    await harness().openPage('options.html');
    const options = new PageDriver(harness().marionette);
    await options.click(await options.getByRole('button', 'Allow access to LinkedIn'));
    await options.getByRole('button', 'Remove access to LinkedIn');
    expect(await hasLinkedIn()).toBe(true);
    await options.click(await options.getByRole('button', 'Remove access to LinkedIn'));
    await options.getByRole('button', 'Allow access to LinkedIn');
    expect(await hasLinkedIn()).toBe(false);
  });

  it('declares both shortcuts, and Alt+Shift+C opens the sidebar and reads the page', async () => {
    await connectAccount(harness());
    const commands = await harness().inExtension<Array<{ name: string; shortcut: string }>>(
      'return await browser.commands.getAll();',
    );
    expect(commands.map((c) => [c.name, c.shortcut])).toEqual([
      ['open-panel', 'Alt+Shift+C'],
      ['focus-search', 'Alt+Shift+F'],
    ]);

    harness().sites.set('www.initech.com', {
      body: '<!doctype html><html><head><title>Initech</title><meta property="og:site_name" content="Initech"></head><body><h1>Initech</h1></body></html>',
    });
    await harness().openTab('https://www.initech.com/');
    // A real key press in the browser window (not the page): Firefox's shortcut handling, its
    // activeTab grant and the onCommand listener all run as for a person's key press.
    const m = harness().marionette;
    await m.setContext('chrome');
    try {
      await m.command('WebDriver:PerformActions', {
        actions: [
          {
            type: 'key',
            id: 'keyboard',
            actions: [
              { type: 'keyDown', value: '\uE00A' }, // Alt
              { type: 'keyDown', value: '\uE008' }, // Shift
              { type: 'keyDown', value: 'C' },
              { type: 'keyUp', value: 'C' },
              { type: 'keyUp', value: '\uE008' },
              { type: 'keyUp', value: '\uE00A' },
            ],
          },
        ],
      });
      await m.command('WebDriver:ReleaseActions');
    } finally {
      await m.setContext('content');
    }
    await poll(
      'the sidebar to open',
      () => sidebarState(harness()),
      (s) => s.open,
    );
    await poll(
      'the page to be read',
      async () =>
        harness()
          .fake.requests.filter((r) => r.path === '/api/v1/data/search/')
          .map((r) => JSON.stringify(r.body))
          .join(),
      (bodies) => bodies.includes('initech.com'),
    );
    await poll(
      'the sidebar to show the lead',
      () => harness().inExtension<string | null>(SIDEBAR_TEXT),
      (t) => !!t?.includes('Initech'),
    );
  });
});
