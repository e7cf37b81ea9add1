// Platform hosts: sites where many people and companies publish (GitHub, Medium, Substack, YouTube,
// Wikipedia, podcast hosts…). Their domain is never the company of a page they host; the account or
// publication in the URL is, and a canonical link to the writer's own domain beats both.
// Pure and dependency-free: used by the page reader (content side) and the look-up query (background).

export interface Platform {
  /** Shown to the user: "on GitHub: acme". */
  name: string;
  /** Registrable domains (and subdomains) the platform serves pages from. */
  domains: readonly string[];
  /** Where the account sits: a subdomain (`acme.substack.com`), a path, or nowhere in the URL. */
  account: 'subdomain' | 'path' | 'subdomain-or-path' | 'none';
  /**
   * Reads the account from the URL path segments; a string when found. Default: the first segment
   * (an `@` stripped) unless it is one of the platform's own sections.
   */
  fromPath?: (segments: readonly string[]) => string | null;
  /** First path segments that are the platform's own pages, not an account. */
  reserved?: readonly string[];
}

const COMMON_RESERVED = [
  'about',
  'login',
  'signup',
  'join',
  'search',
  'explore',
  'settings',
  'help',
  'privacy',
  'terms',
  'legal',
  'home',
  'feed',
  'tag',
  'tags',
  'topics',
  'topic',
  'trending',
  'notifications',
  'messages',
  'share',
  'sharer',
  'intent',
  'hashtag',
  'i',
  'watch',
  'results',
  'p',
  'reel',
  'reels',
  'stories',
  'status',
  'pricing',
  'features',
  'marketplace',
  'sponsors',
  'orgs',
  'new',
];

const at = (segment: string | undefined): string | null => {
  if (!segment) return null;
  const clean = segment.replace(/^@/, '').trim();
  return clean && clean.length <= 100 ? clean : null;
};

