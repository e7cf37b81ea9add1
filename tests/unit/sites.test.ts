// The supported-sites registry: which site a page belongs to and which sites report by themselves.
import { describe, expect, it } from 'vitest';
import { reportsByItself, SITE_NAMES, SITES, siteForUrl } from '@/utils/sites';

describe('supported sites', () => {
  it('finds the site of a page by its host', () => {
    expect(siteForUrl('https://mail.google.com/mail/u/0/#inbox/abc')).toBe('gmail');
    expect(siteForUrl('https://outlook.office.com/mail/inbox')).toBe('outlook');
    expect(siteForUrl('https://outlook.office365.com/mail/')).toBe('outlook');
    expect(siteForUrl('https://outlook.live.com/mail/0/')).toBe('outlook');
    expect(siteForUrl('https://www.linkedin.com/in/ada')).toBe('linkedin');
    expect(siteForUrl('https://linkedin.com/company/initech')).toBe('linkedin');
    expect(siteForUrl('https://initech.com/about')).toBe('anySite');
    // Look-alike hosts are any other site, never Gmail.
    expect(siteForUrl('https://mail.google.com.evil.example/')).toBe('anySite');
    expect(siteForUrl('not a url')).toBeNull();
  });

  it('lets only Gmail and Outlook report by themselves', () => {
    expect(SITE_NAMES.filter(reportsByItself)).toEqual(['gmail', 'outlook']);
    expect(reportsByItself('website')).toBe(false);
    expect(reportsByItself('selection')).toBe(false);
    expect(reportsByItself(null)).toBe(false);
  });

  it('asks only for its own hosts, and for Gmail at install only', () => {
    for (const name of SITE_NAMES) {
      for (const origin of SITES[name].origins) {
        expect(SITES[name].hosts).toContain(new URL(origin.replace('/*', '/')).hostname);
      }
    }
    expect(SITE_NAMES.filter((name) => SITES[name].access === 'required')).toEqual(['gmail']);
  });
});
