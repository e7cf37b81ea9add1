import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The Close API origin is fixed in production builds. Only a development build (npm run demo /
// npm run dev) may point at another origin, through CLOSE_LOOK_API_ORIGIN, so a local Close API
// fake can stand in for api.close.com.
const PRODUCTION_API_ORIGIN = 'https://api.close.com';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifestVersion: 3,
  vite: (env) => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
    define: {
      __CLOSE_API_ORIGIN__: JSON.stringify(
        env.mode === 'development'
          ? (process.env.CLOSE_LOOK_API_ORIGIN ?? PRODUCTION_API_ORIGIN)
          : PRODUCTION_API_ORIGIN,
      ),
    },
    build: { target: 'chrome116' },
  }),
  manifest: ({ browser, mode }) => {
    const devOrigin =
      mode === 'development' && process.env.CLOSE_LOOK_API_ORIGIN
        ? [`${new URL(process.env.CLOSE_LOOK_API_ORIGIN).origin}/*`]
        : [];
    return {
      name: 'Close Look',
      description:
        'See your Close CRM leads, contacts and opportunities beside the email, profile or website you are reading.',
      minimum_chrome_version: '116',
      permissions: ['storage', 'activeTab', 'scripting', 'contextMenus'],
      host_permissions: ['https://api.close.com/*', 'https://mail.google.com/*', ...devOrigin],
      optional_host_permissions: [
        'https://outlook.office.com/*',
        'https://outlook.office365.com/*',
        'https://outlook.live.com/*',
        'https://www.linkedin.com/*',
      ],
      action: { default_title: 'Close Look' },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'close-look@close-look.dev',
                strict_min_version: '128.0',
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : {}),
    };
  },
});
