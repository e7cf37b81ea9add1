// Connecting a Close account in Firefox, and where Firefox keeps the key: the extension origin's
// IndexedDB (Firefox has no storage.local.setAccessLevel), out of reach of content scripts.
import { describe, expect, it } from 'vitest';
import { gmailPage } from '@/tests/e2e/support/gmail-page';
import { CONNECTED, connectAccount } from '@/tests/firefox/support/flows';
import { useFirefox } from '@/tests/firefox/support/harness';
import { PageDriver, poll } from '@/tests/firefox/support/page';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };

/** Everything the extension origin holds: storage.local and the secrets IndexedDB. */
const EXTENSION_STORES = `
  const local = await browser.storage.local.get(null);
  const dbs = (await indexedDB.databases()).map((d) => d.name);
  let secrets = null;
  if (dbs.includes('close-look-secrets')) {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('close-look-secrets');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    secrets = await new Promise((resolve, reject) => {
      const all = db.transaction('kv').objectStore('kv').getAll();
      all.onsuccess = () => resolve(all.result);
      all.onerror = () => reject(all.error);
    });
    db.close();
  }
  return { local: JSON.stringify(local), dbs, secrets: JSON.stringify(secrets),
    setAccessLevel: typeof browser.storage.local.setAccessLevel };`;

type Stores = { local: string; dbs: string[]; secrets: string; setAccessLevel: string };

describe('connecting a Close account (Firefox)', () => {
  const harness = useFirefox();
  const stores = () => harness().inExtension<Stores>(EXTENSION_STORES);

  it('refuses a wrong key with a clear message and stores nothing', async () => {
    await harness().openPage('options.html');
    const page = new PageDriver(harness().marionette);
    await page.fill(await page.getByLabel('API key'), 'api_wrong_key');
    await page.click(await page.getByRole('button', 'Connect'));
    const alert = await page.getByRole('alert', null);
    await poll(
      'the error',
      () => page.text(alert),
      (t) => t.includes('did not accept'),
    );
    expect(await page.value(await page.getByLabel('API key'))).toBe('api_wrong_key');
    expect(await page.text(await page.getByRole('status', null))).toContain('Not connected.');
    const meCalls = harness().fake.requests.filter((r) => r.path === '/api/v1/me/');
    expect(meCalls.length).toBeGreaterThan(0);
    expect(meCalls.every((r) => r.status === 401)).toBe(true);
    const seen = await stores();
    expect(seen.local).not.toContain('api_wrong_key');
    expect(seen.secrets).not.toContain('api_wrong_key');
  });

  it('connects with the right key, over TLS to api.close.com, and keeps the key in IndexedDB', async () => {
    await harness().openPage('options.html');
    const page = new PageDriver(harness().marionette);
    await page.fill(await page.getByLabel('API key'), 'api_test_acme');
    await page.click(await page.getByRole('button', 'Connect'));
    await page.waitForText(CONNECTED);
    const me = harness().fake.requests.find((r) => r.path === '/api/v1/me/' && r.status === 200);
    expect(me?.headers.host).toBe('api.close.com');
    expect(me?.headers.authorization).toBe(
      `Basic ${Buffer.from('api_test_acme:').toString('base64')}`,
    );
    // Firefox 128-153 has no storage.local.setAccessLevel, so the key goes to the extension
    // origin's IndexedDB; storage.local (readable by content scripts) never holds it.
    const seen = await stores();
    expect(seen.setAccessLevel).toBe('undefined');
    expect(seen.dbs).toContain('close-look-secrets');
    expect(seen.secrets).toContain('api_test_acme');
    expect(seen.local).not.toContain('api_test_acme');

    await harness().openPage('popup.html');
    await new PageDriver(harness().marionette).waitForText(CONNECTED);
  });

  it('keeps the key out of reach of a content script on Gmail', async () => {
    await connectAccount(harness());
    harness().sites.set(
      'mail.google.com',
      gmailPage(
        { subject: 'x', from: { name: 'Peter Gibbons', email: 'peter@initech.com' }, to: [] },
        ME,
      ),
    );
    const gmail = await harness().openTab('https://mail.google.com/mail/u/0/#inbox/abc');
    const tabId = await harness().tabIdOf(gmail);
    // Code injected with scripting.executeScript runs in Close Look's content-script sandbox on
    // the page, with exactly the rights the Gmail content script has.
    const seen = await harness().inExtension<Record<string, string>>(
      `const [frame] = await browser.scripting.executeScript({
        target: { tabId: args[0] },
        func: async () => {
          const out = {};
          for (const area of ['local', 'sync', 'session']) {
            try { out[area] = JSON.stringify(await browser.storage[area].get(null)); }
            catch (e) { out[area] = 'refused: ' + e.message; }
          }
          try {
            out.connection = JSON.stringify(await browser.runtime.sendMessage({ closeLook: 1, name: 'ui:getConnection', data: null }));
          } catch (e) { out.connection = 'refused: ' + e.message; }
          try {
            out.databases = JSON.stringify((await indexedDB.databases()).map((d) => d.name));
          } catch (e) { out.databases = 'refused: ' + e.message; }
          out.origin = location.origin;
          return out;
        },
      });
      return frame.result;`,
      [tabId],
    );
    expect(seen.origin).toBe('https://mail.google.com');
    expect(JSON.stringify(seen)).not.toContain('api_test_acme');
    expect(seen.session).toMatch(/^refused/);
    expect(seen.connection).toContain('forbidden');
    // IndexedDB in a content script is the page's (mail.google.com), not the extension's.
    expect(seen.databases).not.toContain('close-look-secrets');
    // The key is really stored (so the checks above could have failed).
    expect((await stores()).secrets).toContain('api_test_acme');
  });
});
