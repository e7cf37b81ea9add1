// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '@/tests/unit/detect/fixture';
import { expectValidSnapshot } from '@/tests/unit/detect/snapshot-check';
import { readGmail } from '@/utils/detect/gmail';
import { parseJsonLd, readJsonLdNodes } from '@/utils/detect/json-ld';
import { readLinkedIn } from '@/utils/detect/linkedin';
import { readOutlook } from '@/utils/detect/outlook';
import { readWebsite } from '@/utils/detect/website';

// A stall is a test that overruns STALL_MS (vitest's timeout); speed itself is measured by
// `npm run bench`, never asserted here (these machines are shared and noisy). The limit is wide:
// most of these tests' time is happy-dom parsing the 30,000-chip page (about 4 s on an idle core,
// 20-30 s on a loaded one), not the reader (about 0.6 s), and a catastrophic backtrack takes minutes.
const STALL_MS = 60_000;

describe('malformed JSON-LD', () => {
  it('skips what does not parse, unwraps comments/CDATA, tolerates trailing commas', () => {
    const { doc, url } = loadFixture('hostile-malformed-jsonld.html');
    const snapshot = readWebsite(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.company?.name).toBe('Wrapped Org');
    expect(snapshot?.people.map((person) => person.email)).toEqual(
      expect.arrayContaining(['a@example.com', 'json@example.com']),
    );
    expect(snapshot?.people.map((person) => person.email)).not.toContain('textarea@example.com');
  });

  it('returns undefined for junk instead of throwing', () => {
    for (const text of ['', '{', '<!-- -->', '{"a":', 'undefined', 'x'.repeat(400_000)]) {
      expect(parseJsonLd(text)).toBeUndefined();
    }
  });

  it('does not follow nesting beyond its depth limit', () => {
    const deep = `${'['.repeat(5000)}{"@type":"Organization","name":"Deep"}${']'.repeat(5000)}`;
    const doc = parseHtml(`<script type="application/ld+json">${deep}</script>`);
    expect(() => readJsonLdNodes(doc)).not.toThrow();
    expect(readJsonLdNodes(doc)).toEqual([]);
  });

  it('caps the number of nodes from a huge graph', () => {
    const graph = JSON.stringify({
      '@graph': Array.from({ length: 5000 }, (_, i) => ({ '@type': 'Thing', name: `n${i}` })),
    });
    const doc = parseHtml(`<script type="application/ld+json">${graph}</script>`);
    expect(readJsonLdNodes(doc).length).toBeLessThanOrEqual(500);
  });
});

describe('huge and deeply nested pages', () => {
  it(
    'reads a page with thousands of addresses quickly and within the cap',
    () => {
      const rows = Array.from(
        { length: 5000 },
        (_, i) => `<li><a href="mailto:p${i}@example.com">p${i}</a> p${i}-text@example.org</li>`,
      ).join('');
      const doc = parseHtml(`<title>Directory</title><ul>${rows}</ul>`);
      const value = readWebsite(doc, new URL('https://directory.example.com/'));
      expectValidSnapshot(value);
      expect(value?.people.length).toBe(100);
    },
    STALL_MS,
  );

  // Chromium's HTML parser flattens nesting beyond 512 levels; 3,000 is past that and within what
  // happy-dom's recursive selector engine can walk (it overflows its stack near 5,000).
  it('survives a 3,000-level deep DOM', () => {
    let html = '';
    for (let i = 0; i < 3_000; i++) html += '<div>';
    html += 'deep@example.com';
    const doc = parseHtml(`<body>${html}</body>`);
    const url = new URL('https://deep.example.com/');
    expect(() => readWebsite(doc, url)).not.toThrow();
    expect(() => readGmail(doc, new URL('https://mail.google.com/mail/u/0/'))).not.toThrow();
    expect(() => readOutlook(doc, new URL('https://outlook.office.com/mail/'))).not.toThrow();
  });

  it(
    'bounds the text scanned on a page with megabytes of text',
    () => {
      const chunk = `${'lorem ipsum '.repeat(1000)} a@ b@ c@ `;
      const doc = parseHtml(
        `<body>${Array.from({ length: 300 }, () => `<p>${chunk}</p>`).join('')}<p>late@example.com</p></body>`,
      );
      const value = readWebsite(doc, new URL('https://big.example.com/'));
      expect(value?.people).toEqual([]);
    },
    STALL_MS,
  );

  it('does not execute or trip over script-looking text and attributes', () => {
    const doc = parseHtml(
      '<title>&lt;img src=x onerror=alert(1)&gt;</title><p>&lt;script&gt;alert("x@evil.example")&lt;/script&gt;</p><a href="javascript:alert(1)">mailto:no@example.com</a><a href="mailto:&quot;&gt;&lt;script&gt;@example.com">x</a>',
    );
    const snapshot = readWebsite(doc, new URL('https://evil.example/'));
    expectValidSnapshot(snapshot);
    expect(snapshot?.people.map((person) => person.email)).toEqual([
      'x@evil.example',
      'no@example.com',
    ]);
  });

  it(
    'keeps a Gmail thread with thousands of chips within the schema limit',
    () => {
      const chips = Array.from(
        { length: 3000 },
        (_, i) => `<span class="g2" email="r${i}@example.com" name="R ${i}">R</span>`,
      ).join('');
      const messages = Array.from(
        { length: 10 },
        (_, m) =>
          `<div class="adn" data-message-id="#msg-f:${m}"><span class="gD" email="s${m}@example.com">S</span><span class="hb">${chips}</span></div>`,
      ).join('');
      const doc = parseHtml(
        `<div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1">Big</h2>${messages}</div>`,
      );
      const value = readGmail(doc, new URL('https://mail.google.com/mail/u/0/#inbox/x'));
      expectValidSnapshot(value);
      expect(value?.people.length).toBeLessThanOrEqual(500);
    },
    STALL_MS,
  );

  it(
    'reads LinkedIn pages with absurd text without stalling',
    () => {
      const doc = parseHtml(
        `<title>X | LinkedIn</title><main><section class="artdeco-card"><h1>${'N'.repeat(100_000)}</h1><div class="text-body-medium">${'at '.repeat(50_000)}</div></section></main>`,
      );
      const value = readLinkedIn(doc, new URL('https://www.linkedin.com/in/x/'));
      expectValidSnapshot(value);
      expect(value?.person?.name.length).toBe(200);
    },
    STALL_MS,
  );
});
