// `npm run bench`: builds the extension, then prints every benchmark section as a table.
// Timings are medians of several runs; nothing here asserts: figures go into issue notes.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSection } from './bench/types';

function printSection(section: BenchSection): void {
  const table = [section.columns, ...section.rows.map((r) => r.map(String))];
  const widths = section.columns.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n## ${section.title}\n`);
  console.log(line(section.columns));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of table.slice(1)) console.log(line(row));
  for (const note of section.notes ?? []) console.log(`\n${note}`);
}

const only = process.argv.slice(2);
if (!process.env.BENCH_NO_BUILD) {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
}
const dir = join(import.meta.dirname, 'bench');
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'types.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort((a, b) => (a === 'sizes' ? -1 : b === 'sizes' ? 1 : a.localeCompare(b)));

let failed = false;
for (const name of modules) {
  const mod = (await import(`./bench/${name}.ts`)) as { run?: () => Promise<BenchSection> };
  // Shared helpers (browser.ts, stats.ts) sit beside the sections: only a module with run() is one.
  if (typeof mod.run !== 'function') continue;
  try {
    printSection(await mod.run());
  } catch (error) {
    failed = true;
    console.error(`\n## ${name}: failed — ${error instanceof Error ? error.message : error}`);
  }
}
process.exit(failed ? 1 : 0);
