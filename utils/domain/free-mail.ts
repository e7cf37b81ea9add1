// Free-mail (personal mailbox) domains: an address there says nothing about the company, so it never triggers a domain lookup.

/** Exact domains of personal mailbox providers (lower-case). */
const FREE_MAIL_DOMAINS = new Set([
  // Google, Microsoft, Apple, Yahoo, AOL
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'msn.com',
  'passport.com',
  'windowslive.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'ymail.com',
  'rocketmail.com',
  'aim.com',
  // Privacy-focused and independent
  'proton.me',
  'pm.me',
  'protonmail.com',
  'protonmail.ch',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'tuta.com',
  'duck.com',
  'mailbox.org',
  'posteo.de',
  'posteo.net',
  'hushmail.com',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'zoho.com',
  'zohomail.com',
  'mail.com',
  'email.com',
  'usa.com',
  'inbox.com',
  'lycos.com',
  'gmx.com',
  // Europe
  'web.de',
  't-online.de',
  'freenet.de',
  'arcor.de',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'libero.it',
  'virgilio.it',
  'tiscali.it',
  'alice.it',
  'seznam.cz',
  'centrum.cz',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'blueyonder.co.uk',
  'ntlworld.com',
  'talktalk.net',
  'bluewin.ch',
  'telenet.be',
  'skynet.be',
  'ziggo.nl',
  'kpnmail.nl',
  'home.nl',
  'planet.nl',
  'online.no',
  'telia.com',
  // Russia and CIS
  'mail.ru',
  'bk.ru',
  'list.ru',
  'inbox.ru',
  'internet.ru',
  'rambler.ru',
  'ya.ru',
  'ukr.net',
  // Asia
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'nate.com',
  'rediffmail.com',
  // Americas and Oceania ISPs
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'juno.com',
  'optonline.net',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'videotron.ca',
  'bigpond.com',
  'optusnet.com.au',
  'xtra.co.nz',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'ig.com.br',
  'prodigy.net.mx',
]);

/**
 * Providers that exist under many country domains (hotmail.co.uk, yahoo.co.jp, gmx.de,
 * yandex.ru…): matched by first label followed by a short, country-style suffix.
 */
const FREE_MAIL_FAMILIES = new Set(['hotmail', 'yahoo', 'gmx', 'yandex', 'live', 'outlook', 'aol']);

function normalize(domain: string): string {
  let d = domain.trim().toLowerCase();
  const at = d.lastIndexOf('@');
  if (at >= 0) d = d.slice(at + 1);
  return d.replace(/\.$/, '');
}

/** True for personal mailbox domains (gmail.com, hotmail.co.uk, yahoo.fr, qq.com…). Accepts an address too. */
export function isFreeMailDomain(domain: string): boolean {
  const d = normalize(domain);
  if (!d) return false;
  if (FREE_MAIL_DOMAINS.has(d)) return true;
  const labels = d.split('.');
  if (labels.length < 2 || labels.length > 3) return false;
  const [first, ...suffix] = labels;
  // Country-style suffixes only: com, de, co.uk, com.br — not a company's own subdomain like yahoo.acme.com.
  return (
    first !== undefined &&
    FREE_MAIL_FAMILIES.has(first) &&
    suffix.every((label) => label.length >= 2 && label.length <= 3)
  );
}
