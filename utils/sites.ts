// The supported sites, one row each: its switch name, hosts, host permissions, how it is read and
// its reader. A new site is one reader (utils/detect/), one selectors file, one fixture and one row
// here. (Platform hosts such as github.com, which are company pages of another kind, live in
// utils/detect/, not here.)

import type { ScriptPublicPath } from 'wxt/utils/inject-script';

export type SiteName = 'gmail' | 'outlook' | 'linkedin' | 'anySite';

export interface SiteInfo {
  name: SiteName;
  /** Exact hostnames; empty for `anySite` (every other http(s) page). */
  hosts: readonly string[];
  /** Host permissions: granted at install (`required`) or asked for when the user turns it on. */
  origins: readonly string[];
  access: 'required' | 'optional' | 'activeTab';
  /**
   * `watched`: a content script stays on the page and reports by itself (the only sites whose
   * reports the background accepts). `on-demand`: read when the user opens the panel or clicks.
   */
  reading: 'watched' | 'on-demand';
  /** The script that reads the page (a WXT entrypoint's output path). */
  reader: ScriptPublicPath;
}

export const SITES: Readonly<Record<SiteName, SiteInfo>> = {
  gmail: {
    name: 'gmail',
    hosts: ['mail.google.com'],
    origins: ['https://mail.google.com/*'],
    access: 'required',
    reading: 'watched',
    reader: '/content-scripts/gmail.js',
  },
  outlook: {
    name: 'outlook',
    hosts: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'],
    origins: [
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
    ],
    access: 'optional',
    reading: 'watched',
    reader: '/outlook-reader.js',
  },
  linkedin: {
    name: 'linkedin',
    hosts: ['www.linkedin.com', 'linkedin.com'],
    origins: ['https://www.linkedin.com/*'],
    access: 'optional',
    reading: 'on-demand',
    reader: '/linkedin-reader.js',
  },
  anySite: {
    name: 'anySite',
    hosts: [],
    origins: [],
    access: 'activeTab',
    reading: 'on-demand',
    reader: '/page-reader.js',
  },
};

export const SITE_NAMES: readonly SiteName[] = ['gmail', 'outlook', 'linkedin', 'anySite'];

/** Outlook on the web's hosts (work and personal accounts). */
export const OUTLOOK_HOSTS = SITES.outlook.hosts;

/** The optional host permissions each site needs (Gmail's is granted at install). */
export const SITE_ORIGINS: Record<'outlook' | 'linkedin', string[]> = {
  outlook: [...SITES.outlook.origins],
  linkedin: [...SITES.linkedin.origins],
};

/** The site a page belongs to (for its switch and its reader); null for what is not a URL. */
export function siteForUrl(url: string): SiteName | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  return SITE_NAMES.find((name) => SITES[name].hosts.includes(host)) ?? 'anySite';
}

/** Only sites read by a watching content script report pages by themselves (Gmail, Outlook). */
export function reportsByItself(site: SiteName | null | string): site is 'gmail' | 'outlook' {
  return site !== null && site in SITES && SITES[site as SiteName].reading === 'watched';
}
