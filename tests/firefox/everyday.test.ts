// The everyday flow in Firefox against the Firefox production build: a Gmail thread's lead,
// contacts and opportunity in the sidebar page, a note saved once, and a company website read
// after the toolbar click with "Create lead" prefilled and created.
import { describe, expect, it } from 'vitest';
import { gmailPage } from '@/tests/e2e/support/gmail-page';
import { clickToolbarButton, connectAccount, openPanelFor } from '@/tests/firefox/support/flows';
import { useFirefox } from '@/tests/firefox/support/harness';
import { poll } from '@/tests/firefox/support/page';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const INITECH_THREAD = {
  subject: 'TPS reports',
  from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
  to: [{ name: 'Nobody Known', email: 'someone@unknown-co.example' }],
};

const companyPage = (host: string, name: string, description: string, email: string) => ({
  body: `<!doctype html><html><head><meta charset="utf-8"><title>${name} — Home</title>
<meta property="og:site_name" content="${name}"><meta name="description" content="${description}">
<link rel="canonical" href="https://${host}/"></head>
<body><h1>${name}</h1><p>Write to <a href="mailto:${email}">${email}</a>.</p></body></html>`,
});

describe('everyday flow (Firefox)', () => {
  const harness = useFirefox({ hosts: ['www.brightfoxlabs.io'] });
  const searches = () => harness().fake.requests.filter((r) => r.path === '/api/v1/data/search/');

  async function gmailThreadPanel() {
    await connectAccount(harness());
    harness().sites.set('mail.google.com', gmailPage(INITECH_THREAD, ME));
    const gmail = await harness().openTab('https://mail.google.com/mail/u/0/#inbox/FMfcgzTPS');
    const panel = await openPanelFor(harness(), gmail);
    const lead = await panel.getByRole('article', 'Initech');
    return { gmail, panel, lead };
  }

  it("shows a Gmail thread's lead, contacts and opportunity in the sidebar page", async () => {
    const { panel, lead } = await gmailThreadPanel();
    expect(await panel.text(lead)).toContain('peter@initech.com');
    const body = await panel.waitForText('$12,000');
    expect(body).toContain('Peter Gibbons');
    expect(body).toContain('Proposal Sent');
    const open = await panel.getByRole('link', 'Open in Close', { within: lead, exact: false });
    expect(await panel.attribute(open, 'href')).toContain('/lead/lead_initech');
    // One search for the thread, the user's own address left out.
    expect(JSON.stringify(searches()[0]?.body)).toContain('peter@initech.com');
    expect(JSON.stringify(harness().fake.requests.map((r) => r.body))).not.toContain(ME.email);
  });

  it('saves a note once and shows it', async () => {
    const { panel, lead } = await gmailThreadPanel();
    const text = 'Called Peter about the TPS cover sheets.';
    await panel.fill(await panel.getByLabel('Note', { within: lead }), text);
    await panel.click(await panel.getByRole('button', 'Add note', { within: lead }));
    await poll(
      'the note in the lead card',
      () => panel.text(lead),
      (t) => t.includes(text),
    );
    // Give a double submit or a retry time to show up before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const posts = harness().fake.requests.filter(
      (r) => r.method === 'POST' && r.path === '/api/v1/activity/note/',
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({
      note: text,
      lead_id: expect.stringMatching(/^lead_initech/),
    });
    expect(await panel.value(await panel.getByLabel('Note', { within: lead }))).toBe('');
  });

  it('reads a company website only after the toolbar click, then creates its lead prefilled', async () => {
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
    const site = await harness().openTab('https://www.brightfoxlabs.io/');
    let panel = await openPanelFor(harness(), site);
    await panel.waitForText(/click the Close Look icon/i);
    expect(searches()).toHaveLength(0);

    // The toolbar click (Firefox's own click path) opens the popup and grants activeTab.
    await harness().switchTo(site);
    expect(await clickToolbarButton(harness())).toContain('/popup.html');
    panel = await openPanelFor(harness(), site);
    await panel.click(await panel.getByRole('button', 'Create lead'));
    expect(await panel.value(await panel.getByLabel('Name'))).toBe('Brightfox Labs');
    expect(await panel.value(await panel.getByLabel('URL'))).toContain('brightfoxlabs.io');
    expect(await panel.value(await panel.getByLabel('Description'))).toBe(
      'Robots that file TPS reports',
    );
    await panel.click(await panel.getByRole('button', 'Create lead', { nth: -1 }));
    const created = await poll(
      'the lead to be created',
      async () =>
        harness().fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/lead/'),
      (posts) => posts.length > 0,
    );
    await panel.getByRole('article', 'Brightfox Labs');
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ name: 'Brightfox Labs' });
    expect(JSON.stringify(created[0]?.body)).toContain('hello@brightfoxlabs.io');
  });
});
