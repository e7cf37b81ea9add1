// Hostile input (issue 14): every parser or pattern that runs on page or Close input gets a 1 MB
// string built to make a backtracking regex go quadratic, in Chromium, against a time limit.
// The old patterns are timed on smaller inputs for comparison (at 1 MB they run for minutes).
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { BenchSection } from './types';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = 3;
const LIMIT_MS = 1000;
const MB = 1024 * 1024;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function bundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import { sanitizeEmailBody, hasRemoteImages, htmlToText } from './utils/sanitize-html';
        import { readOutlook } from './utils/detect/outlook';
        import { readLinkedInProfile } from './utils/detect/linkedin';
        (globalThis as any).__hostile = { sanitizeEmailBody, hasRemoteImages, htmlToText, readOutlook, readLinkedInProfile };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    target: 'chrome116',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

interface Case {
  name: string;
  bytes: number;
  /** Runs in the page: builds the input from `bytes` and times one call. */
  body: string;
}

const CASES: Case[] = [
  {
    name: 'has remote images (bait: <p title="<img src=<img src=…">)',
    bytes: MB,
    body: `const html = '<p title="' + '<img src='.repeat(Math.ceil(bytes / 9)) + '">' + Math.random() + '</p>';
      const t = performance.now(); h.hasRemoteImages(html); return performance.now() - t;`,
  },
  {
    name: 'sanitize + remote images, allowed (same bait)',
    bytes: MB,
    body: `const html = '<p title="' + '<img src='.repeat(Math.ceil(bytes / 9)) + '">' + Math.random() + '</p>';
      const t = performance.now(); h.sanitizeEmailBody(html, { allowRemoteImages: true }); return performance.now() - t;`,
  },
  {
    name: 'large body as text (htmlToText, same bait)',
    bytes: MB,
    body: `const html = '<p title="' + '<img src='.repeat(Math.ceil(bytes / 9)) + '">' + Math.random() + '</p>';
      const t = performance.now(); h.htmlToText(html); return performance.now() - t;`,
  },
  {
    name: 'Outlook "From:" aria-label (spaces, then "@")',
    bytes: MB,
    body: `document.body.innerHTML = '<div id="ReadingPaneContainerId"><span title="a@b.example"></span></div>';
      const chip = document.querySelector('span');
      chip.setAttribute('aria-label', 'From: ' + ' '.repeat(bytes) + '@');
      chip.previousElementSibling;
      const t = performance.now(); h.readOutlook(document, new URL('https://outlook.office.com/mail/inbox/id/1')); return performance.now() - t;`,
  },
  {
    name: 'LinkedIn "Current company" aria-label (". click" × n, newline)',
    bytes: MB,
    body: `document.body.innerHTML = '<main><section class="pv-top-card"><h1>Ada</h1><button></button></section></main>';
      document.querySelector('button').setAttribute('aria-label', 'Current company: ' + '. click'.repeat(Math.ceil(bytes / 7)) + '\\n');
      const t = performance.now(); h.readLinkedInProfile(document, new URL('https://www.linkedin.com/in/ada/')); return performance.now() - t;`,
  },
];

/** The patterns this issue replaced, on a smaller input (they are quadratic). */
const OLD: Array<{ name: string; bytes: number; body: string }> = [
  {
    name: 'old hasRemoteImages regex',
    bytes: 100 * 1024,
    body: `const html = '<p title="' + '<img src='.repeat(Math.ceil(bytes / 9)) + '">' + Math.random() + '</p>';
      const t = performance.now(); /<img\\b[^>]*\\bsrc\\s*=\\s*["']?\\s*https?:/i.test(html); return performance.now() - t;`,
  },
  {
    name: 'old Outlook label regex',
    bytes: 100 * 1024,
    body: `const label = 'From: ' + ' '.repeat(bytes) + '@';
      const t = performance.now(); /^\\s*(?:from|to|cc|bcc)\\s*:\\s*([^@;<]+)$/i.exec(label); return performance.now() - t;`,
  },
  {
    name: 'old LinkedIn label regex',
    bytes: 100 * 1024,
    body: `const label = 'Current company: ' + '. click'.repeat(Math.ceil(bytes / 7)) + '\\n';
      const t = performance.now(); /^current company:\\s*(.+?)(?:\\.\\s+click\\b.*)?$/i.exec(label.trim() + '\\n!'); return performance.now() - t;`,
  },
];

export async function run(): Promise<BenchSection> {
  const code = await bundle();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
  const rows: Array<Array<string | number>> = [];
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: code });
    const time = async (bytes: number, body: string): Promise<number> => {
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        runs.push(
          await page.evaluate(
            ({ bytes, body }) => {
              const h = (globalThis as unknown as { __hostile: unknown }).__hostile;
              return new Function('h', 'bytes', body)(h, bytes) as number;
            },
            { bytes, body },
          ),
        );
      }
      return median(runs);
    };
    for (const c of CASES) {
      const ms = await time(c.bytes, c.body);
      rows.push([
        c.name,
        `${Math.round(c.bytes / 1024)} KB`,
        ms.toFixed(1),
        ms <= LIMIT_MS ? 'ok' : 'OVER',
      ]);
    }
    for (const c of OLD) {
      const ms = await time(c.bytes, c.body);
      rows.push([c.name, `${Math.round(c.bytes / 1024)} KB`, ms.toFixed(1), 'replaced']);
    }
  } finally {
    await browser.close();
  }
  return {
    title: 'Hostile input: 1 MB adversarial strings (Chromium, median of 3)',
    columns: ['input', 'size', 'ms', `limit ${LIMIT_MS} ms`],
    rows,
    notes: ['The old patterns are quadratic: 10× the input is about 100× the time.'],
  };
}
