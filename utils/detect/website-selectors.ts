// Every selector the website reader uses, each matched against tests/fixtures/company-site-*.html.

export const websiteSelectors = {
  title: 'head > title, title',
  siteName: 'meta[property="og:site_name"], meta[name="og:site_name"]',
  applicationName: 'meta[name="application-name"]',
  ogDescription: 'meta[property="og:description"], meta[name="og:description"]',
  // `i` covers every casing in browsers; the explicit variant is for DOMs without `i` on `=`.
  description: 'meta[name="description" i], meta[name="Description"]',
  canonical: 'link[rel="canonical" i]',
  ogUrl: 'meta[property="og:url"]',
} as const;
