// The real Chrome side panel (not the page in a tab) opens from the popup's button and shows the
// connected account; README screenshots of the panel come from here too.
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectAccount, openPanelFor } from '@/tests/e2e/support/flows';
import { gmailPage } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';
import { screenshotPath } from '@/tests/e2e/support/screenshots';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };

describe('the real side panel', () => {
  const harness = useExtension();

  it('opens from the popup\'s "Open side panel" button', async () => {
    await connectAccount(harness());
    const popup = await harness().openPage('popup.html');
    await popup.getByRole('button', { name: 'Open side panel' }).click();
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${harness().debuggingPort}`);
    try {
      let panelText: string | null = null;
      for (let i = 0; i < 50 && panelText === null; i++) {
        const panel = browser
          .contexts()
          .flatMap((c) => c.pages())
          .find((p) => p.url().endsWith('/sidepanel.html'));
        if (panel) {
          await panel.getByText('Connected as Ada Lovelace · Acme Sales').waitFor();
          // A real side panel is not a tab.
          expect(
            await panel.evaluate(async () => (await chrome.tabs.getCurrent()) ?? null),
          ).toBeNull();
          panelText = await panel.textContent('body');
        } else {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(panelText).toContain('Acme Sales');
    } finally {
      await browser.close();
    }
  });

  it('takes the README screenshots of the panel, light and dark', async () => {
    await connectAccount(harness());
    harness().sites.set(
      'mail.google.com',
      gmailPage(
        {
          subject: 'TPS reports',
          from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
          to: [{ name: 'Samir Nagheenanajar', email: 'samir@initech.com' }],
        },
        ME,
      ),
    );
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/abc');
    const panel = await openPanelFor(harness(), gmail);
    await panel.getByRole('article', { name: 'Initech' }).waitFor();
    await panel.getByText('Recent activity').first().waitFor();
    await panel.waitForTimeout(500);
    await panel.screenshot({ path: screenshotPath('panel-light.png') });
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: screenshotPath('panel-dark.png') });
    expect(await panel.getByRole('article').count()).toBeGreaterThan(0);
  });
});
