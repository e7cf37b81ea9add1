// The built Firefox package (npm run build:firefox), in the `build` project: fails without a build.
// A real Firefox run is scripts/firefox-smoke.mjs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = resolve(import.meta.dirname, '../../.output/firefox-mv3');
// This project needs the build: without it every test here fails instead of skipping.
if (!existsSync(join(OUT, 'manifest.json'))) {
  throw new Error(`No production build in ${OUT}: run \`npm run build:firefox\` first.`);
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? jsFiles(join(dir, e.name))
      : e.name.endsWith('.js')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the Firefox MV3 build', () => {
  const manifest = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8'));

  it('has the panel as a sidebar that does not open at install, and no Chrome side panel', () => {
    expect(manifest.sidebar_action).toMatchObject({
      default_panel: 'sidepanel.html',
      open_at_install: false,
    });
    expect(manifest.side_panel).toBeUndefined();
    expect(manifest.permissions).not.toContain('sidePanel');
    expect(manifest.minimum_chrome_version).toBeUndefined();
  });

  it('carries the same strict Content Security Policy for its pages', () => {
    expect(manifest.content_security_policy).toEqual({
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    });
  });

  it('runs the background as event-page scripts, with its gecko id and data collection', () => {
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      id: 'close-look@close-look.dev',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('asks for Outlook and LinkedIn only as optional host permissions', () => {
    expect(manifest.host_permissions).toEqual([
      'https://api.close.com/*',
      'https://mail.google.com/*',
    ]);
    expect(manifest.optional_host_permissions).toEqual([
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
      'https://www.linkedin.com/*',
    ]);
  });

  it('is localized: name and description from _locales/en, with the default locale set', () => {
    expect(manifest.default_locale).toBe('en');
    expect(manifest.name).toBe('__MSG_extName__');
    const messages = JSON.parse(readFileSync(join(OUT, '_locales/en/messages.json'), 'utf8'));
    expect(messages.extName.message).toBe('Close Look');
    expect(Object.keys(manifest.commands)).toEqual(['open-panel', 'focus-search']);
  });

  it('only reaches sidePanel behind feature detection, Firefox sidebarAction first', () => {
    for (const file of jsFiles(OUT)) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/chrome\.sidePanel/);
      if (!code.includes('.sidePanel')) continue;
      // Each bundle that may open the panel asks for sidebarAction before it touches sidePanel.
      expect(code.indexOf('sidebarAction'), file).toBeGreaterThan(-1);
      expect(code.indexOf('sidebarAction'), file).toBeLessThan(code.indexOf('.sidePanel'));
    }
  });
});
