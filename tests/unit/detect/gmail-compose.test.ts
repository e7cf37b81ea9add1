// @vitest-environment happy-dom
// The compose reader on each DOM generation of Gmail's compose window, its merge with the thread's
// people, and the selectors it relies on.
import { describe, expect, it } from 'vitest';
import { realShapeFile } from '@/tests/fixtures/real-shapes/evaluate';
import { loadFixture, parseHtml } from '@/tests/unit/detect/fixture';
import { expectValidSnapshot } from '@/tests/unit/detect/snapshot-check';
import { readGmail } from '@/utils/detect/gmail';
import { readGmailCompose, withGmailCompose } from '@/utils/detect/gmail-compose';
import { gmailComposeSelectors } from '@/utils/detect/gmail-selectors';
import { queryForPage } from '@/utils/lookup/page-query';

const OWN = ['kai@northgate-supply.com'];

function read(name: string) {
  const { doc, url } = loadFixture(name);
  const snapshot = withGmailCompose(readGmail(doc, url), doc, url);
  expectValidSnapshot(snapshot);
  return { doc, url, snapshot };
}

describe('Gmail compose recipients, per DOM generation', () => {
  it('classic chips (before 2021): To and Cc from the chips, not the half-typed address nor the user', () => {
    const { doc } = loadFixture('gmail-compose-2019-classic.html');
    expect(readGmailCompose(doc, OWN)).toEqual([
      { email: 'lena.brandt@corvalis-tools.com', name: 'Lena Brandt', field: 'to' },
      { email: 'purchasing@corvalis-tools.com', field: 'to' },
      { email: 'theo.marsh@ferrow.io', name: 'Theo Marsh', field: 'cc' },
    ]);
  });

  it('2021+ chips in two pop-ups: one entry per address, suggestions and the user left out', () => {
    const { doc } = loadFixture('gmail-compose-2021-popup.html');
    expect(readGmailCompose(doc, OWN)).toEqual([
      { email: 'ines.carvalho@mareva-labs.com', name: 'Inês Carvalho', field: 'to' },
      { email: 'info@mareva-labs.com', field: 'to' },
      { email: 'jun.park@oakridge-freight.com', name: 'Jun Park', field: 'cc' },
      { email: 'priya.raman@tessel-analytics.com', name: 'Priya Raman', field: 'to' },
    ]);
  });

  it('2024 inline reply: the reply-to and the added Cc, odd attribute values cleaned', () => {
    const { doc } = loadFixture('gmail-compose-2024-inline-reply.html');
    expect(readGmailCompose(doc, OWN)).toEqual([
      { email: 'sofia.berg@lumen-grid.com', name: 'Sofia Berg', field: 'to' },
      { email: 'marek.novak@lumen-grid.com', name: 'Marek Novak', field: 'cc' },
      { email: 'ops-desk@lumen-grid.com', field: 'cc' },
    ]);
  });

  it('a reply whose recipient field is only labelled "To recipients" (real-shapes compose-reply)', () => {
    const doc = parseHtml(realShapeFile('gmail/compose-reply.html').html);
    expect(readGmailCompose(doc, ['dana@harbourline.com'])).toEqual([
      { email: 'yuki.tanabe@fabrikam.com', name: 'Yuki Tanabe', field: 'to' },
      { email: 'legal@fabrikam.com', name: 'Fabrikam Legal', field: 'to' },
    ]);
  });

  it('reads nothing on pages without a compose window', () => {
    for (const name of ['gmail-2024-thread.html', 'gmail-inbox-list.html']) {
      expect(readGmailCompose(loadFixture(name).doc)).toEqual([]);
    }
  });
});

describe('compose recipients in the page snapshot', () => {
  it('a new message over the inbox makes a snapshot of its own, own address excluded', () => {
    const { snapshot } = read('gmail-compose-2021-popup.html');
    expect(snapshot?.source).toBe('gmail');
    expect(snapshot?.people).toEqual([
      { email: 'ines.carvalho@mareva-labs.com', name: 'Inês Carvalho', writing: 'to' },
      { email: 'info@mareva-labs.com', writing: 'to' },
      { email: 'jun.park@oakridge-freight.com', name: 'Jun Park', writing: 'cc' },
      { email: 'priya.raman@tessel-analytics.com', name: 'Priya Raman', writing: 'to' },
    ]);
    expect(snapshot?.ownEmails).toEqual(OWN);
  });

  it('a reply keeps one entry per person: the thread sender is marked as written to', () => {
    const { snapshot } = read('gmail-compose-2024-inline-reply.html');
    expect(snapshot?.title).toBe('Pilot results');
    expect(snapshot?.people).toEqual([
      { email: 'sofia.berg@lumen-grid.com', name: 'Sofia Berg', role: 'from', writing: 'to' },
      { email: 'marek.novak@lumen-grid.com', name: 'Marek Novak', writing: 'cc' },
      { email: 'ops-desk@lumen-grid.com', writing: 'cc' },
    ]);
  });

  it('leaves the thread snapshot as it was when nothing is being written', () => {
    const { doc, url } = loadFixture('gmail-2024-thread.html');
    const thread = readGmail(doc, url);
    expect(withGmailCompose(thread, doc, url)).toBe(thread);
    const list = loadFixture('gmail-inbox-list.html');
    expect(withGmailCompose(null, list.doc, list.url)).toBeNull();
  });

  it('looks the recipients up first, and never the own domain or a never-look-up address', () => {
    const { snapshot } = read('gmail-compose-2024-inline-reply.html');
    if (!snapshot) throw new Error('no snapshot');
    const many = {
      ...snapshot,
      people: [
        ...Array.from({ length: 60 }, (_, i) => ({
          email: `p${i}@thread.example`,
          role: 'to' as const,
        })),
        ...snapshot.people,
      ],
    };
    const query = queryForPage(many, {
      ownEmails: OWN,
      ownDomains: [],
      neverLookUp: ['marek.novak@lumen-grid.com'],
    });
    expect(query?.emails.slice(0, 2)).toEqual([
      'sofia.berg@lumen-grid.com',
      'ops-desk@lumen-grid.com',
    ]);
    expect(query?.emails).not.toContain('marek.novak@lumen-grid.com');
    const ownDomain = queryForPage(snapshot, {
      ownEmails: OWN,
      ownDomains: ['lumen-grid.com'],
      neverLookUp: [],
    });
    expect(ownDomain?.emails ?? []).toEqual([]);
  });
});

