// @vitest-environment happy-dom
// The readers on pages modelled on real markup (tests/fixtures/real-shapes/): one test per pattern
// of issue 10, plus the accuracy thresholds the bench reports.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { companyPages } from '@/tests/fixtures/real-shapes/company-pages';
import { evaluateRealShapes, realShapeFile } from '@/tests/fixtures/real-shapes/evaluate';
import { parseHtml } from '@/tests/unit/detect/fixture';
import { expectValidSnapshot } from '@/tests/unit/detect/snapshot-check';
import { readGmail } from '@/utils/detect/gmail';
import { readLinkedIn } from '@/utils/detect/linkedin';
import { isPlatformHost, platformAccount } from '@/utils/detect/platforms';
import { readWebsite } from '@/utils/detect/website';
import { queryForPage } from '@/utils/lookup/page-query';
import { PageSnapshotSchema } from '@/utils/page-snapshot';

const NO_FILTERS = { ownEmails: [], ownDomains: [], neverLookUp: [] };

function gmail(file: string) {
  const { html, url } = realShapeFile(`gmail/${file}`);
  const doc = parseHtml(html);
  return { doc, url, snapshot: readGmail(doc, url) };
}

function company(id: string) {
  const page = companyPages.find((p) => p.id === id);
  if (!page) throw new Error(`no company page ${id}`);
  const snapshot = readWebsite(parseHtml(page.html), new URL(page.url));
  expectValidSnapshot(snapshot);
  return { page, snapshot, query: snapshot ? queryForPage(snapshot, NO_FILTERS) : null };
}

describe('Gmail on real markup', () => {
  it('names a sender from the chip carrying the address, never from the avatar id (":o6")', () => {
    const { doc, url, snapshot } = gmail('expanded-avatar-ids.html');
    expectValidSnapshot(snapshot);
    const ines = snapshot?.people.find((p) => p.email === 'ines.moreau@kestrel-freight.com');
    expect(ines).toEqual({
      email: 'ines.moreau@kestrel-freight.com',
      name: 'Inès Moreau',
      role: 'from',
    });
    // With only the avatar left (name=":o6", no data-name), the person has no name rather than an id.
    for (const chip of doc.querySelectorAll('span.gD')) chip.remove();
    const avatarsOnly = readGmail(doc, url);
    expect(avatarsOnly?.people.find((p) => p.email === 'ines.moreau@kestrel-freight.com')).toEqual({
      email: 'ines.moreau@kestrel-freight.com',
      role: 'from',
    });
    expect(
      avatarsOnly?.people.find((p) => p.email === 'tomas.reyes@kestrel-freight.com')?.name,
    ).toBe('Tomás Reyes');
    for (const person of avatarsOnly?.people ?? []) expect(person.name ?? '').not.toMatch(/^:/);
  });

  it('counts collapsed messages (div.adf without data-message-id) and skips their snippets', () => {
    const { snapshot } = gmail('collapsed-adf-no-id.html');
    expectValidSnapshot(snapshot);
    expect(snapshot?.people).toEqual([
      { email: 'wren.halvorsen@quillstone.com', name: 'Wren Halvorsen', role: 'from' },
      { email: 'obi.mensah@quillstone.com', name: 'Obi Mensah', role: 'from' },
      { email: 'sol.arantes@tallyhive.com', name: 'Sol Arantes', role: 'from' },
    ]);
    expect(snapshot?.ownEmails).toEqual(['ops@brightloop.com']);
  });

  it('takes own addresses only from the title tail and the account button; short names are people', () => {
    const { snapshot } = gmail('subject-address-short-names.html');
    expectValidSnapshot(snapshot);
    expect(snapshot?.ownEmails).toEqual(['dana@harbourline.com']);
    expect(snapshot?.people).toEqual([
      { email: 'ben@contoso-labs.com', name: 'Ben', role: 'from' },
      { email: 'ja.kowalska@contoso-labs.com', name: 'Ja', role: 'to' },
    ]);
  });

  it('reports the hovered header chip or avatar by name, and ignores hovering inside a body', () => {
    const { doc, url } = gmail('hover-card.html');
    const hovered = (id: string) =>
      readGmail(doc, url, { hover: doc.getElementById(id) })?.people.find(
        (p) => p.role === 'hover',
      );
    expect(hovered('hover-header')).toEqual({
      email: 'keld.aune@meridian-audit.com',
      name: 'Keld Aune',
      role: 'hover',
    });
    expect(hovered('hover-avatar')).toEqual({
      email: 'mara.lind@ostara.com',
      name: 'Mara Lind',
      role: 'hover',
    });
    expect(hovered('hover-body')).toBeUndefined();
    const people = readGmail(doc, url)?.people.map((p) => p.email);
    expect(people).not.toContain('old.contact@previous-vendor.com');
  });

  it('keeps compose chips out of the thread people and reports nothing in the list view', () => {
    expect(gmail('compose-reply.html').snapshot?.people).toEqual([
      { email: 'yuki.tanabe@fabrikam.com', name: 'Yuki Tanabe', role: 'from' },
    ]);
    expect(gmail('list-view.html').snapshot).toBeNull();
  });
});

