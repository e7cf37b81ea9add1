// Everyday flow end to end: "Look up in Close" from the context menu, the never-look-up list and
// the site switches from the settings page, and switching organizations in the panel.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { badgeOf, connectAccount, openPanelFor, tabIdOf } from '@/tests/e2e/support/flows';
import { type GmailThread, gmailPage, gmailThreadMain } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const INITECH_THREAD: GmailThread = {
  subject: 'TPS reports',
  from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
  to: [],
};
const MIXED_THREAD: GmailThread = {
  subject: 'Introductions',
  from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
  to: [{ name: 'Albert Wesker', email: 'albert.wesker@umbrella-corp.com' }],
};
const UMBRELLA_THREAD: GmailThread = {
  subject: 'Containment',
  from: { name: 'Albert Wesker', email: 'albert.wesker@umbrella-corp.com' },
  to: [],
};

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** Swaps the open Gmail thread in place, as Gmail does (hash change + new main pane). */
async function openGmailThread(gmail: Page, hash: string, thread: GmailThread) {
  await gmail.evaluate(
    ([nextHash, html]) => {
      const policy = (
        window as unknown as {
          trustedTypes: {
            createPolicy: (n: string, p: object) => { createHTML: (s: string) => string };
          };
        }
      ).trustedTypes.createPolicy('e2e', { createHTML: (s: string) => s });
      location.hash = nextHash as string;
      const main = document.querySelector('[role=main]') as HTMLElement;
      main.innerHTML = policy.createHTML(html as string) as unknown as string;
    },
    [hash, gmailThreadMain(thread, ME)],
  );
}

