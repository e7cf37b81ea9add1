// @vitest-environment happy-dom
// Labels built to make a backtracking regex go quadratic (issue 14) still read correctly. Timing is
// measured by `npm run bench hostile` (1 MB inputs, Chromium); here only the answers are checked.
import { describe, expect, it } from 'vitest';
import { parseHtml } from '@/tests/unit/detect/fixture';
import { readLinkedInProfile } from '@/utils/detect/linkedin';
import { readOutlook } from '@/utils/detect/outlook';

const OUTLOOK = new URL('https://outlook.office.com/mail/inbox/id/1');
const LINKEDIN = new URL('https://www.linkedin.com/in/ada/');

describe('adversarial labels', () => {
  it('reads an Outlook sender whose neighbour carries a huge "From:" label', () => {
    const doc = parseHtml(
      '<div id="ReadingPaneContainerId"><span aria-label="From: Maria Lopez"></span><span title="maria@lopez.example"></span><span id="bait" title="x@y.example"></span></div>',
    );
    doc.getElementById('bait')?.setAttribute('aria-label', `From: ${' '.repeat(100_000)}@`);
    const snapshot = readOutlook(doc, OUTLOOK);
    expect(snapshot?.people).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: 'maria@lopez.example' })]),
    );
  });

  it('keeps names from "Name <address>" attributes, quoted or not', () => {
    const doc = parseHtml(
      `<div id="ReadingPaneContainerId"><span title='To: "Sam Reed" <sam@reed.example>; Ops Team <ops@reed.example>; ${' '.repeat(50_000)}'></span></div>`,
    );
    const people = readOutlook(doc, OUTLOOK)?.people ?? [];
    expect(people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'sam@reed.example', name: 'Sam Reed' }),
        expect.objectContaining({ email: 'ops@reed.example', name: 'Ops Team' }),
      ]),
    );
  });

  it('reads the LinkedIn current company, and survives a crafted label', () => {
    const good = parseHtml(
      '<main><section class="pv-top-card"><h1>Ada</h1><button aria-label="Current company: Acme Corp. Click to skip to experience card"></button></section></main>',
    );
    expect(readLinkedInProfile(good, LINKEDIN)?.person?.company).toBe('Acme Corp');
    const bait = parseHtml(
      '<main><section class="pv-top-card"><h1>Ada</h1><button id="b"></button></section></main>',
    );
    bait
      .getElementById('b')
      ?.setAttribute('aria-label', `Current company: Initech${'. click'.repeat(20_000)}\n`);
    expect(readLinkedInProfile(bait, LINKEDIN)?.person?.company).toBe('Initech');
  });
});
