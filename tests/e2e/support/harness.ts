// Vitest wiring for E2E files: one browser per file, a fresh fake per test, screenshots of every
// open page when a test fails (in artifacts/, before the pages are closed).
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  type ExtensionHarness,
  type LaunchOptions,
  launchExtension,
  saveScreenshots,
} from '@/tests/e2e/support/extension';

export function useExtension(options: LaunchOptions = {}): () => ExtensionHarness {
  let harness: ExtensionHarness | undefined;
  beforeAll(async () => {
    harness = await launchExtension(options);
  });
  beforeEach(() => {
    harness?.fake.reset();
  });
  afterEach(async (context) => {
    if (!harness) return;
    if (context.task.result?.state === 'fail') await saveScreenshots(harness, context.task.name);
    // Each test starts from a blank browser state: close every page but one blank tab.
    for (const page of harness.context.pages().slice(1)) await page.close().catch(() => {});
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('The browser did not start.');
    return harness;
  };
}
