// Reader accuracy (issue 10): the page readers over the real-shape fixtures in
// tests/fixtures/real-shapes/ (Gmail generations and states, LinkedIn pages, company and publisher
// pages) against hand-written expectations. Counts, not timings; every miss is listed.
import { Window } from 'happy-dom';
import {
  type AccuracyReport,
  evaluateRealShapes,
  percent,
  type Tally,
} from '../../tests/fixtures/real-shapes/evaluate';
import type { BenchSection } from './types';

const ratio = (t: Tally) => `${t.right}/${t.total}`;

export function accuracyRows(report: AccuracyReport): Array<Array<string | number>> {
  const count = (list: string[]) => [String(list.length), '', list.length === 0 ? 'yes' : 'no'];
  return [
    ['Company name right', ratio(report.companyName), percent(report.companyName), '≥ 95 %'],
    ['Company domain right', ratio(report.domain), percent(report.domain), ''],
    [
      'Platform label right ("on GitHub: acme")',
      ratio(report.platform),
      percent(report.platform),
      '',
    ],
    ['Junk addresses sent to Close', ...count(report.junkSent).slice(0, 1), '', '0'],
    ['Page addresses missed', String(report.missedEmails.length), '', ''],
    ['Platform domain in a look-up', String(report.platformDomains.length), '', '0'],
    [
      'Gmail people right (name, address, role)',
      ratio(report.gmailPeople),
      percent(report.gmailPeople),
      '',
    ],
    ['Gmail hover right', ratio(report.gmailHover), percent(report.gmailHover), ''],
    ['Gmail names that are element ids', String(report.idLikeNames.length), '', '0'],
    [
      'LinkedIn pages right (incl. not found)',
      ratio(report.linkedin),
      percent(report.linkedin),
      '',
    ],
  ];
}

export async function run(): Promise<BenchSection> {
  const window = new Window({ url: 'https://example.com/' });
  const parser = new window.DOMParser();
  const report = evaluateRealShapes(
    (html) => parser.parseFromString(html, 'text/html') as unknown as Document,
  );
  await window.happyDOM.close();
  const misses = [
    ...report.misses,
    ...report.junkSent.map((line) => `junk address sent: ${line}`),
    ...report.missedEmails.map((line) => `address missed: ${line}`),
    ...report.platformDomains.map((line) => `platform domain looked up: ${line}`),
    ...report.idLikeNames.map((line) => `id-like name: ${line}`),
  ];
  return {
    title: 'Reader accuracy over tests/fixtures/real-shapes (issue 10)',
    columns: ['Measure', 'Right', '%', 'Target'],
    rows: accuracyRows(report),
    notes: [
      misses.length === 0 ? 'No misses.' : `Misses:\n${misses.map((m) => `- ${m}`).join('\n')}`,
    ],
  };
}
