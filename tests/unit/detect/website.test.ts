// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '@/tests/unit/detect/fixture';
import { expectValidSnapshot } from '@/tests/unit/detect/snapshot-check';
import { nameFromTitle, readWebsite } from '@/utils/detect/website';

describe('readWebsite: JSON-LD company home page', () => {
  const { doc, url } = loadFixture('company-site-jsonld.html');

  it('takes the name from the page Organization and the rest from meta tags', () => {
    const snapshot = readWebsite(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.source).toBe('website');
    expect(snapshot?.title).toBe('Home | Northwind Analytics – Forecasting for retail');
    expect(snapshot?.company).toEqual({
      name: 'Northwind Analytics Inc.',
      description: 'Demand forecasting for mid-size retailers.',
      website: 'https://www.example.com/',
      canonicalUrl: 'https://www.example.com/',
    });
  });

  it('lists the addresses on the page, structured sources first, without look-alikes or script text', () => {
    expect(readWebsite(doc, url)?.people).toEqual([
      { email: 'hello@example.com', role: 'page' },
      { email: 'sales@example.com', role: 'page' },
      { email: 'careers@example.com', role: 'page' },
    ]);
  });
});

describe('readWebsite: Cloudflare-obfuscated contact page', () => {
  const { doc, url } = loadFixture('company-site-cloudflare.html');

  it('decodes data-cfemail and /cdn-cgi/l/email-protection# links, skipping broken ones', () => {
    const snapshot = readWebsite(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.people).toEqual([
      { email: 'support@example.com', role: 'page' },
      { email: 'jobs@northwind.example.com', role: 'page' },
    ]);
  });

  it('uses application-name and og:url, and a case-insensitive description', () => {
    expect(readWebsite(doc, url)?.company).toEqual({
      name: 'Northwind Shop',
      description: 'Kontakt und Öffnungszeiten.',
      canonicalUrl: 'https://shop.northwind.example.com/contact',
    });
  });
});

describe('readWebsite: plain site', () => {
  it('takes the title part that matches the host name, and text addresses', () => {
    const { doc, url } = loadFixture('company-site-plain.html');
    const snapshot = readWebsite(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.company?.name).toBe('Acme Tools');
    expect(snapshot?.company?.canonicalUrl).toBe('https://acme-tools.example.co.uk/about');
    expect(snapshot?.people).toEqual([{ email: 'info@acme-tools.example.co.uk', role: 'page' }]);
  });
});

describe('nameFromTitle', () => {
  it.each([
    ['Home | Acme', 'www.acme.com', 'Acme'],
    ['Acme - Hand tools since 1921', 'shop.example.org', 'Acme'],
    ['Pricing | Initech', 'initech.example', 'Initech'],
    ['Welcome', 'example.com', ''],
    ['Contoso – Cloud • Contoso Ltd', 'contoso.example', 'Contoso'],
  ])('%j on %s → %j', (title, host, expected) => {
    expect(nameFromTitle(title, host)).toBe(expected);
  });
});

describe('readWebsite: limits and refusals', () => {
  it('returns null for non-web pages', () => {
    expect(readWebsite(parseHtml('<title>x</title>'), new URL('chrome://settings/'))).toBeNull();
    expect(readWebsite(parseHtml('<title>x</title>'), new URL('file:///tmp/x.html'))).toBeNull();
  });

  it('caps the description and keeps a long URL within the schema', () => {
    const long = 'word '.repeat(400);
    const doc = parseHtml(`<head><meta name="description" content="${long}"></head>`);
    const url = new URL(`https://example.com/?q=${'x'.repeat(5000)}`);
    const snapshot = readWebsite(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.company?.description?.length).toBeLessThanOrEqual(300);
    expect(snapshot?.url).toBe('https://example.com/');
  });
});
