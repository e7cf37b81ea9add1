// @vitest-environment happy-dom
// Every selector of every reader is exercised by at least one saved page (refined-github style): a
// selector that matches nothing in any fixture is dead or its fixture is missing.
import { describe, expect, it } from 'vitest';
import { realShapeFile } from '@/tests/fixtures/real-shapes/evaluate';
import { loadFixture, parseHtml } from '@/tests/unit/detect/fixture';
import { gmailSelectors } from '@/utils/detect/gmail-selectors';
import { linkedinSelectors } from '@/utils/detect/linkedin-selectors';
import { outlookSelectors } from '@/utils/detect/outlook-selectors';
import { websiteSelectors } from '@/utils/detect/website-selectors';

const gmailFixtures = [
  'gmail-2018-conversation-off.html',
  'gmail-2022-preview-pane.html',
  'gmail-2024-thread.html',
  'gmail-2026-thread-collapsed.html',
  'gmail-inbox-list.html',
];

function matches(fixtures: string[], selector: string): string[] {
  return fixtures.filter((name) => loadFixture(name).doc.querySelector(selector) !== null);
}

describe('Gmail selectors', () => {
  const threads = gmailFixtures.filter((name) => name !== 'gmail-inbox-list.html');
  const expected: Record<keyof typeof gmailSelectors, string[]> = {
    main: gmailFixtures,
    threadId: threads,
    subject: threads,
    message: threads,
    messageId: threads,
    avatar: [],
    person: gmailFixtures,
    senderChip: [
      'gmail-2018-conversation-off.html',
      'gmail-2022-preview-pane.html',
      'gmail-2024-thread.html',
    ],
    recipientChip: [
      'gmail-2018-conversation-off.html',
      'gmail-2022-preview-pane.html',
      'gmail-2024-thread.html',
    ],
    senderBox: threads,
    recipientLine: [
      'gmail-2018-conversation-off.html',
      'gmail-2022-preview-pane.html',
      'gmail-2024-thread.html',
    ],
    detailsTable: ['gmail-2024-thread.html'],
    body: threads,
    chipContext: threads,
    account: ['gmail-2024-thread.html', 'gmail-2026-thread-collapsed.html'],
  };

  for (const [name, selector] of Object.entries(gmailSelectors)) {
    if (expected[name as keyof typeof gmailSelectors].length === 0) continue; // see real shapes below
    it(`${name} matches ${expected[name as keyof typeof gmailSelectors].length} generation(s)`, () => {
      expect(matches(gmailFixtures, selector)).toEqual(
        expected[name as keyof typeof gmailSelectors],
      );
    });
  }

  it('the thread-open signal (messages) is absent from the list view in every generation', () => {
    const { doc } = loadFixture('gmail-inbox-list.html');
    expect(doc.querySelector(gmailSelectors.message)).toBeNull();
  });
});

describe('Gmail selectors on the real-shape fixtures (tests/fixtures/real-shapes/gmail)', () => {
  const files = [
    'expanded-avatar-ids.html',
    'collapsed-adf-no-id.html',
    'hover-card.html',
    'compose-reply.html',
    'subject-address-short-names.html',
  ];
  const docs = files.map((file) => parseHtml(realShapeFile(`gmail/${file}`).html));

  it('every selector matches at least one real-shape page', () => {
    for (const [name, selector] of Object.entries(gmailSelectors)) {
      if (name === 'detailsTable') continue; // needs a click on "show details"; in gmail-2024-thread.html
      expect(docs.filter((doc) => doc.querySelector(selector)).length, name).toBeGreaterThan(0);
    }
  });

  it('finds collapsed messages without data-message-id, and no message in the list view', () => {
    const collapsed = docs[1]?.querySelectorAll(gmailSelectors.message) ?? [];
    expect([...collapsed].some((m) => !m.closest(gmailSelectors.messageId))).toBe(true);
    const list = parseHtml(realShapeFile('gmail/list-view.html').html);
    expect(list.querySelector(gmailSelectors.message)).toBeNull();
  });
});

describe('Outlook selectors', () => {
  const fixtures = ['outlook-reading-pane.html', 'outlook-live-reading-pane.html'];
  for (const [name, selector] of Object.entries(outlookSelectors)) {
    it(`${name} matches both Outlook fixtures`, () => {
      expect(matches(fixtures, selector)).toEqual(fixtures);
    });
  }
});

describe('LinkedIn selectors', () => {
  const profiles = ['linkedin-profile.html', 'linkedin-profile-2025.html'];
  const companies = ['linkedin-company.html', 'linkedin-company-guest.html'];
  it.each([
    ['profileTopCard', profiles],
    ['profileName', profiles],
    ['profileHeadline', profiles],
    ['currentCompanyLabel', ['linkedin-profile.html']],
    ['currentCompanyLink', profiles],
    ['visuallyHidden', profiles],
  ] as const)('profile: %s', (name, expected) => {
    expect(matches(profiles, linkedinSelectors[name])).toEqual(expected);
  });

  it.each([
    ['companyName', companies],
    ['companyWebsite', companies],
    ['companyAboutTerms', companies],
    ['metaDescription', ['linkedin-company-guest.html']],
  ] as const)('company: %s', (name, expected) => {
    expect(matches(companies, linkedinSelectors[name])).toEqual(expected);
  });

  it('errorHeading finds the heading of both "not found" pages (and is only read for error words)', () => {
    for (const file of ['profile-not-found.html', 'profile-not-found-heading-only.html']) {
      const doc = parseHtml(realShapeFile(`linkedin/${file}`).html);
      expect(doc.querySelector(linkedinSelectors.errorHeading), file).not.toBeNull();
    }
  });

  it('profileTopCard matches the 2026 componentkey top card', () => {
    const doc = parseHtml(realShapeFile('linkedin/profile-2026-topcard.html').html);
    expect(
      doc.querySelector(linkedinSelectors.profileTopCard)?.getAttribute('componentkey'),
    ).toMatch(/Topcard$/);
  });

  it('every company description selector matches a fixture', () => {
    for (const selector of linkedinSelectors.companyDescription) {
      if (selector.startsWith('section.org-about-module__margin-bottom')) continue; // older About layout, kept as a fallback
      expect(matches(companies, selector).length, selector).toBeGreaterThan(0);
    }
  });
});

describe('website selectors', () => {
  const sites = [
    'company-site-jsonld.html',
    'company-site-cloudflare.html',
    'company-site-plain.html',
  ];
  it.each([
    ['title', sites],
    ['siteName', ['company-site-jsonld.html']],
    ['applicationName', ['company-site-cloudflare.html']],
    ['ogDescription', ['company-site-jsonld.html']],
    ['description', sites],
    ['canonical', ['company-site-jsonld.html']],
    ['ogUrl', ['company-site-cloudflare.html']],
  ] as const)('%s', (name, expected) => {
    expect(matches(sites, websiteSelectors[name])).toEqual(expected);
  });
});
