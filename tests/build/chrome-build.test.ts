// The built Chrome package (npm run build): the permissions it asks for and the only API origin it
// talks to. Runs in the `build` project after `npm run build`; fails when there is no build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = resolve(import.meta.dirname, '../../.output/chrome-mv3');
// This project needs the build: without it every test here fails instead of skipping.
if (!existsSync(join(OUT, 'manifest.json'))) {
  throw new Error(`No production build in ${OUT}: run \`npm run build\` first.`);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('the Chrome MV3 production build', () => {
  const manifest = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8'));
  const code = files(OUT)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it('asks at install only for api.close.com and mail.google.com', () => {
    expect(manifest.host_permissions).toEqual([
      'https://api.close.com/*',
      'https://mail.google.com/*',
    ]);
    expect(manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches)).toEqual([
      'https://mail.google.com/*',
    ]);
    expect(manifest.minimum_chrome_version).toBe('116');
  });

  it('keeps Outlook and LinkedIn optional and never asks for every site', () => {
    expect(manifest.optional_host_permissions).toEqual(
      expect.arrayContaining(['https://outlook.office.com/*', 'https://www.linkedin.com/*']),
    );
    const everything = JSON.stringify(manifest);
    for (const broad of ['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*']) {
      expect(everything).not.toContain(broad);
    }
    expect(manifest.permissions).not.toContain('tabs');
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it('talks to https://api.close.com only, with no development origin left in', () => {
    expect(code).toContain('https://api.close.com');
    expect(code).not.toMatch(/https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/api/);
    expect(code).not.toContain('CLOSE_LOOK_API_ORIGIN');
  });

  it('carries the strict Content Security Policy for its pages', () => {
    expect(manifest.content_security_policy).toEqual({
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    });
  });

  it('loads no remote code', () => {
    expect(code).not.toMatch(/\bimport\(\s*["']https?:/);
    expect(code).not.toMatch(/\beval\(|new Function\(/);
  });
});
