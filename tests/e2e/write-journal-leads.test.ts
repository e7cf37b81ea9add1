// "Create lead" lands exactly once, like a note: the service worker stopped (CDP) after Close
// stored the new lead while the panel is open. The journal searches Close for it (never creates it
// again) and the panel shows the lead.
import { describe, expect, it } from 'vitest';
import { clickToolbarButton, connectAccount, openPanelFor } from '@/tests/e2e/support/flows';
import { useExtension } from '@/tests/e2e/support/harness';
import { stopWorker } from '@/tests/e2e/support/write-journal';

const LEADS = '/api/v1/lead/';

const companyPage = (host: string, name: string, email: string) => ({
  body: `<!doctype html><html><head><meta charset="utf-8"><title>${name} — Home</title>
<meta property="og:site_name" content="${name}"><meta name="description" content="Robots">
<link rel="canonical" href="https://${host}/"></head>
<body><h1>${name}</h1><p>Write to <a href="mailto:${email}">${email}</a>.</p></body></html>`,
});

describe('write journal: Create lead', () => {
  const harness = useExtension();

  /** Close's copies of a lead with this name. */
  const copies = (name: string) =>
    [...harness().fake.store.leads.values()].filter((l) => l.name === name).length;

  it('(c) panel open, worker stopped after Close stored the lead: one lead in Close, the panel shows it', async () => {
    await connectAccount(harness());
    harness().sites.set(
      'www.penetrode.io',
      companyPage('www.penetrode.io', 'Penetrode Labs', 'hello@penetrode.io'),
    );
    const site = await harness().context.newPage();
    await site.goto('https://www.penetrode.io/');
    await clickToolbarButton(harness(), site);
    const panel = await openPanelFor(harness(), site);
    await panel.getByRole('button', { name: 'Create lead' }).click();
    const form = panel.getByRole('form', { name: 'Create lead' });
    await expect
      .poll(() => form.getByLabel('Name', { exact: true }).inputValue())
      .toBe('Penetrode Labs');
    // The duplicate check runs first; the button is usable once it found none.
    const create = form.getByRole('button', { name: 'Create lead' });
    await expect.poll(() => create.isEnabled()).toBe(true);

    const hold = harness().fake.hold({ method: 'POST', path: LEADS, stage: 'after' });
    await create.click();
    await hold.arrived;
    await stopWorker(harness());
    hold.release(); // Close stored it; its answer has nobody to go to
    await expect.poll(() => copies('Penetrode Labs')).toBe(1);

    // A new worker searches Close, finds the lead, and the panel shows it as created.
    await panel.getByRole('article', { name: 'Penetrode Labs' }).waitFor({ timeout: 20_000 });
    await form.waitFor({ state: 'detached' });
    expect(await panel.getByRole('alert').count()).toBe(0);
    await panel.waitForTimeout(1000);
    expect(copies('Penetrode Labs')).toBe(1);
    const posts = harness().fake.requests.filter((r) => r.method === 'POST' && r.path === LEADS);
    expect(posts).toHaveLength(1);
  });
});
