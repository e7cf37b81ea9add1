// The write journal's checks over real HTTP against the fake: for each write kind, a check finds
// what a send stored (so a lost answer settles as saved) and finds nothing when nothing was stored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPanelService } from '@/entrypoints/background/panel-service';
import { createWriteKinds } from '@/entrypoints/background/write-kinds';
import { type CloseFake, httpFor, INITECH, startCloseFake } from '@/tests/close-client/support';

let fake: CloseFake;
beforeAll(async () => {
  fake = await startCloseFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function setUp() {
  const http = httpFor(fake);
  return { http, kinds: createWriteKinds(createPanelService(async () => http)) };
}

describe('write kinds: what a lost answer’s check finds', () => {
  it('contacts: finds a created contact on its lead, and none that was never sent', async () => {
    const { http, kinds } = setUp();
    const input = {
      leadId: INITECH,
      input: { name: 'Samir Nagheenanajar', title: '', emails: [], phones: [] },
    };
    const sentAt = Date.now();
    expect(await kinds.createContact.check(http, input, sentAt)).toBeUndefined();
    expect(kinds.createContact.absenceIsCertain(input)).toBe(true);
    const created = await kinds.createContact.send(input);
    await new Promise((r) => setTimeout(r, 1700)); // the strict fake lists creates late
    expect(await kinds.createContact.check(http, input, sentAt)).toBe(created.id);
    // Without a lead only search can look: nothing found never proves it absent.
    expect(kinds.createContact.absenceIsCertain({ ...input, leadId: null })).toBe(false);
  });

  it('contacts: an edit is found once the contact carries every changed field', async () => {
    const { http, kinds } = setUp();
    const contact = await kinds.createContact.send({
      leadId: INITECH,
      input: { name: 'Joanna', title: 'Waitress', emails: [], phones: [] },
    });
    const edit = { contactId: contact.id, patch: { title: 'Manager' } };
    expect(await kinds.updateContact.check(http, edit, Date.now())).toBeUndefined();
    await kinds.updateContact.send(edit);
    expect(await kinds.updateContact.check(http, edit, Date.now())).toBe(contact.id);
  });

  it('opportunities: finds a created opportunity and an applied edit', async () => {
    const { http, kinds } = setUp();
    const pipelines = await createPanelService(async () => http).loadPipelines();
    const statusId = pipelines[0]?.statuses[0]?.id ?? '';
    const input = {
      input: {
        leadId: INITECH,
        statusId,
        value: 123_400,
        valuePeriod: 'one_time' as const,
        confidence: 30,
        note: 'Journal check',
      },
    };
    const sentAt = Date.now();
    expect(await kinds.createOpportunity.check(http, input, sentAt)).toBeUndefined();
    const created = await kinds.createOpportunity.send(input);
    await new Promise((r) => setTimeout(r, 1700));
    expect(await kinds.createOpportunity.check(http, input, sentAt)).toBe(created.id);

    const edit = { opportunityId: created.id, patch: { confidence: 70 } };
    expect(await kinds.updateOpportunity.check(http, edit, Date.now())).toBeUndefined();
    await kinds.updateOpportunity.send(edit);
    expect(await kinds.updateOpportunity.check(http, edit, Date.now())).toBe(created.id);
  });

  it('notes and lead edits: found once stored, absent before', async () => {
    const { http, kinds } = setUp();
    const note = { leadId: INITECH, text: 'Checked by the journal' };
    const sentAt = Date.now();
    expect(await kinds.addNote.check(http, note, sentAt)).toBeUndefined();
    const created = await kinds.addNote.send(note);
    await new Promise((r) => setTimeout(r, 1700));
    expect(await kinds.addNote.check(http, note, sentAt)).toBe(created.id);

    const edit = { leadId: INITECH, patch: { description: 'Edited through the journal' } };
    expect(await kinds.updateLead.check(http, edit, Date.now())).toBeUndefined();
    await kinds.updateLead.send(edit);
    expect(await kinds.updateLead.check(http, edit, Date.now())).toBe(INITECH);
  });

  it('tasks: finds a created task by text and day, a tick and an edit once Close carries them', async () => {
    const { http, kinds } = setUp();
    const input = { leadId: INITECH, text: 'Call Bill about the journal', due: '2031-03-14' };
    const sentAt = Date.now();
    expect(await kinds.createTask.check(http, input, sentAt)).toBeUndefined();
    expect(kinds.createTask.absenceIsCertain(input)).toBe(true);
    const created = await kinds.createTask.send(input);
    await new Promise((r) => setTimeout(r, 1700)); // the strict fake lists creates late
    expect(await kinds.createTask.check(http, input, sentAt)).toBe(created.id);
    // Another day or another text is not ours.
    expect(
      await kinds.createTask.check(http, { ...input, due: '2031-03-15' }, sentAt),
    ).toBeUndefined();
    expect(
      await kinds.createTask.check(http, { ...input, text: 'Call Bob' }, sentAt),
    ).toBeUndefined();

    const edit = { taskId: created.id, patch: { text: 'Call Bill twice', due: '2031-03-21' } };
    expect(kinds.updateTask.readsRecord).toBe(true);
    expect(await kinds.updateTask.check(http, edit, Date.now())).toBeUndefined();
    await kinds.updateTask.send(edit);
    expect(await kinds.updateTask.check(http, edit, Date.now())).toBe(created.id);

    const tick = { taskId: created.id, patch: { isComplete: true } };
    expect(await kinds.updateTask.check(http, tick, Date.now())).toBeUndefined();
    await kinds.updateTask.send(tick);
    expect(await kinds.updateTask.check(http, tick, Date.now())).toBe(created.id);
    // A done task is still found as the create it came from (its list holds done tasks too).
    expect(
      await kinds.createTask.check(
        http,
        { ...input, text: 'Call Bill twice', due: '2031-03-21' },
        sentAt,
      ),
    ).toBe(created.id);
  });

  it('leads: finds a created lead by its exact name and URL through search; finding none proves nothing', async () => {
    const { http, kinds } = setUp();
    const input = {
      name: 'Penetrode Journal Labs',
      url: 'https://penetrode.example',
      description: '',
      contacts: [
        {
          name: 'Drew',
          title: '',
          emails: [{ email: 'drew@penetrode.example', type: 'office' }],
          phones: [],
        },
      ],
    };
    const sentAt = Date.now();
    expect(await kinds.createLead.check(http, input, sentAt)).toBeUndefined();
    expect(kinds.createLead.absenceIsCertain(input)).toBe(false);
    const created = await kinds.createLead.send(input);
    expect(await kinds.createLead.check(http, input, sentAt)).toBe(created.lead.id);
    // Another URL, or a namesake made before the send, is not ours.
    expect(
      await kinds.createLead.check(http, { ...input, url: 'https://other.example' }, sentAt),
    ).toBeUndefined();
    expect(await kinds.createLead.check(http, input, Date.now() + 10 * 60_000)).toBeUndefined();
  });
});
