// Every selector the website reader uses, each matched against tests/fixtures/company-site-*.html.

export const websiteSelectors = {
  title: 'head > title, title',
  siteName: 'meta[property="og:site_name"], meta[name="og:site_name"]',
  applicationName: 'meta[name="application-name"]',
  ogDescription: 'meta[property="og:description"], meta[name="og:description"]',
  description: 'meta[name="description" i]',
  canonical: 'link[rel="canonical" i]',
  ogUrl: 'meta[property="og:url"]',
} as const;
