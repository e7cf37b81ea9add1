import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Four projects: `unit` (pure modules, fakeBrowser, happy-dom), `fake` (the Close API fake's
// contract tests and the Close client, over real HTTP), `e2e` (the production build in Chromium),
// `firefox` (the Firefox production build in firefox-esr, `npm run test:firefox`).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), preact({ devToolsEnabled: false, prefreshEnabled: false })],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
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
