// The options page as a person uses it: by label and role.
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '@/tests/e2e/support/extension';

export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(harness: ExtensionHarness): Promise<OptionsPage> {
    const page = await harness.openPage('options.html');
    await page.getByLabel('API key').waitFor();
    return new OptionsPage(page);
  }

  async connect(apiKey: string): Promise<void> {
    await this.page.getByLabel('API key').fill(apiKey);
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  status() {
    return this.page.getByRole('status').first();
  }

  error() {
    return this.page.getByRole('alert');
  }
}
