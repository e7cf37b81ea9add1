// The popup: the top match for the tab it was opened on and a quick note.
import { describe, expect, it } from 'vitest';
import { IDS } from '@/tests/close-fake/known-ids.ts';
import { connectAccount, tabIdOf } from '@/tests/e2e/support/flows';
import { gmailPage } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';
import { screenshotPath } from '@/tests/e2e/support/screenshots';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };

describe('the popup', () => {
  const harness = useExtension();

  it("shows the tab's top match and adds a quick note to it", async () => {
    await connectAccount(harness());
    harness().sites.set(
      'mail.google.com',
      gmailPage(
        { subject: 'Hi', from: { name: 'Peter Gibbons', email: 'peter@initech.com' }, to: [] },
        ME,
      ),
    );
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/abc');
    const tabId = await tabIdOf(harness(), gmail);
    const popup = await harness().context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${harness().extensionId}/popup.html?tabId=${tabId}`);
    await popup.getByText('Initech').first().waitFor();
    await popup.getByLabel('Note', { exact: true }).fill('Quick one from the popup');
    await popup.getByRole('button', { name: 'Add note' }).click();
    await expect
      .poll(
        () =>
          harness().fake.requests.find(
            (r) => r.method === 'POST' && r.path === '/api/v1/activity/note/',
          )?.body,
      )
      .toMatchObject({ lead_id: IDS.leads.initech, note: 'Quick one from the popup' });
    expect(await popup.getByRole('button', { name: 'Open side panel' }).count()).toBe(1);
    await popup.screenshot({ path: screenshotPath('popup.png') });
  });
});
