// LinkedIn end to end: nothing runs on LinkedIn until the user clicks Close Look's button; then the
// company page's website finds its lead. The page itself is left untouched.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickToolbarButton, connectAccount, openPanelFor } from '@/tests/e2e/support/flows';
import { useExtension } from '@/tests/e2e/support/harness';

const fixture = readFileSync(
  resolve(import.meta.dirname, '../fixtures/linkedin-company.html'),
  'utf8',
)
  // The saved page, pointed at a company the Close API fake knows.
  .replaceAll('Northwind Analytics', 'Initech')
  .replaceAll('www.example.com', 'initech.com');

describe('LinkedIn', () => {
  const harness = useExtension();

  it("shows the lead of a LinkedIn company page's website, read only on click", async () => {
    await connectAccount(harness());
    harness().sites.set('www.linkedin.com', { body: fixture });
    const linkedin = await harness().context.newPage();
    await linkedin.goto('https://www.linkedin.com/company/initech/about/');
    const before = await linkedin.evaluate(() => document.documentElement.outerHTML.length);

    await clickToolbarButton(harness(), linkedin);
    const panel = await openPanelFor(harness(), linkedin);
    await panel.getByRole('article', { name: 'Initech' }).waitFor();
    expect(await panel.getByText('LinkedIn company').count()).toBeGreaterThan(0);

    const search = harness().fake.requests.find((r) => r.path === '/api/v1/data/search/');
    expect(JSON.stringify(search?.body)).toContain('initech.com');
    // Nothing was added to LinkedIn's page.
    expect(await linkedin.evaluate(() => document.documentElement.outerHTML.length)).toBe(before);
  });
});
