// Company websites end to end: read only when the user clicks Close Look's toolbar button
// (activeTab), then the panel shows the known company's lead or offers "Create lead" prefilled.
import { describe, expect, it } from 'vitest';
import {
  badgeOf,
  clickToolbarButton,
  connectAccount,
  openPanelFor,
} from '@/tests/e2e/support/flows';
import { useExtension } from '@/tests/e2e/support/harness';

const companyPage = (host: string, name: string, description: string, email: string) => ({
  body: `<!doctype html><html><head><meta charset="utf-8"><title>${name} — Home</title>
<meta property="og:site_name" content="${name}"><meta name="description" content="${description}">
<link rel="canonical" href="https://${host}/"></head>
<body><h1>${name}</h1><p>Write to <a href="mailto:${email}">${email}</a>.</p>
<img src="/logo@2x.png" alt="logo"></body></html>`,
});

describe('company websites', () => {
  const harness = useExtension();

  it('reads nothing from a website until the toolbar button is clicked', async () => {
    await connectAccount(harness());
    harness().sites.set(
      'www.initech.com',
      companyPage('www.initech.com', 'Initech', 'Software', 'sales@initech.com'),
    );
    const site = await harness().context.newPage();
    await site.goto('https://www.initech.com/');
    const panel = await openPanelFor(harness(), site);
    await panel.getByText(/click the Close Look icon/i).waitFor();
    expect(harness().fake.requests.filter((r) => r.path === '/api/v1/data/search/')).toHaveLength(
      0,
    );
  });

  it("shows a known company's lead after the toolbar click", async () => {
    await connectAccount(harness());
    harness().sites.set(
      'www.initech.com',
      companyPage('www.initech.com', 'Initech', 'Software', 'sales@initech.com'),
    );
    const site = await harness().context.newPage();
    await site.goto('https://www.initech.com/');
    expect(await clickToolbarButton(harness(), site)).toContain('/popup.html');
    const panel = await openPanelFor(harness(), site);
    await panel.getByRole('article', { name: 'Initech' }).waitFor();
    const search = harness().fake.requests.find((r) => r.path === '/api/v1/data/search/');
    expect(JSON.stringify(search?.body)).toContain('initech.com');
  });

  it('offers "Create lead" prefilled for an unknown company and creates it', async () => {
    await connectAccount(harness());
    harness().sites.set(
      'www.brightfoxlabs.io',
      companyPage(
        'www.brightfoxlabs.io',
        'Brightfox Labs',
        'Robots that file TPS reports',
        'hello@brightfoxlabs.io',
      ),
    );
    const site = await harness().context.newPage();
    await site.goto('https://www.brightfoxlabs.io/');
    await clickToolbarButton(harness(), site);
    const panel = await openPanelFor(harness(), site);
    await panel.getByRole('button', { name: 'Create lead' }).click();
    expect(await panel.getByLabel('Name', { exact: true }).inputValue()).toBe('Brightfox Labs');
    expect(await panel.getByLabel('URL', { exact: true }).inputValue()).toContain(
      'brightfoxlabs.io',
    );
    expect(await panel.getByLabel('Description', { exact: true }).inputValue()).toBe(
      'Robots that file TPS reports',
    );
    await panel.getByRole('button', { name: 'Create lead' }).last().click();
    await panel.getByRole('article', { name: 'Brightfox Labs' }).waitFor();
    const created = harness().fake.requests.find(
      (r) => r.method === 'POST' && r.path === '/api/v1/lead/',
    );
    expect(created?.body).toMatchObject({ name: 'Brightfox Labs' });
    expect(JSON.stringify(created?.body)).toContain('hello@brightfoxlabs.io');

    // The tab's look-up follows the write: the badge counts the new lead, and the panel opened
    // again shows it instead of offering to create it once more.
    await expect.poll(() => badgeOf(harness(), site), { timeout: 10_000 }).toBe('1');
    await panel.close();
    const reopened = await openPanelFor(harness(), site);
    await reopened.getByRole('article', { name: 'Brightfox Labs' }).waitFor();
    expect(await reopened.getByRole('button', { name: 'Create lead' }).count()).toBe(0);
  });
});
