import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Five projects: `unit` (pure modules and fakeBrowser in Node; files that need a DOM say
// `// @vitest-environment happy-dom` on their first line), `fake` (the Close API fake's contract
// tests and the Close client, over real HTTP), `build` (the built packages: fails without a build),
// `e2e` (the production build in Chromium), `firefox` (the Firefox production build in firefox-esr,
// `npm run test:firefox`).
/** '@/…' is the repository root, as in WXT's build (the `unit` and `fake` projects get it from WXT). */
const resolve = { alias: { '@': fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '') } };

export default defineConfig({
  resolve,
  test: {
    // One line per run: whether the optional check against real recordings (CLOSE_RECORDED_DIR) runs.
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      {
        plugins: [WxtVitest(), preact({ devToolsEnabled: false, prefreshEnabled: false })],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // happy-dom connects the <iframe>s of documents DOMPurify parses (a browser never loads
          // those) and, with iframe loading off, prints a DOMException for each: let the frame
          // exist but never navigate, so nothing is fetched and nothing is printed.
          environmentOptions: {
            happyDOM: {
              settings: {
                enableIframePageLoading: true,
                navigation: { disableChildFrameNavigation: true },
              },
            },
          },
          // Every file still gets fresh modules (its own VM context), but a worker builds its
          // happy-dom window and loads Vitest and WXT's fake browser once instead of once per file:
          // the unit suite's CPU time fell from ~71 s to ~25 s on the 2-core CI machine (see README,
          // Tests). `forks`/`threads` with `isolate: false` is as fast but lets module state leak
          // between files.
          pool: 'vmThreads',
          mockReset: true,
          restoreMocks: true,
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'fake',
          include: ['tests/close-fake/**/*.test.ts', 'tests/close-client/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        resolve,
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: 'firefox',
          include: ['tests/firefox/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
