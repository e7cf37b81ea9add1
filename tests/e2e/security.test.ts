// The key never reaches a content script, and a content script cannot write to Close.
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectAccount } from '@/tests/e2e/support/flows';
import { gmailPage } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };

/** Evaluates code in Close Look's content-script world on the page (CDP isolated context). */
async function inContentScriptWorld(
  page: Page,
  extensionId: string,
  expression: string,
): Promise<unknown> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => {
    contexts.push(event.context);
  });
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  let world: (typeof contexts)[number] | undefined;
  while (!world && Date.now() < deadline) {
    world = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`,
    );
    if (!world) await new Promise((r) => setTimeout(r, 100));
  }
  if (!world) throw new Error('The content script world was not found.');
  const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
    contextId: world.id,
    expression,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value: unknown }; exceptionDetails?: unknown };
  await cdp.detach();
  if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
  return result.value;
}

describe('security boundaries', () => {
  const harness = useExtension();

  async function gmailWithContentScript(): Promise<Page> {
    await connectAccount(harness());
    harness().sites.set(
      'mail.google.com',
      gmailPage(
        { subject: 'x', from: { name: 'Peter Gibbons', email: 'peter@initech.com' }, to: [] },
        ME,
      ),
    );
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/abc');
    return gmail;
  }

  it('keeps the API key out of reach of the content script', async () => {
    const gmail = await gmailWithContentScript();
    const seen = await inContentScriptWorld(
      gmail,
      harness().extensionId,
      `(async () => {
        const out = {};
        for (const area of ['local', 'sync', 'session']) {
          try { out[area] = JSON.stringify(await chrome.storage[area].get(null)); }
          catch (e) { out[area] = 'refused: ' + e.message; }
        }
        try { out.connection = JSON.stringify(await chrome.runtime.sendMessage({ closeLook: 1, name: 'ui:getConnection', data: null })); }
        catch (e) { out.connection = 'refused: ' + e.message; }
        return out;
      })()`,
    );
    const text = JSON.stringify(seen);
    expect(text).not.toContain('api_test_acme');
    expect((seen as Record<string, string>).local).toMatch(/^refused/);
    expect((seen as Record<string, string>).connection).toContain('forbidden');
    // The key is really stored (so the test above could have failed).
    const stored = await harness()
      .worker()
      .evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(stored)).toContain('api_test_acme');
  });

  it('does not hand the key to a content script through storage change events', async () => {
    const gmail = await gmailWithContentScript();
    await inContentScriptWorld(
      gmail,
      harness().extensionId,
      `(() => {
        globalThis.__seenChanges = [];
        chrome.storage.onChanged.addListener((changes, area) =>
          globalThis.__seenChanges.push({ area, changes }));
        return true;
      })()`,
    );
    // A second account, connected while the content script listens.
    await connectAccount(harness(), 'api_test_globex');
    await new Promise((r) => setTimeout(r, 500));
    const seen = await inContentScriptWorld(
      gmail,
      harness().extensionId,
      'JSON.stringify(globalThis.__seenChanges)',
    );
    expect(seen).not.toContain('api_test_globex');
    expect(seen).not.toContain('api_test_acme');
  });

  it('refuses a write asked for by a content script', async () => {
    const gmail = await gmailWithContentScript();
    harness().fake.clearRequests();
    const reply = (await inContentScriptWorld(
      gmail,
      harness().extensionId,
      `chrome.runtime.sendMessage({ closeLook: 1, name: 'ui:addNote', data: { leadId: 'lead_x', text: 'pwned' } })`,
    )) as { ok: boolean; error?: { kind: string } };
    expect(reply).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(
      harness().fake.requests.filter(
        (r) => r.method !== 'GET' && r.path !== '/api/v1/data/search/',
      ),
    ).toHaveLength(0);
  });
});
