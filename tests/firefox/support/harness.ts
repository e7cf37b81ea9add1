// Vitest wiring for the Firefox bed: one Firefox per file, a fresh fake per test, a screenshot of
// the current tab when a test fails, and every tab but the first closed between tests.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  type FirefoxHarness,
  type FirefoxLaunchOptions,
  launchFirefox,
  saveScreenshot,
} from '@/tests/firefox/support/firefox';

export function useFirefox(options: FirefoxLaunchOptions = {}): () => FirefoxHarness {
  let harness: FirefoxHarness | undefined;
  beforeAll(async () => {
    harness = await launchFirefox(options);
  });
  beforeEach(() => {
    harness?.fake.reset();
  });
  afterEach(async (context) => {
    if (!harness) return;
    if (context.task.result?.state === 'fail') await saveScreenshot(harness, context.task.name);
    await harness.closeOtherTabs();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('Firefox did not start.');
    return harness;
  };
}
