import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDS, KEYS } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { type AnyJson, api } from '@/tests/close-fake/test-support.ts';

let fake: CloseFake;
let acme: ReturnType<typeof api>;
beforeAll(async () => {
  fake = await startCloseFake();
  acme = api(fake, KEYS.acme);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const A = IDS.activities;
const LEAD = IDS.leads.initech;

describe('GET /activity/', () => {
  it('lists every type for a lead, newest first', async () => {
    const { body } = await acme.get(`/activity/?lead_id=${LEAD}`);
    const types = new Set(body.data.map((a: AnyJson) => a._type));
    expect([...types].sort()).toEqual([
      'Call',
      'Created',
      'Email',
      'LeadStatusChange',
      'Note',
      'SMS',
    ]);
    const times = body.data.map((a: AnyJson) => a.activity_at);
    expect(times).toEqual([...times].sort().reverse());
    for (const a of body.data) {
      expect(a.lead_id).toBe(LEAD);
      expect(a.id).toMatch(/^acti_/);
      expect(a).toHaveProperty('user_name');
      expect(a).toHaveProperty('date_created');
    }
  });

  it('filters by _type, including comma lists', async () => {
    const notes = (await acme.get(`/activity/?lead_id=${LEAD}&_type=Note`)).body.data;
    expect(notes.map((a: AnyJson) => a.id)).toEqual([A.initechNoteRich, A.initechNotePlain]);
    const mixed = (await acme.get(`/activity/?lead_id=${LEAD}&_type=Email,Call`)).body.data;
    expect(new Set(mixed.map((a: AnyJson) => a._type))).toEqual(new Set(['Email', 'Call']));
    expect(mixed).toHaveLength(3);
  });

  it('pages with _limit/_skip', async () => {
    const all = (await acme.get(`/activity/?lead_id=${LEAD}`)).body.data;
    const first = (await acme.get(`/activity/?lead_id=${LEAD}&_limit=3`)).body;
    const rest = (await acme.get(`/activity/?lead_id=${LEAD}&_skip=3`)).body;
    expect(first.has_more).toBe(true);
    expect(rest.has_more).toBe(false);
    expect([...first.data, ...rest.data].map((a: AnyJson) => a.id)).toEqual(
      all.map((a: AnyJson) => a.id),
    );
  });

  it('serves the typed lists', async () => {
    const calls = (await acme.get(`/activity/call/?lead_id=${LEAD}`)).body.data;
    expect(calls.map((a: AnyJson) => a.id)).toEqual([A.initechCall]);
    const sms = (await acme.get(`/activity/sms/?lead_id=${LEAD}`)).body.data;
    expect(sms[0]).toMatchObject({
      _type: 'SMS',
      direction: 'inbound',
      text: 'Got the slides, thanks!',
    });
    const changes = (await acme.get(`/activity/status_change/lead/?lead_id=${LEAD}`)).body.data;
    expect(changes[0]).toMatchObject({
      old_status_label: 'Potential',
      new_status_label: 'Qualified',
    });
  });
});

describe('emails', () => {
  it('returns status, direction, sender, recipients and both bodies', async () => {
    const { body } = await acme.get(`/activity/email/${A.initechEmailIn}/`);
    expect(body).toMatchObject({
      _type: 'Email',
      status: 'inbox',
      direction: 'incoming',
      sender: 'Bill Lumbergh <bill@initech.com>',
      to: ['Ada Lovelace <ada@acme-sales.example>'],
      cc: ['peter@initech.com'],
      subject: 'Re: Pricing for Initech',
    });
    expect(body.body_text).toMatch(/send the pricing by Friday/);
    expect(body.body_html).toMatch(/<p>Yeah, hi Ada/);
    expect(body.envelope.from).toEqual([{ email: 'bill@initech.com', name: 'Bill Lumbergh' }]);
  });

  it("keeps the hostile email's HTML exactly as stored (for the XSS tests)", async () => {
    const { body } = await acme.get(`/activity/email/${A.umbrellaHostileEmail}/`);
    expect(body.body_html).toContain('<script>');
    expect(body.body_html).toContain('onerror=');
    expect(body.body_html).toContain('javascript:');
    expect(body.subject).toContain('<script>');
  });

  it("logs a sent email and 404s on other types' ids", async () => {
    const res = await acme.post('/activity/email/', {
      lead_id: LEAD,
      status: 'sent',
      sender: 'ada@acme-sales.example',
      to: ['peter@initech.com'],
      subject: 'Hello',
      body_html: '<p>Hi <b>Peter</b></p>',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'sent',
      direction: 'outgoing',
      body_text: 'Hi Peter',
    });
    const wrongType = await acme.get(`/activity/email/${A.initechCall}/`);
    expect(wrongType.status).toBe(404);
    expect(wrongType.body.error).toBe('Empty query: Email matching query does not exist.');
  });
});

describe('notes', () => {
  it('creates from plain text and generates <body>-wrapped HTML', async () => {
    const res = await acme.post('/activity/note/', {
      lead_id: LEAD,
      note: 'Called back, wants pricing.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      _type: 'Note',
      lead_id: LEAD,
      contact_id: null,
      user_id: IDS.users.ada,
      user_name: 'Ada Lovelace',
      note: 'Called back, wants pricing.',
      note_html: '<body><p>Called back, wants pricing.</p></body>',
      source: 'api',
      pinned: false,
    });
    expect(fake.store.activities.get(res.body.id)?._type).toBe('Note');
  });

  it('wraps unwrapped note_html in <body> and derives the plain note', async () => {
    const res = await acme.post('/activity/note/', {
      lead_id: LEAD,
      contact_id: IDS.contacts.peter,
      note_html: '<p>Line <i>one</i></p><p>Line &amp; two</p>',
    });
    expect(res.body.note_html).toBe('<body><p>Line <i>one</i></p><p>Line &amp; two</p></body>');
    expect(res.body.note).toBe('Line one\nLine & two');
    expect(res.body.contact_id).toBe(IDS.contacts.peter);
  });

  it('keeps note and note_html in sync on update; note_html wins when both are sent', async () => {
    const id = A.initechNotePlain;
    const text = await acme.put(`/activity/note/${id}/`, { note: 'Plain <update>' });
    expect(text.body.note_html).toBe('<body><p>Plain &lt;update&gt;</p></body>');
    const html = await acme.put(`/activity/note/${id}/`, { note_html: '<body><p>Rich</p></body>' });
    expect(html.body.note).toBe('Rich');
    const both = await acme.put(`/activity/note/${id}/`, {
      note: 'ignored',
      note_html: '<p>Wins</p>',
    });
    expect(both.body.note).toBe('Wins');
    expect((await acme.get(`/activity/note/${id}/`)).body.note_html).toBe(
      '<body><p>Wins</p></body>',
    );
  });

  it('requires an existing lead', async () => {
    const missing = await acme.post('/activity/note/', { note: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      errors: [],
      'field-errors': { lead: 'This field is required.' },
    });
    const unknown = await acme.post('/activity/note/', { lead_id: 'wibble', note: 'x' });
    expect(unknown.body).toEqual({
      errors: [],
      'field-errors': { lead: 'Object does not exist.' },
    });
    const foreign = await api(fake, KEYS.globex).post('/activity/note/', {
      lead_id: LEAD,
      note: 'x',
    });
    expect(foreign.status).toBe(400);
  });

  it("404s and deletes with Close's shapes", async () => {
    const res = await acme.get('/activity/note/acti_nope/');
    expect(res.body).toEqual({ error: 'Empty query: Note matching query does not exist.' });
    expect((await acme.del(`/activity/note/${A.initechNotePlain}/`)).body).toEqual({});
    expect((await acme.get(`/activity/note/${A.initechNotePlain}/`)).status).toBe(404);
  });
});

describe('calls and SMS', () => {
  it('logs a call with a normalised phone', async () => {
    const res = await acme.post('/activity/call/', {
      lead_id: LEAD,
      contact_id: IDS.contacts.peter,
      direction: 'inbound',
      duration: 60,
      phone: '512 555 0142',
      note: 'Quick check-in',
    });
    expect(res.body).toMatchObject({
      _type: 'Call',
      status: 'completed',
      direction: 'inbound',
      duration: 60,
      phone: '+15125550142',
      remote_phone_formatted: '+1 512-555-0142',
      note: 'Quick check-in',
    });
    const bad = await acme.post('/activity/call/', { lead_id: LEAD, direction: 'sideways' });
    expect(bad.body['field-errors']).toHaveProperty('direction');
  });

  it('logs an SMS; inbox messages default to inbound', async () => {
    const res = await acme.post('/activity/sms/', {
      lead_id: LEAD,
      status: 'inbox',
      text: 'hi',
      remote_phone: '+447946666666',
    });
    expect(res.body).toMatchObject({
      direction: 'inbound',
      remote_phone_formatted: '+44 7946 666666',
    });
    const out = await acme.post('/activity/sms/', { lead_id: LEAD, status: 'sent', text: 'yo' });
    expect(out.body.direction).toBe('outbound');
  });
});