/** Every known platform. Order does not matter: hosts do not overlap. */
export const PLATFORMS: readonly Platform[] = [
  { name: 'GitHub', domains: ['github.com'], account: 'path' },
  { name: 'GitHub Pages', domains: ['github.io'], account: 'subdomain' },
  { name: 'GitLab', domains: ['gitlab.com', 'gitlab.io'], account: 'subdomain-or-path' },
  { name: 'Bitbucket', domains: ['bitbucket.org', 'bitbucket.io'], account: 'subdomain-or-path' },
  { name: 'Medium', domains: ['medium.com'], account: 'subdomain-or-path' },
  {
    name: 'Substack',
    domains: ['substack.com'],
    account: 'subdomain-or-path',
    fromPath: (s) => (s[0]?.startsWith('@') ? at(s[0]) : null),
  },
  { name: 'X', domains: ['x.com', 'twitter.com'], account: 'path' },
  {
    name: 'YouTube',
    domains: ['youtube.com', 'youtu.be'],
    account: 'path',
    fromPath: (s) =>
      s[0]?.startsWith('@') ? at(s[0]) : s[0] === 'c' || s[0] === 'user' ? at(s[1]) : null,
  },
  { name: 'Instagram', domains: ['instagram.com'], account: 'path' },
  {
    name: 'Facebook',
    domains: ['facebook.com', 'fb.com', 'fb.me'],
    account: 'path',
    reserved: ['profile.php', 'groups', 'events', 'watch', 'photo', 'photo.php', 'story.php'],
  },
  {
    name: 'LinkedIn',
    domains: ['linkedin.com', 'lnkd.in'],
    account: 'path',
    fromPath: (s) =>
      s[0] === 'company' || s[0] === 'in' || s[0] === 'school' || s[0] === 'showcase'
        ? at(s[1])
        : null,
  },
  { name: 'WordPress.com', domains: ['wordpress.com'], account: 'subdomain' },
  {
    name: 'Blogger',
    domains: ['blogspot.com', 'blogger.com'],
    account: 'subdomain',
  },
  {
    name: 'Tumblr',
    domains: ['tumblr.com'],
    account: 'subdomain-or-path',
    fromPath: (s) => (s[0] === 'blog' ? at(s[1]) : at(s[0])),
  },
  {
    name: 'Wikipedia',
    domains: ['wikipedia.org', 'wikimedia.org', 'wikidata.org'],
    account: 'path',
    fromPath: (s) => {
      if (s[0] !== 'wiki' || !s[1]) return null;
      const title = s[1].replace(/_/g, ' ');
      return /^(?:special|help|wikipedia|talk|user|file|category|portal|template):/i.test(title)
        ? null
        : at(title);
    },
  },
  {
    name: 'Reddit',
    domains: ['reddit.com', 'redd.it'],
    account: 'path',
    fromPath: (s) =>
      s[0] === 'r' && s[1]
        ? `r/${s[1]}`
        : (s[0] === 'user' || s[0] === 'u') && s[1]
          ? `u/${s[1]}`
          : null,
  },
  {
    name: 'Vimeo',
    domains: ['vimeo.com'],
    account: 'path',
    fromPath: (s) => (s[0] && !/^\d+$/.test(s[0]) ? at(s[0]) : null),
  },
  { name: 'TikTok', domains: ['tiktok.com'], account: 'path' },
  { name: 'Threads', domains: ['threads.net', 'threads.com'], account: 'path' },
  { name: 'Pinterest', domains: ['pinterest.com'], account: 'path' },
  { name: 'SoundCloud', domains: ['soundcloud.com'], account: 'path' },
  { name: 'Patreon', domains: ['patreon.com'], account: 'path' },
  { name: 'Linktree', domains: ['linktr.ee'], account: 'path' },
  { name: 'Behance', domains: ['behance.net'], account: 'path' },
  { name: 'Dribbble', domains: ['dribbble.com'], account: 'path' },
  { name: 'DEV', domains: ['dev.to'], account: 'path' },
  { name: 'Hashnode', domains: ['hashnode.dev', 'hashnode.com'], account: 'subdomain-or-path' },
  { name: 'Ghost', domains: ['ghost.io'], account: 'subdomain' },
  { name: 'Notion', domains: ['notion.site'], account: 'subdomain' },
  { name: 'Wix', domains: ['wixsite.com'], account: 'subdomain' },
  { name: 'Beehiiv', domains: ['beehiiv.com'], account: 'subdomain' },
  { name: 'Mastodon', domains: ['mastodon.social'], account: 'path' },
  {
    name: 'Bluesky',
    domains: ['bsky.app'],
    account: 'path',
    fromPath: (s) => (s[0] === 'profile' ? at(s[1]) : null),
  },
  {
    name: 'Apple Podcasts',
    domains: ['podcasts.apple.com'],
    account: 'path',
    // /us/podcast/<show-slug>/id123456
    fromPath: (s) => {
      const i = s.indexOf('podcast');
      return i >= 0 ? at(s[i + 1]?.replace(/-/g, ' ')) : null;
    },
  },
  { name: 'Spotify', domains: ['open.spotify.com', 'podcasters.spotify.com'], account: 'none' },
  { name: 'Anchor', domains: ['anchor.fm'], account: 'path' },
  { name: 'Podbean', domains: ['podbean.com'], account: 'subdomain' },
  { name: 'Libsyn', domains: ['libsyn.com'], account: 'subdomain' },
  { name: 'Buzzsprout', domains: ['buzzsprout.com'], account: 'none' },
  { name: 'Simplecast', domains: ['simplecast.com'], account: 'subdomain' },
  { name: 'Transistor', domains: ['transistor.fm'], account: 'subdomain' },
  { name: 'Captivate', domains: ['captivate.fm'], account: 'subdomain' },
  { name: 'Podcast Addict', domains: ['podcastaddict.com'], account: 'none' },
];

