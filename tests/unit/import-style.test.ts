// One import style: modules of this repository are imported as '@/…' from the root, never './' or '../'.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIAS_DIRS, sourceFiles, toAlias } from '@/scripts/use-alias-imports';

const ROOT = resolve(import.meta.dirname, '../..');

describe('imports', () => {
  it("use '@/' for every module of the repository (fix: npx tsx scripts/use-alias-imports.ts)", () => {
    const files = ALIAS_DIRS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(200);
    const relative = files.filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return toAlias(file, text) !== text;
    });
    expect(relative).toEqual([]);
  });

  it('rewrites a relative import to the same module under @/', () => {
    // Spelled in two pieces, so the rewrite itself does not touch this file's examples.
    const relative = (before: string, path: string, after: string) => `${before}'${path}'${after}`;
    expect(toAlias('components/A.tsx', relative('import { b } from ', '../utils/b', ';'))).toBe(
      "import { b } from '@/utils/b';",
    );
    expect(toAlias('tests/unit/x.test.ts', relative('vi.mock(', '../../utils/c', ');'))).toBe(
      "vi.mock('@/utils/c');",
    );
    // Outside the repository: left as it is.
    const outside = relative('import x from ', '../../outside', ';');
    expect(toAlias('utils/d.ts', outside)).toBe(outside);
  });
});
