import { describe, expect, it } from 'vitest';
import {
  companyDomain,
  companyNameFromDomain,
  domainInfo,
  hasIcannSuffix,
  registrableDomain,
} from '@/utils/domain/registrable-domain';

describe('registrableDomain', () => {
  it.each([
    ['https://www.acme.co.uk/about?x=1', 'acme.co.uk'],
    ['www.acme.co.uk', 'acme.co.uk'],
    ['maria@Mail.Example.COM', 'example.com'],
    ['https://shop.northwind.example.com.br/', 'example.com.br'],
    ['acme.github.io', 'github.io'],
    ['http://localhost:3000/', null],
    ['https://192.168.0.1/', null],
    ['user@host.local', null],
    ['not a url', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });

  it('accepts URL objects', () => {
    expect(registrableDomain(new URL('https://a.b.example.org/x'))).toBe('example.org');
  });

  it('flags private-suffix hosts as sites rather than companies', () => {
    expect(domainInfo('acme.myshopify.com')).toEqual({
      domain: 'myshopify.com',
      hostname: 'acme.myshopify.com',
      isPrivateSuffix: true,
    });
    expect(domainInfo('www.acme.com')?.isPrivateSuffix).toBe(false);
  });
});

describe('companyDomain', () => {
  it('returns the registrable domain of a business address or site', () => {
    expect(companyDomain('maria@sales.example.com')).toBe('example.com');
    expect(companyDomain('https://www.example.co.uk/')).toBe('example.co.uk');
  });

  it('returns null for free-mail, private-suffix and unknown hosts', () => {
    expect(companyDomain('someone@gmail.com')).toBeNull();
    expect(companyDomain('someone@yahoo.co.jp')).toBeNull();
    expect(companyDomain('https://acme.github.io/')).toBeNull();
    expect(companyDomain('x@printer.lan')).toBeNull();
  });
});

describe('helpers', () => {
  it('checks for a real public suffix', () => {
    expect(hasIcannSuffix('a@example.com')).toBe(true);
    expect(hasIcannSuffix('a@example.invalidtld')).toBe(false);
  });

  it('makes a display name from a domain', () => {
    expect(companyNameFromDomain('northwind-analytics.co.uk')).toBe('Northwind Analytics');
    expect(companyNameFromDomain('acme.com')).toBe('Acme');
  });
});
