// Vitest wiring for E2E files: one browser per file, a fresh fake per test, screenshots on failure.
import { afterAll, afterEach, beforeAll, beforeEach, onTestFailed } from 'vitest';
import {
  type ExtensionHarness,
  type LaunchOptions,
  launchExtension,
  saveScreenshots,
} from './extension';

export function useExtension(options: LaunchOptions = {}): () => ExtensionHarness {
  let harness: ExtensionHarness | undefined;
  beforeAll(async () => {
    harness = await launchExtension(options);
  });
  beforeEach((context) => {
    harness?.fake.reset();
    onTestFailed(async () => {
      if (harness) await saveScreenshots(harness, context.task.name);
    });
  });
  afterEach(async () => {
    // Each test starts from a blank browser state: close every page but one blank tab.
    const pages = harness?.context.pages() ?? [];
    for (const page of pages.slice(1)) await page.close().catch(() => {});
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('The browser did not start.');
    return harness;
  };
}