describe('compose selectors', () => {
  const generations = [
    'gmail-compose-2019-classic.html',
    'gmail-compose-2021-popup.html',
    'gmail-compose-2024-inline-reply.html',
  ];
  const matching = (selector: string) =>
    generations.filter((name) => loadFixture(name).doc.querySelector(selector) !== null);

  it.each([
    ['chip', generations],
    ['field', generations],
    ['rowField', ['gmail-compose-2019-classic.html']],
    ['recipients', generations],
    ['notRecipients', generations],
    ['containers', ['gmail-compose-2019-classic.html', 'gmail-compose-2021-popup.html']],
  ] as const)('%s matches its generations', (name, expected) => {
    expect(matching(gmailComposeSelectors[name])).toEqual(expected);
  });

  it('no thread fixture has a compose chip', () => {
    for (const name of ['gmail-2018-conversation-off.html', 'gmail-2024-thread.html']) {
      const doc = loadFixture(name).doc;
      expect(readGmailCompose(doc)).toEqual([]);
    }
  });
});

describe('hostile compose input', () => {
  // Parsing the big page in happy-dom takes most of the time; a hang would overrun this.
  const STALL_MS = 60_000;

  it(
    'reads a compose with 10,000 chips within the caps and the schema',
    () => {
      const chips = Array.from(
        { length: 10_000 },
        (_, i) =>
          `<div role="option" data-hovercard-id="p${i}@bulk-${i % 7}.example" data-name="Person ${i}"></div>`,
      ).join('');
      const thread = Array.from(
        { length: 450 },
        (_, i) => `<span class="g2" email="t${i}@thread.example" name="T ${i}">T</span>`,
      ).join('');
      const doc = parseHtml(
        `<title>x - kai@northgate-supply.com - Gmail</title><div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1">S</h2>
        <div class="adn" data-message-id="#msg-f:1"><span class="gD" email="s@thread.example" name="S">S</span><span class="hb">${thread}</span></div>
        <form class="bAs"><div class="anm" name="to"><div role="listbox">${chips}</div></div></form></div>`,
      );
      const url = new URL('https://mail.google.com/mail/u/0/#inbox/x');
      const recipients = readGmailCompose(doc);
      expect(recipients.length).toBeGreaterThan(50);
      expect(recipients.length).toBeLessThanOrEqual(100);
      const snapshot = withGmailCompose(readGmail(doc, url), doc, url);
      expectValidSnapshot(snapshot);
      expect(snapshot?.people.length).toBeLessThanOrEqual(500);
      expect(snapshot?.people.some((p) => p.writing === 'to')).toBe(true);
    },
    STALL_MS,
  );

  it('ignores odd attribute values instead of throwing or reporting them', () => {
    const odd = [
      'x'.repeat(100_000),
      '"><img src=x onerror=alert(1)>@evil.example',
      'not an address',
      '',
      'mailto:ok@fine.example?subject=hi',
      'a@b',
      `${'a'.repeat(70)}@long-local.example`,
    ];
    const chips = odd
      .map(
        (id) =>
          `<div role="option" data-hovercard-id="${id.replace(/"/g, '&quot;')}" data-name="${'N'.repeat(5000)}"></div>`,
      )
      .join('');
    const doc = parseHtml(
      `<form class="bAs"><div class="anm" name="CC"><div role="listbox">${chips}
        <div role="option" data-hovercard-id="nested@fine.example"><div role="option" data-hovercard-id="inner@fine.example" data-name=":q1"></div></div>
        <input type="hidden" name="to" value="broken &lt;&lt;@@&gt;"></div></div>
        <div class="vR"><input type="hidden" name="bcc" value="&quot;Quoted, Name&quot; &lt;quoted@fine.example&gt;"></div></form>`,
    );
    const recipients = readGmailCompose(doc);
    expect(recipients.map((r) => r.email)).toEqual([
      'ok@fine.example',
      'nested@fine.example',
      'inner@fine.example',
      'quoted@fine.example',
    ]);
    expect(recipients.every((r) => (r.name ?? '').length <= 200)).toBe(true);
    expect(recipients.find((r) => r.email === 'inner@fine.example')?.name).toBeUndefined();
    expect(recipients.find((r) => r.email === 'quoted@fine.example')).toEqual({
      email: 'quoted@fine.example',
      name: 'Quoted, Name',
      field: 'bcc',
    });
    const url = new URL('https://mail.google.com/mail/u/0/#inbox');
    expectValidSnapshot(withGmailCompose(null, doc, url));
  });
});
