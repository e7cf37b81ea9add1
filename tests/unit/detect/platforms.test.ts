import { describe, expect, it } from 'vitest';
import { isPlatformHost, isPlatformName, platformAccount } from '@/utils/detect/platforms';
import { queryForPage } from '@/utils/lookup/page-query';

describe('platform-host registry', () => {
  it.each([
    ['https://github.com/acme', 'GitHub', 'acme'],
    ['https://gist.github.com/acme/0a1b', 'GitHub', 'acme'],
    ['https://github.com/explore', 'GitHub', null],
    ['https://medium.com/@jane/post-1', 'Medium', 'jane'],
    ['https://acme.medium.com/post-1', 'Medium', 'acme'],
    ['https://acme.substack.com/p/x', 'Substack', 'acme'],
    ['https://substack.com/@acme', 'Substack', 'acme'],
    ['https://x.com/acme/status/1', 'X', 'acme'],
    ['https://mobile.twitter.com/acme', 'X', 'acme'],
    ['https://www.youtube.com/@acme/videos', 'YouTube', 'acme'],
    ['https://www.youtube.com/watch?v=abc', 'YouTube', null],
    ['https://www.instagram.com/acme.shop/', 'Instagram', 'acme.shop'],
    ['https://www.facebook.com/profile.php?id=1', 'Facebook', null],
    ['https://www.linkedin.com/company/acme/', 'LinkedIn', 'acme'],
    ['https://acme.wordpress.com/2026/01/01/x/', 'WordPress.com', 'acme'],
    ['https://acme.blogspot.co.uk/', 'Blogger', 'acme'],
    ['https://www.tumblr.com/blog/acme', 'Tumblr', 'acme'],
    ['https://de.wikipedia.org/wiki/Acme_GmbH', 'Wikipedia', 'Acme GmbH'],
    ['https://en.wikipedia.org/wiki/Special:Search', 'Wikipedia', null],
    ['https://old.reddit.com/r/acme/', 'Reddit', 'r/acme'],
    ['https://vimeo.com/123456', 'Vimeo', null],
    ['https://acme.podbean.com/e/ep1', 'Podbean', 'acme'],
  ])('%s → %s: %s', (href, platform, account) => {
    expect(platformAccount(new URL(href))).toEqual({ platform, account });
  });

  it('leaves ordinary company sites alone (apple.com is not Apple Podcasts)', () => {
    for (const host of ['acme.com', 'www.apple.com', 'githubbers.com', 'mymedium.com']) {
      expect(isPlatformHost(host), host).toBe(false);
    }
    expect(isPlatformHost('podcasts.apple.com')).toBe(true);
  });

  it("knows the platforms' own brands", () => {
    expect(isPlatformName('GitHub')).toBe(true);
    expect(isPlatformName('X (formerly Twitter)')).toBe(false);
    expect(isPlatformName('Twitter')).toBe(true);
    expect(isPlatformName('Acme')).toBe(false);
  });

  it('never votes a platform domain as the company of a thread', () => {
    const query = queryForPage(
      {
        source: 'gmail',
        url: 'https://mail.google.com/mail/u/0/#inbox/x',
        people: [{ email: 'notifications@github.com', role: 'from' }],
      },
      { ownEmails: [], ownDomains: [], neverLookUp: [] },
    );
    expect(query).toEqual({ emails: ['notifications@github.com'] });
  });

  it("never looks up a LinkedIn company's website when it is a platform page", () => {
    const query = queryForPage(
      {
        source: 'linkedin-company',
        url: 'https://www.linkedin.com/company/acme/',
        people: [],
        company: { name: 'Acme', website: 'https://www.facebook.com/acme' },
      },
      { ownEmails: [], ownDomains: [], neverLookUp: [] },
    );
    expect(query).toEqual({ emails: [], name: 'Acme' });
  });

  it('honours the never-look-up list for a platform page', () => {
    const query = queryForPage(
      {
        source: 'website',
        url: 'https://github.com/acme',
        people: [],
        company: { name: 'acme', platform: { name: 'GitHub', account: 'acme' } },
      },
      { ownEmails: [], ownDomains: [], neverLookUp: ['github.com'] },
    );
    expect(query).toBeNull();
  });
});
