// Rewrites relative imports ('./x', '../utils/y') in components/, utils/, entrypoints/ and tests/ to
// the one style the tree uses, '@/…' from the repository root. Run it after a merge brings in a
// relative import: `npx tsx scripts/use-alias-imports.ts && npx biome check --write .`
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ALIAS_DIRS = ['components', 'utils', 'entrypoints', 'tests'] as const;
/** `from '…'`, `import('…')`, `import '…'`, `vi.mock('…')`, `typeof import('…')`. */
export const RELATIVE_IMPORT =
  /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\bvi\.(?:mock|doMock|importActual)(?:<[^>]*>)?\(\s*)(['"])(\.\.?\/[^'"]*)\2/g;

export function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

export function toAlias(file: string, text: string): string {
  return text.replace(RELATIVE_IMPORT, (whole, lead: string, quote: string, spec: string) => {
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
    if (target.startsWith('..')) return whole; // outside the repository: leave it
    return `${lead}${quote}@/${target.split('\\').join('/')}${quote}`;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let changed = 0;
  for (const file of ALIAS_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const next = toAlias(file, text);
    if (next !== text) {
      writeFileSync(join(ROOT, file), next);
      changed++;
    }
  }
  console.log(`${changed} files now import with '@/'`);
}
