// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseHtml } from '@/tests/unit/detect/fixture';
import {
  decodeCfEmail,
  EMAIL_LIMITS,
  emailsFromMailto,
  emailsInText,
  emailsInTextNodes,
  normalizeEmail,
  parseNameAndEmail,
} from '@/utils/detect/emails';

describe('normalizeEmail', () => {
  it('lower-cases and strips mailto:, query and angle brackets', () => {
    expect(normalizeEmail(' MAILTO:Sales@Example.COM?subject=x ')).toBe('sales@example.com');
    expect(normalizeEmail('<Maria.Lopez@Example.com>')).toBe('maria.lopez@example.com');
  });

  it.each([
    'logo@2x.png',
    'sprite@3x',
    'foo@com.jpeg',
    'react@18.2.0',
    'cid:image001.png@01D7A.example.com',
    'image001.png@01d7a.example.com',
    'user@localhost',
    'a@b.c',
    'beep..@foo.com',
    '+@test.com',
    'bundle@1.2.js',
    'bundle@1.2.zip',
    'notes@2.0.md',
    'x@y.css',
    'josé@exämple.de',
    '',
  ])('rejects look-alike %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it('accepts ordinary business addresses', () => {
    for (const raw of ['a.b-c+tag@sub.example.co.uk', 'x_y@example.io', 'kim@example.co.kr']) {
      expect(normalizeEmail(raw)).toBe(raw.toLowerCase());
    }
  });

  it('accepts mailboxes at real top-level domains that are also file extensions', () => {
    for (const raw of ['ion@vinaria.md', 'pat@studio.zip', 'sam@films.mov', 'li@163.com']) {
      expect(normalizeEmail(raw)).toBe(raw);
    }
  });

  it('rejects overlong addresses', () => {
    expect(normalizeEmail(`${'a'.repeat(65)}@example.com`)).toBeNull();
    expect(normalizeEmail(`a@${'b'.repeat(250)}.com`)).toBeNull();
  });
});

describe('emailsFromMailto', () => {
  it('reads every address of a mailto: link, including cc/bcc, decoded and de-duplicated', () => {
    expect(
      emailsFromMailto(
        'mailto:a@example.com,%20B@Example.com;a@example.com?cc=c@example.org&subject=Hi&bcc=d@example.net',
      ),
    ).toEqual(['a@example.com', 'b@example.com', 'c@example.org', 'd@example.net']);
  });

  it('ignores non-mailto links and malformed escapes', () => {
    expect(emailsFromMailto('https://example.com/a@b.com')).toEqual([]);
    expect(emailsFromMailto('mailto:%E0%A4%A@example.com')).toEqual([]);
    expect(emailsFromMailto(null)).toEqual([]);
  });
});

describe('decodeCfEmail', () => {
  it('decodes the published test vector', () => {
    expect(decodeCfEmail('98d1fcf7f4f5d8ebecfdea')).toBe('Idolm@ster');
  });

  it('returns null for junk', () => {
    expect(decodeCfEmail('zz')).toBeNull();
    expect(decodeCfEmail('abc')).toBeNull();
    expect(decodeCfEmail('')).toBeNull();
    expect(decodeCfEmail('ab'.repeat(400))).toBeNull();
  });
});

describe('emailsInText', () => {
  it('finds addresses in prose without trailing punctuation', () => {
    expect(emailsInText('Write to Sales@Example.com. Or (ops@example.org), or "x@y.io";')).toEqual([
      'sales@example.com',
      'ops@example.org',
      'x@y.io',
    ]);
  });

  it('does not truncate a file extension into a TLD, nor split glued tokens', () => {
    expect(
      emailsInText(
        'foo@com.jpeg foo@bar@baz.example.com logo@2x.png https://maps.example.net/@40.7,-73.9,11z',
      ),
    ).toEqual([]);
    expect(emailsInText('josé@exämple.de a@exämple.de')).toEqual([]);
  });

  it('drops git remotes, URL credentials and pieces of quoted local parts', () => {
    expect(emailsInText('git clone git@github.com:org/repo.git')).toEqual([]);
    expect(emailsInText('remote: ssh://git@gitlab.example.com/org/repo.git')).toEqual([]);
    expect(emailsInText('proxy http://user:s3cret@proxy.example.com:8080 here')).toEqual([]);
    expect(emailsInText('see https://token@api.example.com/v1 docs')).toEqual([]);
    expect(emailsInText('"foo"bar@example.com and \\"x\\"y@example.org')).toEqual([]);
    expect(emailsInText('(comment)kim@example.com')).toEqual([]);
  });

  it('keeps quoted, bracketed and colon-introduced addresses whole', () => {
    expect(emailsInText('Write to "kim@example.com" or <lee@example.org>.')).toEqual([
      'kim@example.com',
      'lee@example.org',
    ]);
    expect(emailsInText('E-mail:info@example.net, Sales: sales@example.net: ask')).toEqual([
      'info@example.net',
      'sales@example.net',
    ]);
    expect(emailsInText('mailto:ops@example.com')).toEqual(['ops@example.com']);
  });

  it('accepts punycode domains (internationalised domain names as browsers give them)', () => {
    expect(emailsInText('info@xn--bcher-kva.de and post@xn--80ak6aa92e.xn--p1ai')).toEqual([
      'info@xn--bcher-kva.de',
      'post@xn--80ak6aa92e.xn--p1ai',
    ]);
    expect(normalizeEmail('a@-bad-.com')).toBeNull();
  });

  it('stops at the cap', () => {
    const text = Array.from({ length: 500 }, (_, i) => `p${i}@example.com`).join(' ');
    expect(emailsInText(text, [], 10)).toHaveLength(10);
  });

  // A quadratic scan would overrun the timeout on this input; speed is measured by npm run bench.
  it('does not stall on a hostile run of @ signs and letters', () => {
    const text = `${'a'.repeat(200_000)}@${'b'.repeat(200_000)}${'@a'.repeat(50_000)}`;
    expect(emailsInText(text)).toEqual([]);
  }, 5_000);
});

describe('emailsInTextNodes', () => {
  it('skips script, style and textarea text, and subtrees matching `skip`', () => {
    const doc = parseHtml(
      '<body><p>a@example.com</p><script>var x="b@example.com"</script><style>/* c@example.com */</style><textarea>d@example.com</textarea><div class="quote">e@example.com</div></body>',
    );
    expect(emailsInTextNodes(doc.body, [], { skip: '.quote' })).toEqual(['a@example.com']);
  });

  it('stops after the text-node cap', () => {
    const doc = parseHtml('<body></body>');
    for (let i = 0; i < EMAIL_LIMITS.maxTextNodes + 100; i++)
      doc.body.append(doc.createTextNode('x '));
    doc.body.append(doc.createTextNode('late@example.com'));
    expect(emailsInTextNodes(doc.body)).toEqual([]);
  });
});

describe('parseNameAndEmail', () => {
  it('splits "Name <address>"', () => {
    expect(parseNameAndEmail('"Maria Lopez" <Maria@Example.com>')).toEqual({
      name: 'Maria Lopez',
      email: 'maria@example.com',
    });
    expect(parseNameAndEmail('ops@example.org')).toEqual({ email: 'ops@example.org' });
    expect(parseNameAndEmail('Nobody <nope>')).toBeNull();
  });
});
