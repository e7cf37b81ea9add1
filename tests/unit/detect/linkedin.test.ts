// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '@/tests/unit/detect/fixture';
import { expectValidSnapshot } from '@/tests/unit/detect/snapshot-check';
import { externalWebsite, linkedinPage, readLinkedIn } from '@/utils/detect/linkedin';

describe('readLinkedIn: profiles', () => {
  it('reads the 2026 profile without doubled accessible text', () => {
    const { doc, url } = loadFixture('linkedin-profile.html');
    const snapshot = readLinkedIn(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot).toEqual({
      source: 'linkedin-profile',
      url: 'https://www.linkedin.com/in/priya-natarajan-0a1b2c/',
      title: 'Priya Natarajan',
      people: [],
      person: {
        name: 'Priya Natarajan',
        headline: 'VP Engineering at Northwind Analytics',
        company: 'Northwind Analytics',
        profileUrl: 'https://www.linkedin.com/in/priya-natarajan-0a1b2c/',
      },
    });
  });

  it('reads the 2025 profile (h2 name, hidden "Current company:" label) on a sub-page', () => {
    const { doc, url } = loadFixture('linkedin-profile-2025.html');
    const snapshot = readLinkedIn(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.person).toEqual({
      name: 'Sam Reed',
      headline: 'Head of Sales · Acme Retail',
      company: 'Acme Retail Group',
      profileUrl: 'https://www.linkedin.com/in/sam-reed/',
    });
  });

  it('falls back to the window title and the headline when the top card is unfamiliar', () => {
    const doc = parseHtml(
      '<html><head><title>(12) Lee Chen | LinkedIn</title></head><body><main><div class="text-body-medium">CTO at Example Labs</div></main></body></html>',
    );
    const snapshot = readLinkedIn(doc, new URL('https://www.linkedin.com/in/lee-chen/'));
    expect(snapshot?.person).toEqual({
      name: 'Lee Chen',
      headline: 'CTO at Example Labs',
      company: 'Example Labs',
      profileUrl: 'https://www.linkedin.com/in/lee-chen/',
    });
  });
});

describe('readLinkedIn: company pages', () => {
  it('reads the logged-in top card and About section', () => {
    const { doc, url } = loadFixture('linkedin-company.html');
    const snapshot = readLinkedIn(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot).toEqual({
      source: 'linkedin-company',
      url: 'https://www.linkedin.com/company/northwind-analytics/about/',
      title: 'Northwind Analytics',
      people: [],
      company: {
        name: 'Northwind Analytics',
        website: 'https://www.example.com/',
        description:
          'Northwind Analytics builds demand forecasting software for mid-size retailers.',
        canonicalUrl: 'https://www.linkedin.com/company/northwind-analytics/',
      },
    });
  });

  it('reads the guest page', () => {
    const { doc, url } = loadFixture('linkedin-company-guest.html');
    const snapshot = readLinkedIn(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.company).toEqual({
      name: 'Northwind Analytics',
      website: 'https://www.example.com/',
      description: 'Northwind Analytics builds demand forecasting software.',
      canonicalUrl: 'https://www.linkedin.com/company/northwind-analytics/',
    });
  });

  it('falls back to JSON-LD sameAs for the website', () => {
    const { doc, url } = loadFixture('linkedin-company-guest.html');
    for (const node of doc.querySelectorAll('[data-test-id="about-us__website"]')) node.remove();
    expect(readLinkedIn(doc, url)?.company?.website).toBe('https://www.example.com/');
  });
});

describe('readLinkedIn: other pages', () => {
  it('returns null on the feed, search and non-LinkedIn hosts', () => {
    const { doc } = loadFixture('linkedin-profile.html');
    expect(readLinkedIn(doc, new URL('https://www.linkedin.com/feed/'))).toBeNull();
    expect(
      readLinkedIn(doc, new URL('https://www.linkedin.com/search/results/people/?keywords=x')),
    ).toBeNull();
    expect(readLinkedIn(doc, new URL('https://example.com/in/priya/'))).toBeNull();
    expect(
      readLinkedIn(parseHtml('<body></body>'), new URL('https://www.linkedin.com/in/nobody/')),
    ).toBeNull();
  });

  it('normalises profile and company URLs', () => {
    expect(
      linkedinPage(new URL('https://de.linkedin.com/in/J%C3%BCrgen-M/recent-activity/')),
    ).toEqual({
      kind: 'profile',
      slug: 'Jürgen-M',
      url: 'https://www.linkedin.com/in/J%C3%BCrgen-M/',
    });
    expect(linkedinPage(new URL('https://www.linkedin.com/company/acme/about/'))?.url).toBe(
      'https://www.linkedin.com/company/acme/',
    );
  });

  it('unwraps redirects and drops tracking parameters from websites', () => {
    const base = new URL('https://www.linkedin.com/company/acme/');
    expect(
      externalWebsite(
        'https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Facme.example%2F%3Futm_source%3Dli%26a%3D1',
        base,
      ),
    ).toBe('https://acme.example/?a=1');
    expect(externalWebsite('/company/acme/people/', base)).toBeUndefined();
    expect(externalWebsite('javascript:alert(1)', base)).toBeUndefined();
  });
});
