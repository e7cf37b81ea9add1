import { describe, expect, it } from 'vitest';
import { queryForPage } from '@/utils/lookup/page-query';
import type { PageSnapshot } from '@/utils/page-snapshot';

const none = { ownEmails: [], ownDomains: [], neverLookUp: [] };
const gmail = (emails: string[], extra: Partial<PageSnapshot> = {}): PageSnapshot => ({
  source: 'gmail',
  url: 'https://mail.google.com/mail/u/0/#inbox/x',
  people: emails.map((email) => ({ email, role: 'to' as const })),
  ...extra,
});

describe('what a page asks Close', () => {
  it("sends a thread's addresses and the company domain most people write from", () => {
    expect(
      queryForPage(
        gmail(['peter@initech.com', 'bill@initech.com', 'jo@other.io', 'x@gmail.com']),
        none,
      ),
    ).toEqual({
      emails: ['peter@initech.com', 'bill@initech.com', 'jo@other.io', 'x@gmail.com'],
      domain: 'initech.com',
    });
  });

  it('never sends free-mail domains as a company domain', () => {
    expect(queryForPage(gmail(['a@gmail.com', 'b@gmail.com']), none)).toEqual({
      emails: ['a@gmail.com', 'b@gmail.com'],
    });
  });

  it("leaves out the user's own addresses and organization domain", () => {
    const query = queryForPage(
      gmail(['ada@acme.com', 'colleague@acme.com', 'peter@initech.com'], {
        ownEmails: ['me@alias.com'],
      }),
      { ownEmails: ['ada@acme.com'], ownDomains: ['acme.com'], neverLookUp: [] },
    );
    expect(query).toEqual({ emails: ['peter@initech.com'], domain: 'initech.com' });
  });

  it('leaves out never-look-up addresses and domains', () => {
    const query = queryForPage(gmail(['peter@initech.com', 'boss@secret.org', 'x@y.com']), {
      ...none,
      neverLookUp: ['secret.org', 'X@Y.com'],
    });
    expect(query).toEqual({ emails: ['peter@initech.com'], domain: 'initech.com' });
  });

  it("uses the website's own host, not what its canonical link claims", () => {
    const query = queryForPage(
      {
        source: 'website',
        url: 'https://www.initech.com/about',
        people: [],
        company: { name: 'Initech', canonicalUrl: 'https://evil.example/' },
      },
      none,
    );
    expect(query).toEqual({ emails: [], domain: 'initech.com' });
  });

  it('falls back to a LinkedIn name only when there is nothing else', () => {
    expect(
      queryForPage(
        {
          source: 'linkedin-profile',
          url: 'https://www.linkedin.com/in/peter',
          people: [],
          person: { name: 'Peter Gibbons', company: 'Initech' },
        },
        none,
      ),
    ).toEqual({ emails: [], name: 'Initech' });
  });

  it("asks nothing for a never-look-up website, not even the company's name", () => {
    const site = (url: string): PageSnapshot => ({
      source: 'website',
      url,
      people: [{ email: 'sales@initech.com', role: 'page' }],
      company: { name: 'Initech', description: 'Software' },
    });
    expect(
      queryForPage(site('https://www.initech.com/'), { ...none, neverLookUp: ['initech.com'] }),
    ).toBeNull();
    // A listed subdomain blocks that site, even though its registrable domain is not listed.
    expect(
      queryForPage(site('https://eu.initech.com/'), { ...none, neverLookUp: ['eu.initech.com'] }),
    ).toBeNull();
    // The user's own organization's site is never looked up either.
    expect(
      queryForPage(site('https://www.initech.com/team'), { ...none, ownDomains: ['initech.com'] }),
    ).toBeNull();
    // Another site is still looked up.
    expect(
      queryForPage(site('https://www.initech.com/'), { ...none, neverLookUp: ['hooli.xyz'] }),
    ).toEqual({ emails: ['sales@initech.com'], domain: 'initech.com' });
  });

  it('asks nothing for a LinkedIn company whose website is never looked up', () => {
    const company: PageSnapshot = {
      source: 'linkedin-company',
      url: 'https://www.linkedin.com/company/initech/',
      people: [],
      company: { name: 'Initech', website: 'https://www.initech.com/' },
    };
    expect(queryForPage(company, { ...none, neverLookUp: ['initech.com'] })).toBeNull();
    expect(queryForPage(company, { ...none, ownDomains: ['initech.com'] })).toBeNull();
    expect(queryForPage(company, none)).toEqual({ emails: [], domain: 'initech.com' });
  });

  it('asks nothing for "Look up in Close" on a never-look-up link', () => {
    const selection: PageSnapshot = {
      source: 'selection',
      url: 'https://news.example.org/story',
      people: [],
      company: { website: 'https://initech.com/' },
    };
    expect(queryForPage(selection, { ...none, neverLookUp: ['initech.com'] })).toBeNull();
  });

  it('asks nothing for an empty page and caps huge threads', () => {
    expect(queryForPage(gmail([]), none)).toBeNull();
    const many = Array.from({ length: 300 }, (_, i) => `p${i}@big.com`);
    expect(queryForPage(gmail(many), none)?.emails).toHaveLength(50);
  });
});
