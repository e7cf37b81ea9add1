// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { bigThreadAddress, gmailBigThreadHtml } from '@/tests/fixtures/gmail-big-thread';
import { loadFixture, parseHtml } from '@/tests/unit/detect/fixture';
import { expectValidSnapshot } from '@/tests/unit/detect/snapshot-check';
import { gmailHoverPerson, gmailOwnEmails, gmailThreadKey, readGmail } from '@/utils/detect/gmail';

const emailsOf = (people: Array<{ email?: string }>) => people.map((person) => person.email);

describe('readGmail: 2024 thread markup (.a98.iY)', () => {
  const { doc, url } = loadFixture('gmail-2024-thread.html');

  it('reports the sender and every recipient of every message, without the user', () => {
    const snapshot = readGmail(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.source).toBe('gmail');
    expect(snapshot?.title).toBe('Renewal quote for 2027');
    expect(snapshot?.people).toEqual([
      { email: 'maria.lopez@example.com', name: 'Maria Lopez', role: 'from' },
      { email: 'ops@example.org', name: 'Ops Team', role: 'from' },
      { email: 'sam.reed@example.net', name: 'Sam Reed', role: 'cc' },
      // Labelled "me" but not one of the user's addresses: a person (no name), never hidden.
      { email: 'me.alias@example.net', role: 'to' },
    ]);
  });

  it('takes the user from the window title and the account button, plus configured aliases', () => {
    expect(gmailOwnEmails(doc, ['Me.Alias@example.net'])).toEqual([
      'me.alias@example.net',
      'me@example.net',
    ]);
    const snapshot = readGmail(doc, url, { ownEmails: ['me.alias@example.net'] });
    expect(snapshot?.ownEmails).toEqual(['me.alias@example.net', 'me@example.net']);
    expect(emailsOf(snapshot?.people ?? [])).not.toContain('me.alias@example.net');
  });

  it('does not report addresses from message bodies or quotes', () => {
    const emails = emailsOf(readGmail(doc, url)?.people ?? []);
    expect(emails).not.toContain('finance@example.org');
    expect(emails).not.toContain('ceo@example.org');
  });

  it('keys the thread by its permanent id', () => {
    expect(gmailThreadKey(doc)).toBe('thread-f:1800000000000000042');
  });
});

describe('readGmail: 2026 markup, long thread with collapsed messages', () => {
  const { doc, url } = loadFixture('gmail-2026-thread-collapsed.html');

  it('reads people from data-hovercard-id chips when class names and email= are gone', () => {
    const snapshot = readGmail(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.title).toBe('Pilot rollout: next steps');
    expect(snapshot?.people).toEqual([
      { email: 'priya@example.com', name: 'Priya Natarajan', role: 'from' },
      { email: 'jonas@example.de', name: 'Jonas Weber', role: 'from' },
      { email: 'lee.chen@example.org', name: 'Lee Chen', role: 'from' },
      { email: 'buyers@example.org', name: 'Buyers', role: 'to' },
    ]);
  });

  it('ignores hovercard ids that are not addresses', () => {
    expect(JSON.stringify(readGmail(doc, url))).not.toContain('113482906512345678901');
  });
});

describe('readGmail: preview pane (2022 markup, list and thread side by side)', () => {
  const { doc, url } = loadFixture('gmail-2022-preview-pane.html');

  it("reports only the open thread's people, not the list's senders", () => {
    const snapshot = readGmail(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.title).toBe('Contract draft v3');
    expect(emailsOf(snapshot?.people ?? [])).toEqual([
      'ana.silva@example.com.br',
      'team@example.com',
    ]);
    expect(gmailThreadKey(doc)).toBe('thread-f:1750000000000000002');
  });
});

