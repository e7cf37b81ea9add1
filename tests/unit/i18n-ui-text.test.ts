// UI text lives in public/_locales: no component writes words straight into its markup.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function source(path: string): string {
  // Comments may say anything.
  return readFileSync(join(ROOT, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('UI text goes through _locales', () => {
  const components = readdirSync(join(ROOT, 'components')).filter((f) => f.endsWith('.tsx'));

  it.each(components)('%s has no words written straight into its markup', (file) => {
    // Text right inside an element, e.g. <dt>Date</dt>; expressions ({strings.date}) are fine.
    const words = [
      ...source(`components/${file}`).matchAll(
        /<[a-z][\w-]*(?:\s[^<>]*)?>([^<>{}]*[A-Za-z]{2}[^<>{}]*)<\//g,
      ),
    ].map((m) => (m[1] ?? '').trim());
    expect(words).toEqual([]);
  });

  it('error messages and value periods are not English literals', () => {
    const errors = source('components/error-text.ts');
    expect(errors).not.toMatch(/'[A-Z][a-z]+ [^']*'/);
    const format = source('utils/format.ts');
    for (const word of ["'one-time'", "'monthly'", "'annual'"]) expect(format).not.toContain(word);
  });
});
