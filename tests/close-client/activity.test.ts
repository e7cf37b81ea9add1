// Notes, emails and the activity timeline against the fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CloseFake, httpFor, INITECH, startCloseFake } from '@/tests/close-client/support';
import { listActivities, listAllActivities } from '@/utils/close/activities';
import { getEmail } from '@/utils/close/emails';
import { createNote, getNote, listNotes, updateNote, wrapNoteHtml } from '@/utils/close/notes';

let fake: CloseFake;
beforeAll(async () => {
  fake = await startCloseFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('activities', () => {
  it('lists every type of a lead’s activity with a summary', async () => {
    const page = await listActivities(httpFor(fake), { leadId: INITECH });
    const types = new Set(page.data.map((a) => a.type));
    for (const type of ['Created', 'LeadStatusChange', 'Note', 'Call', 'Email', 'SMS'] as const) {
      expect(types).toContain(type);
    }
    expect(page.data.find((a) => a.type === 'LeadStatusChange')?.summary).toBe(
      'Potential → Qualified',
    );
    expect(page.data.find((a) => a.type === 'Call')).toMatchObject({ direction: 'outgoing' });
  });

  it('pages through activities', async () => {
    const http = httpFor(fake);
    const first = await listActivities(http, { leadId: INITECH, limit: 3 });
    expect(first.data).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    const all = await listAllActivities(http, { leadId: INITECH, limit: 3 });
    expect(all).toHaveLength(8);
    expect(new Set(all.map((a) => a.id)).size).toBe(8);
  });

  it('filters by type', async () => {
    const page = await listActivities(httpFor(fake), { leadId: INITECH, types: ['Note'] });
    expect(page.data.map((a) => a.type)).toEqual(['Note', 'Note']);
  });
});

describe('notes', () => {
  it('lists and gets a lead’s notes', async () => {
    const http = httpFor(fake);
    const page = await listNotes(http, { leadId: INITECH });
    expect(page.data).toHaveLength(2);
    const note = await getNote(http, 'acti_initechNotePlain000000000000000000000000000');
    expect(note.note).toContain('TPS reports');
    expect(note.leadId).toBe(INITECH);
  });

  it('creates a plain-text note', async () => {
    const note = await createNote(httpFor(fake), {
      leadId: INITECH,
      text: 'Called, left a voicemail.',
    });
    expect(note).toMatchObject({ leadId: INITECH, note: 'Called, left a voicemail.' });
  });

  it('creates an HTML note wrapped in <body> as Close expects', async () => {
    const note = await createNote(httpFor(fake), {
      leadId: INITECH,
      html: '<p>Budget <b>approved</b></p>',
    });
    expect(fake.requests.at(-1)?.body).toMatchObject({
      note_html: '<body><p>Budget <b>approved</b></p></body>',
    });
    expect(note.noteHtml).toContain('<b>approved</b>');
    expect(note.note).toContain('Budget approved');
  });

  it('does not wrap twice', () => {
    expect(wrapNoteHtml('<body><p>x</p></body>')).toBe('<body><p>x</p></body>');
    expect(wrapNoteHtml('x')).toBe('<body>x</body>');
  });

  it('updates a note', async () => {
    const http = httpFor(fake);
    const updated = await updateNote(http, 'acti_initechNotePlain000000000000000000000000000', {
      text: 'Rewritten.',
    });
    expect(updated.note).toBe('Rewritten.');
    expect((await getNote(http, updated.id)).note).toBe('Rewritten.');
  });
});

describe('emails', () => {
  it('gets an incoming email with bodies, sender and recipients', async () => {
    const email = await getEmail(httpFor(fake), 'acti_initechEmailIn00000000000000000000000000000');
    expect(email).toMatchObject({
      subject: 'Re: Pricing for Initech',
      direction: 'incoming',
      status: 'inbox',
      leadId: INITECH,
    });
    expect(email.bodyText.length).toBeGreaterThan(0);
    expect(email.to.length).toBeGreaterThan(0);
    expect(email.sender).toContain('@');
  });

  it('gets an outgoing email', async () => {
    const email = await getEmail(httpFor(fake), 'acti_initechEmailOut0000000000000000000000000000');
    expect(email).toMatchObject({ direction: 'outgoing', status: 'sent' });
  });
});
