// Every LinkedIn selector in one place, for the logged-in SPA (2025 and 2026 shapes) and the guest
// pages. Each one is matched against tests/fixtures/linkedin-*.html. Read-only: nothing here is used
// to change LinkedIn's page.

export const linkedinSelectors = {
  /** The profile's top card (name, headline, current company). */
  profileTopCard:
    '[data-view-name="profile-top-card"], section[componentkey*="Topcard" i], section.pv-top-card, main section.artdeco-card',
  /** The person's name: an h1 since Feb 2026, an h2.text-heading-xlarge before. */
  profileName: 'h1.text-heading-xlarge, .text-heading-xlarge, h1',
  profileHeadline:
    '.text-body-medium.break-words, .text-body-medium, [data-generated-suggestion-target]',
  /** "Current company: X" in an aria-label (button) or in a visually hidden span of the company link. */
  currentCompanyLabel: '[aria-label^="Current company" i]',
  currentCompanyLink: 'a[href*="/company/"]',
  /** Accessible-only copies that would double the visible text ("RTCKRTCK"). */
  visuallyHidden: '.visually-hidden, .a11y-text',

  companyName:
    '.org-top-card-summary__title, h1.top-card-layout__title, .top-card-layout__title, h1.org-top-card-summary__title, main h1',
  companyWebsite:
    '.org-top-card-primary-actions__inner a[href], [data-test-id="about-us__website"] a[href], a[data-tracking-control-name="about_website"][href]',
  /** The About page's definition list: dt "Website" → dd a. */
  companyAboutTerms: 'dl dt',
  /** In priority order (the About text beats the one-line tagline). */
  companyDescription: [
    '.org-about-us-organization-description__text',
    '[data-test-id="about-us__description"]',
    'section.org-about-module__margin-bottom p',
    '.org-top-card-summary__tagline',
  ],
  /** Headings an error page shows ("This page doesn't exist"); checked for error wording only. */
  errorHeading: 'main h1, h1',
  metaDescription: 'meta[property="og:description"], meta[name="description"]',
} as const;