describe('readGmail: 2018 markup, conversation view off', () => {
  const { doc, url } = loadFixture('gmail-2018-conversation-off.html');

  it('reads a single message keyed by legacy ids only', () => {
    const snapshot = readGmail(doc, url);
    expectValidSnapshot(snapshot);
    expect(snapshot?.people).toEqual([
      { email: 'olga@example.ru', name: 'Olga Ivanova', role: 'to' },
      { email: 'kim@example.co.kr', name: 'Kim Min-jun', role: 'to' },
    ]);
    expect(gmailThreadKey(doc)).toBe('legacy:1634a00000000abc');
  });
});

describe('readGmail: list view', () => {
  const { doc, url } = loadFixture('gmail-inbox-list.html');

  it('returns null when no thread is open (list rows carry thread ids too)', () => {
    expect(readGmail(doc, url)).toBeNull();
    expect(gmailThreadKey(doc)).toBeNull();
  });

  it('reports the hovered sender with role hover', () => {
    const chip = doc.querySelector('[email="maria.lopez@example.com"] ') ?? undefined;
    const snapshot = readGmail(doc, url, { hover: chip?.firstChild?.parentElement ?? null });
    expectValidSnapshot(snapshot);
    expect(snapshot?.people).toEqual([
      { email: 'maria.lopez@example.com', name: 'Maria Lopez', role: 'hover' },
    ]);
    expect(snapshot?.title).toBeUndefined();
  });

  it('never reports the user as hovered', () => {
    const me = doc.querySelector('[email="me@example.net"]');
    expect(gmailHoverPerson(me, ['me@example.net'])).toBeNull();
    expect(readGmail(doc, url, { hover: me })).toBeNull();
  });
});

describe('readGmail: hover inside an open thread', () => {
  it('adds the hovered person after the thread people, even if already listed', () => {
    const { doc, url } = loadFixture('gmail-2024-thread.html');
    const inner = doc.querySelector('.gD[email="maria.lopez@example.com"] span');
    const snapshot = readGmail(doc, url, { hover: inner });
    expect(snapshot?.people.at(-1)).toEqual({
      email: 'maria.lopez@example.com',
      name: 'Maria Lopez',
      role: 'hover',
    });
    expect(snapshot?.people[0]?.role).toBe('from');
  });

  it('ignores hovering something that is not a person', () => {
    const { doc, url } = loadFixture('gmail-2024-thread.html');
    expect(gmailHoverPerson(doc.querySelector('h2'))).toBeNull();
    // Maria, Ops, Sam and the unconfigured alias labelled "me" (see "the user under another address").
    expect(readGmail(doc, url, { hover: doc.querySelector('h2') })?.people).toHaveLength(4);
  });
});

describe('readGmail: edge cases', () => {
  it('returns null for a non-http URL and for an empty page', () => {
    const { doc } = loadFixture('gmail-2024-thread.html');
    expect(readGmail(doc, new URL('about:blank'))).toBeNull();
    expect(
      readGmail(parseHtml('<body></body>'), new URL('https://mail.google.com/mail/u/0/')),
    ).toBeNull();
  });

  it('accepts the [role=main] element itself as root', () => {
    const { doc, url } = loadFixture('gmail-2024-thread.html');
    const main = doc.querySelector('[role="main"]');
    expect(main).not.toBeNull();
    if (main) expect(readGmail(main, url)?.people).toHaveLength(4);
  });

  it('reports an open thread whose messages have not rendered yet with no people', () => {
    const doc = parseHtml(
      '<div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1">Loading</h2></div>',
    );
    expect(readGmail(doc, new URL('https://mail.google.com/mail/u/0/#inbox/x'))).toEqual({
      source: 'gmail',
      url: 'https://mail.google.com/mail/u/0/#inbox/x',
      title: 'Loading',
      people: [],
    });
  });
});

