// Bundle sizes: each entrypoint's JS and CSS (its own file plus the chunks it loads), raw and gzipped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchSection } from './types';

const OUT = '.output/chrome-mv3';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function size(paths: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** The JS and CSS an HTML entrypoint loads: its script/link tags and their static imports. */
function pageAssets(htmlPath: string): { js: string[]; css: string[] } {
  const html = readFileSync(htmlPath, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) =>
    join(OUT, (m[1] ?? '').replace(/^\//, '')),
  );
  const js = new Set<string>();
  const queue = refs.filter((r) => r.endsWith('.js'));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (js.has(file) || !existsSync(file)) continue;
    js.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js|\/[^"]+\.js)"/g)) {
      const spec = m[1] ?? '';
      queue.push(spec.startsWith('/') ? join(OUT, spec) : join(file, '..', spec));
    }
  }
  return { js: [...js], css: refs.filter((r) => r.endsWith('.css')) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<BenchSection> {
  if (!existsSync(join(OUT, 'manifest.json'))) {
    throw new Error('Build first: npm run build');
  }
  const rows: BenchSection['rows'] = [];
  for (const file of files(OUT)) {
    const name = relative(OUT, file);
    if (name.endsWith('.html')) {
      const { js, css } = pageAssets(file);
      const j = size(js);
      const c = size(css);
      rows.push([name.replace(/\.html$/, ''), kb(j.raw), kb(j.gzip), kb(c.raw), kb(c.gzip)]);
    } else if (name === 'background.js' || /^(content-scripts\/|[\w-]+-reader\.js$)/.test(name)) {
      if (!name.endsWith('.js')) continue;
      const j = size([file]);
      rows.push([name.replace(/\.js$/, ''), kb(j.raw), kb(j.gzip), '—', '—']);
    }
  }
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return {
    title: 'Bundle size per entrypoint (production build, Chrome MV3)',
    columns: ['entrypoint', 'JS raw', 'JS gzip', 'CSS raw', 'CSS gzip'],
    rows,
    notes: ['Page entrypoints include every chunk they load statically. gzip level 9.'],
  };
}
