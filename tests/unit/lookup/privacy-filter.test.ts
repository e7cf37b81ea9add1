// The one privacy rule for what may be sent to Close (page look-ups and the duplicate check).
import { describe, expect, it } from 'vitest';
import { lookupFilter } from '@/utils/lookup/privacy-filter';

const filters = {
  ownEmails: ['ada@acme.test'],
  ownDomains: ['acme.test'],
  neverLookUp: ['boss@hooli.xyz', 'secret.org', 'eu.initech.com'],
};

describe('lookupFilter', () => {
  const allowed = lookupFilter(filters, ['ada.alt@gmail.com']);

  it('never sends the user’s own addresses, those the page says are theirs, or their domain', () => {
    expect(allowed.email('ada@acme.test')).toBe(false);
    expect(allowed.email('ADA@acme.test')).toBe(false);
    expect(allowed.email('ada.alt@gmail.com')).toBe(false);
    expect(allowed.email('colleague@acme.test')).toBe(false);
    expect(allowed.email('colleague@eu.acme.test')).toBe(false);
    expect(allowed.domain('acme.test')).toBe(false);
    expect(allowed.domain('eu.acme.test')).toBe(false);
  });

  it('never sends a listed address, or a listed domain with its subdomains and addresses', () => {
    expect(allowed.email('boss@hooli.xyz')).toBe(false);
    expect(allowed.email('peter@secret.org')).toBe(false);
    expect(allowed.email('peter@mail.secret.org')).toBe(false);
    expect(allowed.domain('secret.org')).toBe(false);
    expect(allowed.site('https://www.secret.org/team')).toBe(false);
    // A listed subdomain blocks that host, not its parent.
    expect(allowed.site('https://eu.initech.com/')).toBe(false);
    expect(allowed.site('https://www.initech.com/')).toBe(true);
  });

  it('sends everyone else', () => {
    expect(allowed.email('peter@initech.com')).toBe(true);
    expect(allowed.email('richard@hooli.xyz')).toBe(true);
    expect(allowed.domain('initech.com')).toBe(true);
    expect(allowed.text('Initech')).toBe(true);
  });

  it('refuses a name that is itself a blocked address or domain', () => {
    expect(allowed.text('secret.org')).toBe(false);
    expect(allowed.text('boss@hooli.xyz')).toBe(false);
  });

  it('filters nothing without filters', () => {
    const open = lookupFilter(undefined);
    expect(open.email('ada@acme.test')).toBe(true);
    expect(open.site('https://secret.org/')).toBe(true);
  });
});
