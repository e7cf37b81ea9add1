// Connecting a Close account from the options page, end to end in Chromium against the fake.
import { describe, expect, it } from 'vitest';
import { OptionsPage } from '@/tests/e2e/pages/options-page';
import { useExtension } from '@/tests/e2e/support/harness';

const CONNECTED = 'Connected as Ada Lovelace · Acme Sales';

describe('connecting a Close account', () => {
  const harness = useExtension();

  it('refuses a wrong key with a clear message and stores nothing', async () => {
    const options = await OptionsPage.open(harness());
    await options.connect('api_wrong_key');
    await expect.poll(() => options.error().textContent()).toContain('did not accept');
    expect(await options.page.getByLabel('API key').inputValue()).toBe('api_wrong_key');
    const stored = await harness()
      .worker()
      .evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(stored)).not.toContain('api_wrong_key');
    const meCalls = harness().fake.requests.filter((r) => r.path === '/api/v1/me/');
    expect(meCalls.length).toBeGreaterThan(0);
    expect(meCalls.every((r) => r.status === 401)).toBe(true);
  });

  it('connects with the right key and shows who is connected everywhere', async () => {
    const options = await OptionsPage.open(harness());
    await options.connect('api_test_acme');
    // (In the first seconds of a fresh install, Connect also waits for the admin's policy to be
    // read: Chromium's first storage.managed read takes 3–5 s after the browser starts.)
    await expect.poll(() => options.status().textContent(), { timeout: 10_000 }).toBe(CONNECTED);

    const me = harness().fake.requests.find((r) => r.path === '/api/v1/me/' && r.status === 200);
    expect(me?.headers.host).toBe('api.close.com');
    expect(me?.headers.authorization).toBe(
      `Basic ${Buffer.from('api_test_acme:').toString('base64')}`,
    );

    const popup = await harness().openPage('popup.html');
    await expect.poll(() => popup.getByText(CONNECTED).count()).toBe(1);
    const panel = await harness().openPage('sidepanel.html');
    await expect.poll(() => panel.getByText(CONNECTED).count()).toBe(1);

    await options.page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => options.status().textContent()).toContain('Not connected.');
    await expect
      .poll(() => panel.getByRole('button', { name: 'Connect your Close account' }).count())
      .toBe(1);
  });

  it('keeps the typed key and says so when Close fails with a server error', async () => {
    const options = await OptionsPage.open(harness());
    harness().fake.failNext({ path: '/api/v1/me/', status: 503, times: 10 });
    await options.connect('api_test_acme');
    await expect.poll(() => options.error().textContent(), { timeout: 20_000 }).toMatch(/Close/);
    expect(await options.page.getByLabel('API key').inputValue()).toBe('api_test_acme');
    expect(await options.status().textContent()).toContain('Not connected.');
  });

  it('keeps the typed key when the connection drops', async () => {
    const options = await OptionsPage.open(harness());
    harness().fake.failNext({ path: '/api/v1/me/', drop: 'before', times: 10 });
    await options.connect('api_test_acme');
    await expect
      .poll(() => options.error().textContent(), { timeout: 20_000 })
      .toContain('Could not reach Close');
    expect(await options.page.getByLabel('API key').inputValue()).toBe('api_test_acme');
  });

  it('shows the connect call to action in the popup and panel when not connected', async () => {
    const popup = await harness().openPage('popup.html');
    await popup.getByRole('button', { name: 'Connect your Close account' }).waitFor();
    const panel = await harness().openPage('sidepanel.html');
    await panel.getByRole('button', { name: 'Connect your Close account' }).waitFor();
    const optionsOpened = harness().context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Connect your Close account' }).click();
    const options = await optionsOpened;
    expect(options.url()).toContain('/options.html');
  });
});