describe('everyday flow', () => {
  const harness = useExtension();
  const searchBodies = () =>
    harness()
      .fake.requests.filter((r) => r.path === '/api/v1/data/search/')
      .map((r) => JSON.stringify(r.body));

  /** The settings page's "Clear cached data" button. */
  const clearCachedData = async () => {
    const options = await harness().openPage('options.html');
    await options.getByRole('button', { name: 'Clear cached data' }).click();
    await options.getByText(/Cached data cleared/).waitFor();
    await options.close();
  };

  beforeEach(async () => {
    // One browser per file: start each test from the default settings.
    await harness()
      .worker()
      .evaluate(() => chrome.storage.local.remove(['settings', 'settings$']));
  });

  it('looks a selected email up from the context menu and shows it in the panel', async () => {
    await connectAccount(harness());
    harness().sites.set('news.example.org', {
      body: '<!doctype html><html><head><title>Industry news</title></head><body><p>Reach Peter at peter@initech.com today.</p></body></html>',
    });
    const page = await harness().context.newPage();
    await page.goto('https://news.example.org/story');
    const tabId = await tabIdOf(harness(), page);

    // Headless Chromium cannot open a native context menu. Dispatch the real onClicked event
    // instead, with what Chrome passes for a selection: every listener the extension registered
    // with contextMenus.onClicked runs, exactly as after a click.
    const windowId = await harness()
      .worker()
      .evaluate(async (id) => (await chrome.tabs.get(id)).windowId, tabId);
    await harness()
      .worker()
      .evaluate(
        ([id, win, url]) => {
          const onClicked = chrome.contextMenus.onClicked as unknown as {
            dispatch: (info: object, tab: object) => void;
          };
          onClicked.dispatch(
            {
              menuItemId: 'close-look-lookup',
              selectionText: 'peter@initech.com',
              pageUrl: url,
              editable: false,
            },
            { id, windowId: win, url },
          );
        },
        [tabId, windowId, page.url()] as const,
      );

    const panel = await openPanelFor(harness(), page);
    const lead = panel.getByRole('article', { name: 'Initech' });
    await lead.waitFor();
    expect(await panel.getByRole('heading', { name: /Selected text/ }).count()).toBe(1);
    expect(await lead.textContent()).toContain('peter@initech.com');
    // The page itself was not read (no activeTab here); only the selection went to Close.
    const bodies = searchBodies();
    expect(bodies.length).toBeGreaterThanOrEqual(1);
    expect(bodies.join()).toContain('peter@initech.com');

    // The panel reading its tab again keeps the look-up the user asked for.
    await panel.reload();
    await panel.getByRole('article', { name: 'Initech' }).waitFor();
    expect(await panel.getByRole('heading', { name: /Selected text/ }).count()).toBe(1);
  });

  it('never sends a never-look-up domain to Close', async () => {
    await connectAccount(harness());
    const options = await harness().openPage('options.html');
    await options.getByLabel('Never look up').fill('initech.com\n');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByText('Settings saved.').waitFor();

    harness().sites.set('mail.google.com', gmailPage(MIXED_THREAD, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzMIX');
    const panel = await openPanelFor(harness(), gmail);
    await panel.getByRole('article', { name: 'Umbrella Corp' }).waitFor();
    expect(await panel.getByRole('article', { name: 'Initech' }).count()).toBe(0);

    const sent = JSON.stringify(harness().fake.requests.map((r) => [r.path, r.query, r.body]));
    expect(sent).toContain('umbrella-corp.com');
    expect(sent).not.toContain('initech');
  });

  it('stops the Gmail content script reporting when Gmail is switched off, and resumes it', async () => {
    await connectAccount(harness());
    await clearCachedData();
    harness().sites.set('mail.google.com', gmailPage(INITECH_THREAD, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzTPS');
    const panel = await openPanelFor(harness(), gmail);
    await panel.getByRole('article', { name: 'Initech' }).waitFor();

    expect(await badgeOf(harness(), gmail)).toBe('1');

    const options = await harness().openPage('options.html');
    const gmailSwitch = options.getByRole('checkbox', { name: 'Gmail' });
    await gmailSwitch.uncheck();
    await options.getByText('Gmail is off.').waitFor();
    harness().fake.clearRequests();

    // What Gmail showed is gone at once: from the open panel, from the badge, and from a panel
    // opened now (which says why).
    await expect.poll(() => panel.getByRole('article', { name: 'Initech' }).count()).toBe(0);
    await expect.poll(() => badgeOf(harness(), gmail)).toBe('');
    const another = await openPanelFor(harness(), gmail);
    await another.getByText(/turned off in Close Look settings/).waitFor();
    expect(await another.getByRole('article', { name: 'Initech' }).count()).toBe(0);
    await another.close();

    await openGmailThread(gmail, '#inbox/FMfcgzUMB', UMBRELLA_THREAD);
    // Long enough for the watcher's debounce, a report and a look-up, had there been one.
    await new Promise((r) => setTimeout(r, 2500));
    expect(searchBodies()).toEqual([]);
    const tabId = await tabIdOf(harness(), gmail);
    const stored = await harness()
      .worker()
      .evaluate(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`], tabId);
    expect(JSON.stringify(stored ?? null)).not.toContain('umbrella');

    // Back on: the background starts the script again in the open tab, which reports the thread.
    await gmailSwitch.check();
    await options.getByText('Gmail is on.').waitFor();
    await expect
      .poll(() => searchBodies().join(), { timeout: 10_000 })
      .toContain('albert.wesker@umbrella-corp.com');
    await panel.getByRole('article', { name: 'Umbrella Corp' }).waitFor();
  });

  it('switches organizations from the panel: the other key and its results', async () => {
    await connectAccount(harness(), 'api_test_acme');
    await connectAccount(harness(), 'api_test_globex');
    // Earlier tests cached Acme's answers; start with nothing cached so every answer is asked for.
    await clearCachedData();
    harness().sites.set('mail.google.com', gmailPage(INITECH_THREAD, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzTPS');
    const panel = await openPanelFor(harness(), gmail);

    // The last connected organization is active: Globex's own Initech lead.
    await panel.getByRole('article', { name: 'Initech UK' }).waitFor();
    const organization = panel.getByLabel('Organization');
    expect(await organization.inputValue()).not.toBe('');
    expect(await organization.locator('option:checked').textContent()).toBe('Globex Partners');
    const authorizations = () =>
      harness()
        .fake.requests.filter((r) => r.path === '/api/v1/data/search/')
        .map((r) => r.headers.authorization);
    expect(authorizations()).toContain(basic('api_test_globex'));
    expect(authorizations()).not.toContain(basic('api_test_acme'));

    harness().fake.clearRequests();
    await organization.selectOption({ label: 'Acme Sales' });
    await panel.getByRole('article', { name: 'Initech' }).waitFor();
    await expect.poll(() => panel.getByRole('article', { name: 'Initech UK' }).count()).toBe(0);
    // Acme's answer may come from Acme's own cache; a search proves which key is used now.
    await panel.getByLabel('Search Close').fill('Wonka');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.getByText(/Nothing in Close matches/).waitFor();
    expect(authorizations()).toContain(basic('api_test_acme'));
    expect(authorizations()).not.toContain(basic('api_test_globex'));
    expect(await panel.getByText(/Acme Sales/).count()).toBeGreaterThan(0);
  });
});