/** Hosts a platform serves under; `podcasts.apple.com` is a platform, apple.com is not. */
const BY_DOMAIN = new Map<string, Platform>();
for (const platform of PLATFORMS)
  for (const domain of platform.domains) BY_DOMAIN.set(domain, platform);

/** Subdomains that are the platform's own, not an account (`www.`, `m.`, `en.` on Wikipedia…). */
const PLATFORM_SUBDOMAIN =
  /^(?:www\d?|m|mobile|app|web|blog|help|support|docs|api|gist|pages|[a-z]{2}(?:-[a-z]{2,4})?)$/;

function normalizedHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/** The platform serving `hostname` (itself or a parent domain), with the matched domain. */
export function platformOfHost(
  hostname: string,
): { platform: Platform; domain: string; sub: string } | null {
  const host = normalizedHost(hostname);
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const domain = labels.slice(i).join('.');
    const platform = BY_DOMAIN.get(domain);
    if (platform) return { platform, domain, sub: labels.slice(0, i).join('.') };
  }
  // Blogger serves country copies: acme.blogspot.co.uk, acme.blogspot.de.
  const blogspot = labels.indexOf('blogspot');
  if (blogspot > 0) {
    const platform = BY_DOMAIN.get('blogspot.com');
    if (platform)
      return {
        platform,
        domain: labels.slice(blogspot).join('.'),
        sub: labels.slice(0, blogspot).join('.'),
      };
  }
  return null;
}

/** True when the host belongs to a platform (its domain must never be a page's company). */
export function isPlatformHost(hostname: string): boolean {
  return platformOfHost(hostname) !== null;
}

function pathSegments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter(Boolean)
    .slice(0, 6)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

export interface PlatformAccount {
  /** The platform's display name ("GitHub"). */
  platform: string;
  /** The account, publication or subject the page is about ("acme"), or null when the URL has none. */
  account: string | null;
}

/** Which platform serves the URL and whose page it is, or null when the URL is not on a platform. */
export function platformAccount(url: URL): PlatformAccount | null {
  const found = platformOfHost(url.hostname);
  if (!found) return null;
  const { platform, sub } = found;
  const subLabel = sub.split('.').pop() ?? '';
  let account: string | null = null;
  if (
    (platform.account === 'subdomain' || platform.account === 'subdomain-or-path') &&
    subLabel &&
    !PLATFORM_SUBDOMAIN.test(subLabel)
  ) {
    account = subLabel;
  }
  if (!account && (platform.account === 'path' || platform.account === 'subdomain-or-path')) {
    const segments = pathSegments(url);
    if (platform.fromPath) account = platform.fromPath(segments);
    else {
      const first = segments[0];
      const reserved = [...COMMON_RESERVED, ...(platform.reserved ?? [])];
      account = first && !reserved.includes(first.toLowerCase()) ? at(first) : null;
    }
  }
  return { platform: platform.name, account };
}

/** True when the URL's account is its subdomain (acme.substack.com), where og:site_name is the publication. */
export function platformAccountIsSubdomain(url: URL): boolean {
  const found = platformOfHost(url.hostname);
  const subLabel = found?.sub.split('.').pop() ?? '';
  return (
    !!found &&
    found.platform.account !== 'path' &&
    found.platform.account !== 'none' &&
    !!subLabel &&
    !PLATFORM_SUBDOMAIN.test(subLabel)
  );
}

/** True when `name` is just the platform's own brand ("GitHub", "Medium", "YouTube"). */
export function isPlatformName(name: string): boolean {
  const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!squashed) return false;
  return PLATFORMS.some(
    (platform) =>
      platform.name.toLowerCase().replace(/[^a-z0-9]/g, '') === squashed ||
      platform.domains.some((domain) => domain.replace(/[^a-z0-9]/g, '') === squashed) ||
      (squashed === 'twitter' && platform.name === 'X') ||
      (squashed === 'blogger' && platform.name === 'Blogger'),
  );
}
