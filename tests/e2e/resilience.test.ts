// What survives and what recovers: a worker restart keeps the page's results (no new request), and
// an unreachable Close is said plainly, then "Try again" brings the results.
import { describe, expect, it } from 'vitest';
import { connectAccount, openPanelFor } from '@/tests/e2e/support/flows';
import { gmailPage } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const THREAD = {
  subject: 'Hello',
  from: { name: 'Gavin Belson', email: 'gavin@hooli.xyz' },
  to: [],
};

describe('resilience', () => {
  const harness = useExtension();
  const searches = () =>
    harness().fake.requests.filter((r) => r.path === '/api/v1/data/search/').length;

  it('keeps the results through a service worker restart without asking Close again', async () => {
    await connectAccount(harness());
    harness().sites.set('mail.google.com', gmailPage(THREAD, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/abc');
    const panel = await openPanelFor(harness(), gmail);
    await panel.getByRole('article', { name: 'Hooli' }).waitFor();
    await panel.close();
    const before = searches();

    // Stop the worker as Chrome does after 30 s idle.
    const page = await harness().openPage('options.html');
    const cdp = await harness().context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.close();

    const reopened = await openPanelFor(harness(), gmail);
    await reopened.getByRole('article', { name: 'Hooli' }).waitFor();
    expect(searches()).toBe(before);
  });

  it('says Close is unreachable, then "Try again" shows the results', async () => {
    await connectAccount(harness());
    harness().fake.failNext({ path: '/api/v1/data/search/', drop: 'before', times: 20 });
    // A thread nothing is cached for yet.
    const cyberdyne = {
      ...THREAD,
      from: { name: 'Miles Dyson', email: 'miles.dyson@cyberdyne.com' },
    };
    harness().sites.set('mail.google.com', gmailPage(cyberdyne, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/abc');
    const panel = await openPanelFor(harness(), gmail);
    const banner = panel.getByRole('alert').filter({ hasText: /unreachable/ });
    await banner.waitFor({ timeout: 30_000 });

    harness().fake.reset();
    expect(await panel.getByRole('article').count()).toBe(0);
    await banner.getByRole('button', { name: 'Try again' }).click();
    await panel.getByRole('article', { name: 'Cyberdyne Systems' }).waitFor();
  });
});