describe('readGmail: 50-message, 200-address thread', () => {
  const doc = parseHtml(gmailBigThreadHtml());
  const url = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');

  it('reports all 200 people once each, none of the list senders, not the user', () => {
    const snapshot = readGmail(doc, url);
    expectValidSnapshot(snapshot);
    const emails = emailsOf(snapshot?.people ?? []);
    expect(emails).toHaveLength(200);
    expect(new Set(emails).size).toBe(200);
    expect(emails).toContain(bigThreadAddress(199));
    expect(emails.some((email) => email?.startsWith('list'))).toBe(false);
    expect(emails).not.toContain('me@example.net');
  });

  it('gives the same answer on every scan of an unchanged thread (the time is in npm run bench)', () => {
    const first = JSON.stringify(readGmail(doc, url));
    for (let i = 0; i < 5; i++) expect(JSON.stringify(readGmail(doc, url))).toBe(first);
  });
});

describe('readGmail: re-reading only what a mutation batch touched', () => {
  const url = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');
  const chip = (doc: Document, email: string, name: string) => {
    const span = doc.createElement('span');
    span.className = 'g2';
    span.setAttribute('email', email);
    span.setAttribute('name', name);
    span.textContent = name;
    return span;
  };

  it('answers as a full reading would, through chips drawn and removed and messages replaced', () => {
    const doc = parseHtml(gmailBigThreadHtml({ messages: 12, addresses: 40, listRows: 3 }));
    // A fresh document per full reading: nothing cached is reused there.
    readGmail(doc, url, { changed: null });
    const lines = [...doc.querySelectorAll('.hb')];
    const steps: Array<() => Node> = [
      // A new recipient drawn in the third message's "to" line.
      () => {
        lines[2]?.appendChild(chip(doc, 'new.person@example.org', 'New Person'));
        return lines[2] as Node;
      },
      // A recipient removed from the first message.
      () => {
        const gone = lines[0]?.querySelector('[email]:last-child');
        gone?.remove();
        return lines[0] as Node;
      },
      // A message replaced by a new element (Gmail redraws it), with another recipient.
      () => {
        const old = doc.querySelectorAll('[data-message-id]')[5] as Element;
        const copy = old.cloneNode(true) as Element;
        copy.querySelector('.hb')?.appendChild(chip(doc, 'late.cc@example.org', 'Late Cc'));
        old.replaceWith(copy);
        return copy.parentNode as Node;
      },
      // A new message arrives at the end of the thread.
      () => {
        const last = [...doc.querySelectorAll('[role="listitem"]')].at(-1) as Element;
        const arrived = last.cloneNode(true) as Element;
        for (const element of arrived.querySelectorAll('.gD'))
          element.setAttribute('email', 'just.arrived@example.org');
        last.after(arrived);
        return last.parentNode as Node;
      },
      // The subject is redrawn.
      () => {
        const subject = doc.querySelector('h2.hP') as Element;
        subject.textContent = 'Quarterly planning (moved)';
        return subject;
      },
    ];
    for (const step of steps) {
      const target = step();
      const partial = readGmail(doc, url, { changed: new Set([target]) });
      const full = readGmail(parseHtml(doc.documentElement.outerHTML), url);
      expect(partial).toEqual(full);
    }
    const emails = emailsOf(readGmail(doc, url, { changed: new Set() })?.people ?? []);
    expect(emails).toContain('new.person@example.org');
    expect(emails).toContain('late.cc@example.org');
    expect(emails).toContain('just.arrived@example.org');
  });
});

describe('readGmail: the user under another address', () => {
  it('counts a chip labelled "me" as the user only when its address is one of theirs', () => {
    const { doc, url } = loadFixture('gmail-2024-thread.html');
    const snapshot = readGmail(doc, url);
    expect(snapshot?.ownEmails).toEqual(['me@example.net']);
    expect(emailsOf(snapshot?.people ?? [])).toContain('me.alias@example.net');
    const alias = doc.querySelector('[email="me.alias@example.net"]');
    expect(gmailHoverPerson(alias)).toEqual({ email: 'me.alias@example.net', role: 'hover' });
    expect(gmailHoverPerson(alias, ['me.alias@example.net'])).toBeNull();
    const configured = readGmail(doc, url, { ownEmails: ['me.alias@example.net'] });
    expect(emailsOf(configured?.people ?? [])).not.toContain('me.alias@example.net');
  });
});
