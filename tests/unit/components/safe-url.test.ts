import { describe, expect, it } from 'vitest';
import { linkText, mailtoHref, safeHttpUrl, telHref } from '@/components/safe-url';

describe('links built from Close data', () => {
  it("shows a lead URL's real host, not a user@ part posing as one", () => {
    const href = safeHttpUrl('https://acme.com@evil.example/login') as string;
    expect(new URL(href).host).toBe('evil.example');
    expect(linkText(href)).toBe('evil.example/login');
    expect(linkText(safeHttpUrl('acme.com') as string)).toBe('acme.com');
    expect(linkText(safeHttpUrl('https://www.acme.com/about/?utm=x#top') as string)).toBe(
      'www.acme.com/about',
    );
  });

  it('shows a look-alike host in punycode', () => {
    // Cyrillic "а" in place of the Latin one.
    expect(linkText(safeHttpUrl('https://\u0430cme.com/') as string)).toMatch(
      /^xn--[a-z0-9-]+\.com$/,
    );
  });

  it('encodes mailto: addresses so no header or body can ride along', () => {
    expect(mailtoHref('peter@initech.com')).toBe('mailto:peter@initech.com');
    const href = mailtoHref('peter@initech.com?cc=boss@evil.example&body=Wire money');
    expect(href).not.toMatch(/[?&= ]/);
    expect(href.startsWith('mailto:peter')).toBe(true);
  });

  it('keeps only the digits (and a leading plus) of a tel: link', () => {
    expect(telHref('+1 (555) 010-9999')).toBe('tel:+15550109999');
    expect(telHref('555 0100;phone-context=evil?x=1')).toMatch(/^tel:\d+$/);
  });
});
