import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Entrypoint } from 'wxt';
import { SITE_NAMES, SITES } from './utils/sites';

// The Close API origin is fixed in production builds. Only a development build (npm run demo /
// npm run dev) may point at another origin, through CLOSE_LOOK_API_ORIGIN, so a local Close API
// fake can stand in for api.close.com.
const PRODUCTION_API_ORIGIN = 'https://api.close.com';
const EXTENSION_PAGES_CSP =
  "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
const QUIET_CONTEXT = fileURLToPath(
  new URL('./utils/quiet-content-script-context.ts', import.meta.url),
);

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // The side panel is built on its own, not with the options page and the popup: everything its
    // first screen needs is then one file (sidepanel-*.js), and only what it opens later (an
    // email, a form) is split off. Built together, the three pages share ~7 small chunks, each one
    // more module to fetch and evaluate before the panel's first render.
    'entrypoints:grouped': (_wxt, groups) => {
      const pages = groups.find(
        (group): group is Entrypoint[] =>
          Array.isArray(group) && group.length > 1 && group.some((e) => e.type === 'sidepanel'),
      );
      if (!pages) return;
      const panel = pages.filter((e) => e.type === 'sidepanel');
      pages.splice(0, pages.length, ...pages.filter((e) => e.type !== 'sidepanel'));
      groups.push(panel);
    },
    // Only the background is built with webextension-polyfill (one promise API over the many
    // `browser.*` namespaces the worker uses, on every browser and Chrome version we support).
    // Content scripts and extension pages call only promise-based MV3 APIs that Chrome 116 has
    // natively (Firefox has its own `browser`), so WXT's native `browser` does: the Gmail content
    // script stays under its 6 KB budget (the polyfill is 3 KB gzipped), and the pages lose those
    // 3 KB and the ~2 ms the polyfill spends at start touching every API namespace, before the side
    // panel's first card.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (entrypoints.some((entry) => entry.type === 'background')) return;
      const contentScripts = entrypoints.every((entry) => entry.type === 'content-script');
      // WXT's ContentScriptContext tells the page our id and lets the page stop the script; a
      // drop-in without any page-visible traffic replaces it (utils/quiet-content-script-context.ts).
      const quietContext = contentScripts
        ? [{ find: 'wxt/utils/content-script-context', replacement: QUIET_CONTEXT }]
        : [];
      const alias = viteConfig.resolve?.alias;
      if (Array.isArray(alias)) {
        viteConfig.resolve = {
          ...viteConfig.resolve,
          alias: [
            ...quietContext,
            ...alias.filter((a: { find: unknown }) => a.find !== 'wxt/browser'),
          ],
        };
      } else if (alias && typeof alias === 'object') {
        delete (alias as Record<string, string>)['wxt/browser'];
        for (const { find, replacement } of quietContext)
          (alias as Record<string, string>)[find] = replacement;
      } else {
        viteConfig.resolve = { ...viteConfig.resolve, alias: quietContext };
      }
    },
  },
  imports: false,
  manifestVersion: 3,
  zip: {
    // AMO rebuilds from the sources zip (npm ci && npm run zip:firefox): everything the build needs,
    // none of the test output, screenshots, local certificates or logs.
    excludeSources: [
      'artifacts/**',
      'docs/**',
      'tests/e2e/.certs/**',
      '**/*.log',
      'stats.html',
      '.env.local',
    ],
  },
  vite: (env) => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
    define: {
      __CLOSE_API_ORIGIN__: JSON.stringify(
        env.mode === 'development'
          ? (process.env.CLOSE_LOOK_API_ORIGIN ?? PRODUCTION_API_ORIGIN)
          : PRODUCTION_API_ORIGIN,
      ),
    },
    build: {
      target: 'chrome116',
      // Rolldown inlines constants at every use by default: tldts's 69 KB Public Suffix label
      // string was copied into each of its 3 readers (background 414 KB raw / 155 KB gzipped,
      // 274 KB / 94 KB without the copies). Each constant stays where it is declared.
      rolldownOptions: { optimization: { inlineConst: false } },
    },
  }),
  manifest: ({ browser, mode }) => {
    const devOrigin =
      mode === 'development' && process.env.CLOSE_LOOK_API_ORIGIN
        ? [`${new URL(process.env.CLOSE_LOOK_API_ORIGIN).origin}/*`]
        : [];
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      // sidePanel.open() needs Chrome 116; Firefox would only warn about the unknown key.
      ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
      // Extension pages run only our own bundled scripts: no remote or inline script, no plugins, no
      // <base> rewriting relative URLs, no form posting anywhere. Pages fetch nothing themselves (the
      // worker talks to Close), so nothing remote is allowed. `wxt` (dev) adds its dev server itself.
      content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
      // alarms: wakes the worker to send writes queued while Close was unreachable (no warning).
      permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
      // Site hosts come from the supported-sites registry (utils/sites.ts).
      host_permissions: [
        'https://api.close.com/*',
        ...SITE_NAMES.filter((site) => SITES[site].access === 'required').flatMap(
          (site) => SITES[site].origins,
        ),
        ...devOrigin,
      ],
      optional_host_permissions: SITE_NAMES.filter(
        (site) => SITES[site].access === 'optional',
      ).flatMap((site) => SITES[site].origins),
      action: { default_title: '__MSG_extName__' },
      commands: {
        'open-panel': {
          suggested_key: { default: 'Alt+Shift+C' },
          description: '__MSG_commandOpenPanel__',
        },
        'focus-search': {
          suggested_key: { default: 'Alt+Shift+F' },
          description: '__MSG_commandFocusSearch__',
        },
      },
      // An admin presets never-look-up entries and site switches through browser policy. Firefox
      // reads the same keys from its enterprise policy (3rdparty.Extensions) without a schema.
      ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'close-look@close-look.dev',
                // 140: data_collection_permissions (required by AMO) is read from Firefox 140 on.
                strict_min_version: '140.0',
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : {}),
    };
  },
});