describe('Company names on real page shapes', () => {
  it.each([
    ['brandless-headline', 'Brightloop'],
    ['brandless-question', 'Quillstone'],
    ['separator-dash-no-leading-space', 'Code Business'],
    ['separator-question-colon', 'Tallyhive'],
    ['brand-first-label-not-brand-en', 'Fabrikam Sensors'],
    ['og-site-name-on-news-subdomain', 'Acme Widgets'],
    ['share-subdomain', 'Contoso Health'],
    ['country-second-level', 'Harbourline'],
  ])('%s → %s, never the headline', (id, name) => {
    expect(company(id).snapshot?.company?.name).toBe(name);
  });
});

describe('Platform-hosted pages', () => {
  const platformPages = companyPages.filter((p) => platformAccount(new URL(p.url)) !== null);

  it('covers the platforms of the issue', () => {
    const hosts = new Set(platformPages.map((p) => new URL(p.url).hostname.replace(/^www\./, '')));
    for (const host of ['github.com', 'medium.com', 'x.com', 'twitter.com', 'youtube.com']) {
      expect(hosts).toContain(host);
    }
    expect(platformPages.length).toBeGreaterThanOrEqual(15);
  });

  it('never sends a platform domain as the company', () => {
    for (const page of platformPages) {
      const { query } = company(page.id);
      if (query?.domain) expect(isPlatformHost(query.domain), page.id).toBe(false);
    }
  });

  it('looks the account up by name and labels it with the platform', () => {
    const { snapshot, query } = company('github-repository');
    expect(query).toEqual({ emails: [], name: 'acme-robotics' });
    expect(snapshot?.company?.platform).toEqual({ name: 'GitHub', account: 'acme-robotics' });
  });

  it("prefers the canonical link's host when it is elsewhere", () => {
    const { snapshot, query } = company('medium-canonical-elsewhere');
    expect(query?.domain).toBe('tallyhive.com');
    expect(snapshot?.company?.name).toBe('Tallyhive');
    expect(snapshot?.company?.platform).toBeUndefined();
  });
});

describe('Junk addresses never reach the look-up', () => {
  it.each([
    ['share-mailto-no-recipient', ['hello@brightloop.com']],
    ['share-mailto-yourfriend', []],
    ['share-mailto-placeholder-example', []],
    ['placeholder-in-text', ['news@kestrel-dynamics.com']],
    ['url-credentials', ['support@brightloop.com']],
    ['git-remote', []],
    ['quoted-local-part', ['info@fabrikam.com']],
    ['cloudflare-cfemail-span', ['audits@meridian-audit.com']],
  ])('%s sends exactly %j', (id, emails) => {
    expect(company(id).query?.emails ?? []).toEqual(emails);
  });
});

describe('LinkedIn on real markup', () => {
  it.each(['profile-not-found.html', 'profile-not-found-heading-only.html'])(
    '%s is not a person and sends no name search',
    (file) => {
      const { html, url } = realShapeFile(`linkedin/${file}`);
      expect(readLinkedIn(parseHtml(html), url)).toBeNull();
    },
  );

  it('reads the 2026 top card (section[componentkey*=Topcard]) without doubled text', () => {
    const { html, url } = realShapeFile('linkedin/profile-2026-topcard.html');
    const snapshot = readLinkedIn(parseHtml(html), url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.person).toMatchObject({ name: 'Mara Lind', company: 'Ostara Skincare' });
  });
});

describe('Punycode domains', () => {
  it('are read from the page and accepted by the message schema', () => {
    const { query, snapshot } = company('punycode-domain');
    expect(query).toEqual({
      emails: ['info@xn--bcherstube-ost-mlb.de'],
      domain: 'xn--bcherstube-ost-mlb.de',
    });
    expect(v.safeParse(PageSnapshotSchema, snapshot).success).toBe(true);
    const person = { email: 'Info@XN--80AK6AA92E.XN--P1AI', role: 'page' };
    const parsed = v.safeParse(PageSnapshotSchema, {
      source: 'website',
      url: 'https://xn--80ak6aa92e.xn--p1ai/',
      people: [person],
    });
    expect(parsed.success).toBe(true);
  });
});

describe('Reader accuracy over every real-shape page', () => {
  const report = evaluateRealShapes(parseHtml);

  it('has at least 40 company pages, 5 Gmail states and 3 LinkedIn pages', () => {
    expect(report.companyName.total).toBeGreaterThanOrEqual(40);
    expect(report.linkedin.total).toBeGreaterThanOrEqual(3);
  });

  it('gets ≥ 95 % of company names right and sends 0 junk addresses, 0 platform domains', () => {
    expect(report.companyName.right / report.companyName.total).toBeGreaterThanOrEqual(0.95);
    expect(report.junkSent).toEqual([]);
    expect(report.platformDomains).toEqual([]);
    expect(report.idLikeNames).toEqual([]);
  });

  it('gets every Gmail person and LinkedIn page right', () => {
    expect(report.gmailPeople.right).toBe(report.gmailPeople.total);
    expect(report.gmailHover.right).toBe(report.gmailHover.total);
    expect(report.linkedin.right).toBe(report.linkedin.total);
  });
});
