// Page readers: gzipped size of each content / on-demand script, and Gmail scan time per mutation
// batch on the generated 50-message, 200-address thread, measured in Chromium (medians of runs).
// A batch is replayed as the content script runs it: the page watcher (utils/detect/watch.ts) with
// readGmail, its MutationObserver's records telling the reader which messages changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { gmailBigThreadHtml } from '../../tests/fixtures/gmail-big-thread';
import type { BenchSection } from './types';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, '.output', 'chrome-mv3');
const SIZE_BUDGET = 6 * 1024;
const SCAN_BUDGET_MS = 2;
const PAGE_LOADS = 5;
const SAMPLES_PER_LOAD = 40;
const SCANS_PER_SAMPLE = 10;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** The scripts that run in web pages: manifest content scripts and the unlisted readers. */
function pageScripts(): string[] {
  const contentDir = join(OUT, 'content-scripts');
  const content = existsSync(contentDir)
    ? readdirSync(contentDir)
        .filter((name) => name.endsWith('.js'))
        .map((name) => join('content-scripts', name))
    : [];
  const unlisted = ['outlook-reader.js', 'page-reader.js', 'linkedin-reader.js'].filter((name) =>
    existsSync(join(OUT, name)),
  );
  return [...content, ...unlisted];
}

/** The content script's watcher and reader bundled for the page, exposed on globalThis. */
async function gmailReaderBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: [
        "import { readGmail } from './utils/detect/gmail';",
        "import { gmailSelectors } from './utils/detect/gmail-selectors';",
        "import { watchPage } from './utils/detect/watch';",
        '(globalThis as any).__closeLookGmail = { readGmail, gmailSelectors, watchPage };',
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'chrome116',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

interface ScanFigures {
  samples: number[];
  cold: number[];
  people: number;
  elements: number;
}

async function measureGmailScan(): Promise<ScanFigures> {
  const bundle = await gmailReaderBundle();
  const html = gmailBigThreadHtml();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const figures: ScanFigures = { samples: [], cold: [], people: 0, elements: 0 };
  try {
    for (let load = 0; load < PAGE_LOADS; load++) {
      const page = await browser.newPage();
      await page.setContent(html);
      await page.addScriptTag({ content: bundle });
      // tsx compiles the evaluated function with esbuild's keepNames helper; give the page one.
      await page.addScriptTag({ content: 'globalThis.__name = (fn) => fn;' });
      const result = await page.evaluate(
        ({ samples, scansPerSample }) => {
          type Snapshot = { people: unknown[] } | null;
          type Reader = (
            root: ParentNode,
            url: URL,
            options?: { hover?: Element | null; changed?: ReadonlySet<Node> | null },
          ) => Snapshot;
          const { readGmail, gmailSelectors, watchPage } = (
            globalThis as unknown as {
              __closeLookGmail: {
                readGmail: Reader;
                gmailSelectors: Record<string, string>;
                watchPage: (options: unknown) => { scanNow(): void; stop(): void };
              };
            }
          ).__closeLookGmail;
          const href = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL';
          const controller = new AbortController();
          // The page is about:blank; the watcher reads the URL from this stand-in window.
          const win = {
            location: { href },
            addEventListener: window.addEventListener.bind(window),
          };
          let reports = 0;
          const coldStart = performance.now();
          const watcher = watchPage({
            win,
            doc: document,
            signal: controller.signal,
            rootSelector: gmailSelectors.main,
            hoverSelector: gmailSelectors.person,
            identitySelector: gmailSelectors.threadId,
            read: (doc: Document, url: URL, hover: Element | null, changed: Set<Node> | null) =>
              readGmail(doc, url, { hover, changed }),
            report: () => reports++,
          });
          watcher.scanNow();
          const cold = performance.now() - coldStart;
          const lines = [...document.querySelectorAll('[role="main"] .hb')];
          const perBatch: number[] = [];
          let previous: Element | null = null;
          for (let s = 0; s < samples; s++) {
            const start = performance.now();
            for (let k = 0; k < scansPerSample; k++) {
              // A mutation batch like Gmail's (a node drawn in one message's header, the last one
              // gone), then the scan it causes.
              const marker = document.createElement('span');
              marker.textContent = String(k);
              lines[(s * scansPerSample + k) % lines.length]?.append(marker);
              previous?.remove();
              previous = marker;
              watcher.scanNow();
            }
            perBatch.push((performance.now() - start) / scansPerSample);
          }
          watcher.stop();
          controller.abort();
          return {
            perBatch,
            cold,
            reports,
            people: readGmail(document, new URL(href))?.people.length ?? 0,
            elements: document.getElementsByTagName('*').length,
          };
        },
        { samples: SAMPLES_PER_LOAD, scansPerSample: SCANS_PER_SAMPLE },
      );
      figures.samples.push(...result.perBatch);
      figures.cold.push(result.cold);
      figures.people = result.people;
      figures.elements = result.elements;
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}

export async function run(): Promise<BenchSection> {
  if (pageScripts().length === 0)
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const rows: Array<Array<string | number>> = [];
  for (const script of pageScripts()) {
    const bytes = readFileSync(join(OUT, script));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    rows.push([
      `size: ${script}`,
      `${(bytes.length / 1024).toFixed(1)} KB raw`,
      `${(gzip / 1024).toFixed(2)} KB gz`,
      gzip <= SIZE_BUDGET ? 'within 6 KB' : 'OVER 6 KB',
    ]);
  }
  const scan = await measureGmailScan();
  const batch = median(scan.samples);
  rows.push(
    [
      'Gmail scan per mutation batch (median)',
      `${batch.toFixed(3)} ms`,
      `p95 ${percentile(scan.samples, 95).toFixed(3)} ms`,
      batch <= SCAN_BUDGET_MS ? 'within 2 ms' : 'OVER 2 ms',
    ],
    [
      'Gmail first scan on a fresh page (median)',
      `${median(scan.cold).toFixed(3)} ms`,
      `max ${Math.max(...scan.cold).toFixed(3)} ms`,
      '',
    ],
  );
  return {
    title: 'Page readers (utils/detect): script sizes and Gmail scan time',
    columns: ['measure', 'value', 'detail', 'budget'],
    rows,
    notes: [
      `Gmail fixture: 50 messages (every 5th collapsed), ${scan.people} distinct people reported, ${scan.elements} elements, 50 inbox rows beside the thread (tests/fixtures/gmail-big-thread.ts).`,
      `Scan = the watcher's scan (its MutationObserver records, readGmail re-reading only the messages a batch touched, JSON serialisation and compare), i.e. the work one debounced mutation batch costs; each batch adds a node to a different message's header and removes the last one. Chromium (/usr/bin/chromium, headless); ${PAGE_LOADS} page loads × ${SAMPLES_PER_LOAD} samples, each the mean of ${SCANS_PER_SAMPLE} batches. First scan = starting the watcher and reading every message.`,
      'Sizes are gzip -9 of the built files. Content scripts are built without the webextension-polyfill alias (wxt.config.ts hook), which keeps ~3 KB gz out of the Gmail content script.',
    ],
  };
}
