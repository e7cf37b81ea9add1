// Retries, rate limits, timeouts, coalescing and write safety over real HTTP against the fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ACME_ORG,
  type CloseFake,
  HOOLI,
  httpFor,
  INITECH,
  seen,
  startCloseFake,
} from '@/tests/close-client/support';
import { closeTimestamp } from '@/tests/close-fake/ids.ts';
import { createContact, listContacts } from '@/utils/close/contacts';
import {
  type CloseError,
  CloseRateLimitError,
  CloseServerError,
  NetworkError,
  TimeoutError,
} from '@/utils/close/errors';
import { createLead, getLead, listLeads, searchLeads } from '@/utils/close/leads';
import { createNote, listNotes } from '@/utils/close/notes';
import { createOpportunity, listOpportunities } from '@/utils/close/opportunities';

let fake: CloseFake;
beforeAll(async () => {
  fake = await startCloseFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** Real waits, so the fake's rate-limit windows really pass. */
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('reads', () => {
  it('retries 502, 503 and 504 (empty bodies) and then answers', async () => {
    fake.failNext({ path: '/lead/', status: 502 });
    fake.failNext({ path: '/lead/', status: 503 });
    fake.failNext({ path: '/lead/', status: 504 });
    const lead = await getLead(httpFor(fake), INITECH);
    expect(lead.name).toBe('Initech');
    expect(fake.requests.map((r) => r.status)).toEqual([502, 503, 504, 200]);
  });

  it('retries a dropped connection', async () => {
    fake.failNext({ path: '/lead/', drop: 'before' });
    await expect(getLead(httpFor(fake), INITECH)).resolves.toMatchObject({ name: 'Initech' });
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up with a server error after its retries', async () => {
    fake.failNext({ path: '/lead/', status: 503, times: 10 });
    await expect(getLead(httpFor(fake, { maxRetries: 2 }), INITECH)).rejects.toBeInstanceOf(
      CloseServerError,
    );
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 500', async () => {
    fake.failNext({ path: '/lead/', status: 500 });
    await expect(getLead(httpFor(fake), INITECH)).rejects.toBeInstanceOf(CloseServerError);
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a slow answer', async () => {
    fake.latency(1_500);
    const error = await getLead(httpFor(fake, { timeoutMs: 1_000, maxRetries: 0 }), INITECH).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('shares one request between identical reads in flight', async () => {
    fake.latency(50);
    const http = httpFor(fake);
    const [a, b, c] = await Promise.all([
      getLead(http, INITECH),
      getLead(http, INITECH),
      getLead(http, HOOLI),
    ]);
    expect(a).toEqual(b);
    expect(c.name).toBe('Hooli');
    expect(seen(fake)).toHaveLength(2);
  });

  it('keeps at most `concurrency` requests in flight per endpoint group', async () => {
    fake.latency(40);
    const http = httpFor(fake, { concurrency: 2 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => listLeads(http, { limit: 1, skip: i })));
    // Six requests two at a time take three rounds of latency.
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(fake.requests).toHaveLength(6);
  });
});

describe('rate limits', () => {
  it('waits for the reset after a 429 and then gets the answer', async () => {
    fake.rateLimit('lead', { limit: 2, windowMs: 1_000 });
    const http = httpFor(fake, { sleep: realSleep });
    const leads = await Promise.all(
      [INITECH, HOOLI, INITECH].map((id, i) =>
        i === 2 ? listLeads(http, { limit: 1 }) : getLead(http, id),
      ),
    );
    expect(leads).toHaveLength(3);
    // The client slowed down or waited out the limit instead of failing.
    const statuses = fake.requests.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
  });

  it('slows itself down when remaining runs low instead of hitting 429', async () => {
    fake.rateLimit('lead', { limit: 3, windowMs: 1_000 });
    const http = httpFor(fake, { sleep: realSleep });
    for (let i = 0; i < 5; i++) await listLeads(http, { limit: 1, skip: i });
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(fake.requests).toHaveLength(5);
  });

  it('reports rate_limited with retryAfterMs when the wait exceeds the budget', async () => {
    fake.rateLimit('lead', { limit: 0, windowMs: 60_000 });
    const error = await getLead(httpFor(fake, { deadlineMs: 2_000 }), INITECH).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CloseRateLimitError);
    expect((error as CloseRateLimitError).toAppError()).toMatchObject({ kind: 'rate_limited' });
    expect((error as CloseRateLimitError).retryAfterMs).toBeGreaterThan(50_000);
  });

  it('never loses a write in a 429 storm', async () => {
    fake.rateLimit('activity', { limit: 2, windowMs: 1_000 });
    const http = httpFor(fake, { sleep: realSleep });
    const notes = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createNote(http, { leadId: HOOLI, text: `storm ${i}` })),
    );
    expect(new Set(notes.map((n) => n.id)).size).toBe(5);
    fake.rateLimit('activity', null);
    // Read the store: strict lists show new notes only after a delay.
    expect(storedNotes((n) => n.startsWith('storm'))).toHaveLength(5);
  });
});

/** Notes in the fake's store whose text passes `test` (not through a list Close may fill late). */
function storedNotes(test: (text: string) => boolean) {
  return [...fake.store.activities.values()].filter(
    (a) => a._type === 'Note' && typeof a.note === 'string' && test(a.note),
  );
}

describe('writes whose answer is lost', () => {
  it('does not duplicate a note when the connection drops after Close created it', async () => {
    fake.setMode('lenient'); // the note list shows a new note at once
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/activity/note/', drop: 'after' });
    const note = await createNote(http, { leadId: HOOLI, text: 'Only once, please.' });
    const stored = (await listNotes(http, { leadId: HOOLI })).data.filter(
      (n) => n.note === 'Only once, please.',
    );
    expect(stored.map((n) => n.id)).toEqual([note.id]);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('never sends a note again when its list check finds nothing (Close may list it late)', async () => {
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/activity/note/', drop: 'before' });
    const error = await createNote(http, { leadId: HOOLI, text: 'Second try.' }).catch(
      (e: unknown) => e,
    );
    expect((error as CloseError).toAppError()).toMatchObject({ outcomeUnknown: true });
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(storedNotes((n) => n === 'Second try.')).toHaveLength(0);
  });

  it('reports a saved note the list does not show yet as outcome unknown, never twice', async () => {
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/activity/note/', drop: 'after' });
    const error = await createNote(http, { leadId: HOOLI, text: 'Listed late.' }).catch(
      (e: unknown) => e,
    );
    expect((error as CloseError).toAppError()).toMatchObject({ outcomeUnknown: true });
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(storedNotes((n) => n === 'Listed late.')).toHaveLength(1);
  });

  it('does not duplicate a lead (with contacts) after a drop', async () => {
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/lead/', drop: 'after' });
    const lead = await createLead(http, {
      name: 'Pied Piper',
      url: 'https://piedpiper.example',
      contacts: [{ name: 'Richard', emails: [{ email: 'richard@piedpiper.example' }] }],
    });
    const found = await searchLeads(http, { text: 'Pied Piper' });
    expect(found.data.map((l) => l.id)).toEqual([lead.id]);
    expect(
      fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/lead/')),
    ).toHaveLength(1);
  });

  it('does not duplicate a contact after a drop, on a lead or as a new lead', async () => {
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/contact/', drop: 'after' });
    const onLead = await createContact(http, {
      leadId: HOOLI,
      name: 'Jared',
      emails: [{ email: 'jared@hooli.xyz' }],
    });
    expect(
      (await listContacts(http, { leadId: HOOLI })).data
        .filter((c) => c.name === 'Jared')
        .map((c) => c.id),
    ).toEqual([onLead.id]);

    fake.failNext({ method: 'POST', path: '/contact/', drop: 'after' });
    const alone = await createContact(http, {
      name: 'Monica Hall',
      emails: [{ email: 'monica@raviga.example' }],
    });
    const leads = await listLeads(http, { query: 'email_address:"monica@raviga.example"' });
    expect(leads.data.map((l) => l.id)).toEqual([alone.leadId]);
  });

  it('does not duplicate an opportunity after a drop or a 504', async () => {
    fake.setMode('lenient'); // the opportunity list shows a new one at once
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/opportunity/', drop: 'after' });
    const first = await createOpportunity(http, { leadId: HOOLI, value: 12345, note: 'drop' });
    fake.failNext({ method: 'POST', path: '/opportunity/', status: 504 });
    // The gateway answered before Close saw it; the list not showing it proves nothing (Close
    // may list new opportunities late), so it is reported unknown, never sent twice.
    const error = await createOpportunity(http, {
      leadId: HOOLI,
      value: 54321,
      note: 'gateway',
    }).catch((e: unknown) => e);
    expect((error as CloseError).toAppError()).toMatchObject({ outcomeUnknown: true });
    const mine = (await listOpportunities(http, { leadId: HOOLI })).data.filter((o) =>
      ['drop', 'gateway'].includes(o.note),
    );
    expect(mine.map((o) => o.id)).toEqual([first.id]);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('checks a note create that answered 500 and, finding nothing, reports the outcome unknown', async () => {
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/activity/note/', status: 500 });
    const error = await createNote(http, { leadId: HOOLI, text: 'After a 500.' }).catch(
      (e: unknown) => e,
    );
    expect((error as CloseError).toAppError()).toMatchObject({ outcomeUnknown: true });
    expect(seen(fake).filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(seen(fake)).toContain('GET /activity/note/');
  });

  it("finds a lost first write even when this computer's clock runs ahead of Close's", async () => {
    fake.setMode('lenient'); // the note list shows a new note at once
    // The write is the worker's first request, so no answer has told the client Close's clock yet.
    const http = httpFor(fake, { now: () => Date.now() + 10_000 });
    fake.failNext({ method: 'POST', path: '/activity/note/', drop: 'after' });
    const note = await createNote(http, { leadId: HOOLI, text: 'Clock ahead, answer lost' });
    const stored = (await listNotes(httpFor(fake), { leadId: HOOLI })).data.filter(
      (n) => n.note === 'Clock ahead, answer lost',
    );
    expect(stored.map((n) => n.id)).toEqual([note.id]);
    expect(seen(fake).filter((r) => r.startsWith('POST'))).toHaveLength(1);
  });

  it('does not take an identical note saved minutes ago for the one whose answer was lost', async () => {
    fake.store.addActivity(ACME_ORG, HOOLI, {
      id: 'acti_earliervoicemail000000000000000000000000000',
      _type: 'Note',
      note: 'Left voicemail',
      note_html: '<body><p>Left voicemail</p></body>',
      date_created: closeTimestamp(new Date(Date.now() - 2 * 60_000)),
    });
    const http = httpFor(fake);
    // The panel has read from Close before (so the client knows Close's clock).
    await listNotes(http, { leadId: HOOLI });
    fake.failNext({ method: 'POST', path: '/activity/note/', drop: 'before' });
    const error = await createNote(http, { leadId: HOOLI, text: 'Left voicemail' }).catch(
      (e: unknown) => e,
    );
    // Not mistaken for ours: the outcome stays unknown (and nothing is sent twice).
    expect((error as CloseError).toAppError()).toMatchObject({ outcomeUnknown: true });
    expect(storedNotes((n) => n === 'Left voicemail')).toHaveLength(1);
  });

  it('never sends a lead again when its search-backed check finds nothing (the index may lag)', async () => {
    const http = httpFor(fake);
    for (const fault of [{ drop: 'before' as const }, { status: 500 }, { status: 502 }]) {
      fake.clearRequests();
      fake.failNext({ method: 'POST', path: '/lead/', ...fault });
      const error = await createLead(http, { name: 'Hooli XYZ Labs' }).catch((e: unknown) => e);
      expect((error as CloseError).toAppError()).toMatchObject({ outcomeUnknown: true });
      expect(seen(fake).filter((r) => r === 'POST /lead/')).toHaveLength(1);
    }
  });

  it('never sends a contact without a lead again when the search finds nothing; on a lead it checks the list', async () => {
    const http = httpFor(fake);
    fake.failNext({ method: 'POST', path: '/contact/', drop: 'before' });
    const error = await createContact(http, {
      name: 'Laurie Bream',
      emails: [{ email: 'laurie@raviga.example' }],
    }).catch((e: unknown) => e);
    expect((error as NetworkError).outcomeUnknown).toBe(true);
    expect(seen(fake).filter((r) => r === 'POST /contact/')).toHaveLength(1);

    fake.clearRequests();
    fake.failNext({ method: 'POST', path: '/contact/', drop: 'before' });
    const onLead = await createContact(http, { leadId: HOOLI, name: 'Big Head' });
    expect(onLead.name).toBe('Big Head');
    expect(seen(fake).filter((r) => r === 'POST /contact/')).toHaveLength(2);
  });

  it('reports an unknown outcome instead of guessing when the check cannot run', async () => {
    const http = httpFor(fake, { maxRetries: 0 });
    fake.failNext({ method: 'POST', path: '/activity/note/', drop: 'after' });
    fake.failNext({ method: 'GET', path: '/activity/note/', drop: 'before' });
    const error = await createNote(http, { leadId: HOOLI, text: 'unknown' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).outcomeUnknown).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
