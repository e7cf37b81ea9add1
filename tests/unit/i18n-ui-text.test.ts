// UI text lives in public/_locales: no component writes words straight into its markup.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import english from '@/public/_locales/en/messages.json';

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

/** Every source file of the extension (components, utils, entrypoints), relative to the root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}

describe('messages.json', () => {
  const files = [...['components', 'utils', 'entrypoints'].flatMap(sourceFiles), 'wxt.config.ts'];
  const code = files.map((file) => source(file)).join('\n');
  const keys = Object.keys(english);

  it('has every key the code asks for', () => {
    const asked = [...code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'|__MSG_([A-Za-z0-9_]+)__/g)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    expect(asked.length).toBeGreaterThan(300);
    expect(asked.filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('has no key the code never names', () => {
    // Raw text: a key may sit in a map (`reasonKeys`) or behind a regex that source() cuts short.
    const raw = files.map((file) => readFileSync(join(ROOT, file), 'utf8')).join('\n');
    const named = new Set(raw.match(/[A-Za-z0-9]+/g));
    expect(keys.filter((key) => !named.has(key))).toEqual([]);
  });

  it('holds each English sentence under one key', () => {
    const byText = new Map<string, string[]>();
    for (const [key, entry] of Object.entries(english)) {
      byText.set(entry.message, [...(byText.get(entry.message) ?? []), key]);
    }
    expect([...byText.values()].filter((keysOfText) => keysOfText.length > 1)).toEqual([]);
  });

  it('leaves no English sentence in the worker and the message layer', () => {
    const worker = [
      ...sourceFiles('entrypoints/background'),
      'utils/messaging.ts',
      'utils/app-error.ts',
      'utils/page-snapshot.ts',
      'utils/close/errors.ts',
      'utils/close/response.ts',
    ];
    // A sentence: a capital, two more words, a full stop (log labels and reasons are lower case).
    const sentences = worker.flatMap((file) =>
      [...source(file).matchAll(/(['"`])([A-Z][a-z]+ [^'"`\n]* [^'"`\n]*[.!?])\1/g)].map(
        (m) => `${file}: ${m[2]}`,
      ),
    );
    expect(sentences).toEqual([]);
  });

  it("names what Close sent through _locales when its answer cannot be read (parseWith's `what`)", () => {
    const english = [...code.matchAll(/parseWith\([^;]*?,\s*'([^']*)'\s*,?\s*\)/g)].map(
      (m) => m[1],
    );
    expect(english).toEqual([]);
  });
});
