// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContactForm } from '@/components/ContactForm';
import { CreateLeadForm } from '@/components/CreateLeadForm';
import { LeadEditForm } from '@/components/LeadEditForm';
import { NoteForm } from '@/components/NoteForm';
import { OpportunityForm } from '@/components/OpportunityForm';
import {
  contact,
  lead,
  makeActions,
  note,
  opportunity,
  websitePage,
} from '@/tests/unit/components/fixtures';
import { AppFailure } from '@/utils/app-error';
import { loadDraft, saveDraft } from '@/utils/drafts';

/** The journal details every form write carries (components/use-write.ts). */
const WRITE = expect.objectContaining({ clientId: expect.any(String) });

/** LeadEditForm's fields for a lead, as it stores them in a draft. */
function initialLeadForm(l: typeof lead) {
  return {
    name: l.name,
    url: l.url ?? '',
    description: l.description,
    statusId: l.statusId ?? '',
    custom: {},
  };
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(cleanup);

function describedText(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

async function ready(label: string) {
  const el = screen.getByLabelText(label) as HTMLTextAreaElement | HTMLInputElement;
  // Let the draft load settle before typing.
  await new Promise((r) => setTimeout(r, 0));
  return el;
}

describe('NoteForm', () => {
  it('adds a note, clears the box and forgets the draft', async () => {
    const save = vi.fn(async (text: string) => note(text));
    const onSaved = vi.fn();
    render(<NoteForm draftKey="note:lead_1" save={save} onSaved={onSaved} />);
    const box = await ready('Note');
    fireEvent.input(box, { target: { value: 'Sent the pricing deck' } });
    fireEvent.blur(box);
    await waitFor(async () =>
      expect(await loadDraft('note:lead_1', '')).toBe('Sent the pricing deck'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await screen.findByText('Note added.');
    expect(save).toHaveBeenCalledWith('Sent the pricing deck', WRITE);
    expect(onSaved).toHaveBeenCalledOnce();
    expect(box.value).toBe('');
    expect(await loadDraft('note:lead_1', '')).toBeNull();
  });

  it('keeps the text and the draft when the save fails, and offers Retry', async () => {
    const save = vi
      .fn()
      .mockRejectedValueOnce(new AppFailure({ kind: 'server', message: 'Close answered 500' }))
      .mockResolvedValueOnce(note('Call back Tuesday'));
    render(<NoteForm draftKey="note:lead_1" save={save} />);
    const box = await ready('Note');
    fireEvent.input(box, { target: { value: 'Call back Tuesday' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/server error/);
    expect(alert.textContent).toMatch(/Not saved — your text is still here/);
    expect(box.value).toBe('Call back Tuesday');
    await waitFor(async () => expect(await loadDraft('note:lead_1', '')).toBe('Call back Tuesday'));

    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText('Note added.');
    expect(save).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await loadDraft('note:lead_1', '')).toBeNull();
  });

  it.each([
    ['network', 'The connection to Close dropped while saving. Look at the record in Close first.'],
    ['server', 'Close may or may not have saved it. Look at the record in Close first.'],
  ] as const)(
    'says to look in Close, offers no Retry and keeps the text when a %s save may have landed',
    async (kind, message) => {
      const save = vi.fn(async () => {
        throw new AppFailure({ kind, message, outcomeUnknown: true });
      });
      render(<NoteForm draftKey="note:lead_1" save={save} />);
      const box = await ready('Note');
      fireEvent.input(box, { target: { value: 'Maybe saved' } });
      fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(message);
      expect(alert.textContent).not.toMatch(/try again/i);
      expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
      expect(box.value).toBe('Maybe saved');
      await waitFor(async () => expect(await loadDraft('note:lead_1', '')).toBe('Maybe saved'));
    },
  );

  it('keeps what was typed while the note was saving, without the saved note, as the next draft', async () => {
    let finish: (n: ReturnType<typeof note>) => void = () => {};
    const save = vi.fn(() => new Promise<ReturnType<typeof note>>((r) => (finish = r)));
    const onSaved = vi.fn();
    render(<NoteForm draftKey="note:lead_1" save={save} onSaved={onSaved} />);
    const box = await ready('Note');
    fireEvent.input(box, { target: { value: 'First note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith('First note', WRITE));
    fireEvent.input(box, { target: { value: 'First note' + ' and a second thought' } });
    finish(note('First note'));
    await screen.findByText('Note added.');
    expect(box.value).toBe('and a second thought');
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ note: 'First note' }), true);
    await waitFor(async () =>
      expect(await loadDraft('note:lead_1', '')).toBe('and a second thought'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(save).toHaveBeenLastCalledWith('and a second thought', WRITE));
  });

  it('keeps all of a text rewritten while the note was saving', async () => {
    let finish: (n: ReturnType<typeof note>) => void = () => {};
    const save = vi.fn(() => new Promise<ReturnType<typeof note>>((r) => (finish = r)));
    render(<NoteForm draftKey="note:lead_1" save={save} />);
    const box = await ready('Note');
    fireEvent.input(box, { target: { value: 'First note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith('First note', WRITE));
    fireEvent.input(box, { target: { value: 'Fist note, fixed' } });
    finish(note('First note'));
    await screen.findByText('Note added.');
    expect(box.value).toBe('Fist note, fixed');
  });

  it('submits with Ctrl+Enter and Cmd+Enter from the text box', async () => {
    const save = vi.fn(async (text: string) => note(text));
    render(<NoteForm draftKey="note:lead_1" save={save} />);
    const box = await ready('Note');
    fireEvent.input(box, { target: { value: 'Quick one' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(save).toHaveBeenCalledWith('Quick one', WRITE));
    fireEvent.input(box, { target: { value: 'Mac one' } });
    fireEvent.keyDown(box, { key: 'Enter', metaKey: true });
    await waitFor(() => expect(save).toHaveBeenCalledWith('Mac one', WRITE));
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('restores a draft after the panel is closed and reopened', async () => {
    const first = render(<NoteForm draftKey="note:lead_1" save={vi.fn()} />);
    const box = await ready('Note');
    fireEvent.input(box, { target: { value: 'Half a thought' } });
    first.unmount();
    render(<NoteForm draftKey="note:lead_1" save={vi.fn()} />);
    await waitFor(() =>
      expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Half a thought'),
    );
    expect(screen.getByText('Restored your unsaved draft.')).toBeTruthy();
  });

  it('puts a field error next to the Note box', async () => {
    const save = vi.fn(async () => {
      throw new AppFailure({
        kind: 'validation',
        message: 'Invalid',
        fieldErrors: { note: 'Note is too long.' },
      });
    });
    render(<NoteForm draftKey="note:lead_1" save={save} />);
    const box = await ready('Note');
    fireEvent.input(box, { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(describedText(box)).toContain('Note is too long.'));
    expect(box.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('LeadEditForm', () => {
  it('sends only what changed and maps Close field errors to the right fields', async () => {
    const actions = makeActions();
    const save = vi
      .fn()
      .mockRejectedValueOnce(
        new AppFailure({
          kind: 'validation',
          message: 'Invalid',
          fieldErrors: { url: 'Enter a valid URL.', status: 'Not a valid choice.' },
        }),
      )
      .mockResolvedValueOnce({ ...lead, statusId: 'stat_qualified', statusLabel: 'Qualified' });
    const onSaved = vi.fn();
    render(
      <LeadEditForm
        lead={lead}
        loadStatuses={actions.loadLeadStatuses}
        loadCustomFields={actions.loadLeadCustomFields}
        save={save}
        onSaved={onSaved}
      />,
    );
    const status = (await screen.findByLabelText('Status')) as HTMLSelectElement;
    await screen.findByRole('option', { name: 'Qualified' });
    fireEvent.change(status, { target: { value: 'stat_qualified' } });
    const url = screen.getByLabelText('URL') as HTMLInputElement;
    fireEvent.input(url, { target: { value: 'northwind' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save lead' }));

    await waitFor(() => expect(describedText(url)).toContain('Enter a valid URL.'));
    expect(describedText(status)).toContain('Not a valid choice.');
    expect(describedText(screen.getByLabelText('Name'))).not.toContain('valid');
    expect(save).toHaveBeenCalledWith({ url: 'northwind', statusId: 'stat_qualified' }, WRITE);
    expect(url.value).toBe('northwind');

    fireEvent.input(url, { target: { value: 'https://northwind.example/en' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save lead' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
  });

  it('edits custom fields', async () => {
    const actions = makeActions({
      loadLeadCustomFields: vi.fn(async () => [
        {
          id: 'cf_source',
          name: 'Source',
          type: 'choices',
          choices: ['Webinar', 'Referral'],
          acceptsMultipleValues: false,
        },
      ]),
    });
    const save = vi.fn(async () => lead);
    render(
      <LeadEditForm
        lead={{ ...lead, custom: { cf_source: 'Webinar' } }}
        loadStatuses={actions.loadLeadStatuses}
        loadCustomFields={actions.loadLeadCustomFields}
        save={save}
      />,
    );
    const source = (await screen.findByLabelText('Source')) as HTMLSelectElement;
    expect(source.value).toBe('Webinar');
    fireEvent.change(source, { target: { value: 'Referral' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save lead' }));
    await waitFor(() =>
      expect(save).toHaveBeenCalledWith({ custom: { cf_source: 'Referral' } }, WRITE),
    );
  });
});

describe('drafts of edits made on an older version of the record', () => {
  it('keeps the lead fields the user changed, shows the rest as Close has them now, and sends only the changes', async () => {
    const then = initialLeadForm({ ...lead, description: 'Inbound from webinar' });
    await saveDraft('lead:lead_1', { ...then, name: 'Northwind Robotics GmbH' }, Date.now(), then);
    const actions = makeActions();
    const save = vi.fn(async () => lead);
    // A colleague changed the description in Close since the draft was made.
    const now = { ...lead, description: 'Renewal due in June' };
    render(
      <LeadEditForm
        lead={now}
        loadStatuses={actions.loadLeadStatuses}
        loadCustomFields={actions.loadLeadCustomFields}
        save={save}
      />,
    );
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('Northwind Robotics GmbH'));
    expect((screen.getByLabelText('Description') as HTMLTextAreaElement).value).toBe(
      'Renewal due in June',
    );
    expect(screen.getByText(/changed in Close since you started editing/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save lead' }));
    await waitFor(() =>
      expect(save).toHaveBeenCalledWith({ name: 'Northwind Robotics GmbH' }, WRITE),
    );
  });

  it('sends only the contact fields the user changed, never reverting a newer title', async () => {
    const then = {
      name: 'Jo Lindqvist',
      title: 'Head of Ops',
      emails: ['jo@northwind.example'],
      phones: ['+4940123456'],
      target: '',
    };
    await saveDraft(
      'contact-edit:cont_1',
      { ...then, name: 'Jo Lindqvist-Berg' },
      Date.now(),
      then,
    );
    const update = vi.fn(async () => contact);
    render(
      <ContactForm
        draftKey="contact-edit:cont_1"
        contact={{ ...contact, title: 'COO' }}
        update={update}
      />,
    );
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('Jo Lindqvist-Berg'));
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('COO');
    expect(screen.getByRole('status').textContent).toMatch(/changed in Close/);
    fireEvent.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith({ name: 'Jo Lindqvist-Berg' }, WRITE));
  });

  it('shows no notice when the record is as it was when the draft began', async () => {
    const then = initialLeadForm(lead);
    await saveDraft(
      'lead:lead_1',
      { ...then, url: 'https://northwind.example/de' },
      Date.now(),
      then,
    );
    const actions = makeActions();
    render(
      <LeadEditForm
        lead={lead}
        loadStatuses={actions.loadLeadStatuses}
        loadCustomFields={actions.loadLeadCustomFields}
        save={vi.fn()}
      />,
    );
    await waitFor(() =>
      expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe(
        'https://northwind.example/de',
      ),
    );
    expect(screen.queryByText(/changed in Close/)).toBeNull();
  });
});

describe('forms while saving', () => {
  it('keep focus and Tab order but take no typing, then clear', async () => {
    let finish: (l: typeof lead) => void = () => {};
    const save = vi.fn(() => new Promise<typeof lead>((r) => (finish = r)));
    const actions = makeActions();
    render(
      <LeadEditForm
        lead={lead}
        loadStatuses={actions.loadLeadStatuses}
        loadCustomFields={actions.loadLeadCustomFields}
        save={save}
      />,
    );
    await screen.findByRole('option', { name: 'Qualified' });
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    fireEvent.input(name, { target: { value: 'Northwind AB' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save lead' }));
    await waitFor(() => expect(name.readOnly).toBe(true));
    name.focus();
    expect(document.activeElement).toBe(name);
    expect(name.disabled).toBe(false);
    const status = screen.getByLabelText('Status') as HTMLSelectElement;
    expect(status.getAttribute('aria-readonly')).toBe('true');
    fireEvent.change(status, { target: { value: 'stat_qualified' } });
    expect(status.value).toBe('stat_potential');
    finish({ ...lead, name: 'Northwind AB' });
    await waitFor(() => expect(name.readOnly).toBe(false));
    expect(save).toHaveBeenCalledWith({ name: 'Northwind AB' }, WRITE);
    expect(await loadDraft('lead:lead_1', initialLeadForm(lead))).toBeNull();
  });
});

describe('ContactForm', () => {
  it('shows an email field error next to the email', async () => {
    const save = vi.fn(async () => {
      throw new AppFailure({
        kind: 'validation',
        message: 'Invalid',
        fieldErrors: { 'emails.0.email': 'Enter a valid email address.' },
      });
    });
    render(<ContactForm draftKey="contact-edit:cont_1" contact={contact} update={save} />);
    const email = (await screen.findByLabelText('Email')) as HTMLInputElement;
    await waitFor(() => expect(email.value).toBe('jo@northwind.example'));
    fireEvent.input(email, { target: { value: 'jo@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(describedText(email)).toContain('Enter a valid email address.'));
    expect(describedText(screen.getByLabelText('Name'))).toBe('');
  });

  it('adds a page person as a contact onto a chosen lead or a new lead', async () => {
    const save = vi.fn(async () => ({ ...contact, id: 'cont_new' }));
    render(
      <ContactForm
        draftKey="contact:page"
        prefill={{ name: 'Sam Berg', email: 'sam@northwind.example' }}
        targets={[
          { leadId: 'lead_1', label: 'Northwind Robotics' },
          { leadId: null, label: '' },
        ]}
        save={save}
      />,
    );
    const name = (await screen.findByLabelText('Name')) as HTMLInputElement;
    expect(name.value).toBe('Sam Berg');
    fireEvent.change(screen.getByLabelText('Add to'), { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Phone'), { target: { value: '+1 555 0100' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    await waitFor(() =>
      expect(save).toHaveBeenCalledWith(
        {
          name: 'Sam Berg',
          title: '',
          emails: [{ email: 'sam@northwind.example', type: 'office' }],
          phones: [{ phone: '+1 555 0100', type: 'office' }],
        },
        null,
        WRITE,
      ),
    );
  });
});

describe('OpportunityForm', () => {
  it('offers statuses of the chosen pipeline and creates with the value in cents', async () => {
    const actions = makeActions();
    render(
      <OpportunityForm
        leadId="lead_1"
        contacts={[contact]}
        loadPipelines={actions.loadPipelines}
        create={(input, write) => actions.createOpportunity({ input, write })}
        update={(opportunityId, patch, write) =>
          actions.updateOpportunity({ opportunityId, patch, write })
        }
      />,
    );
    const pipeline = (await screen.findByLabelText('Pipeline')) as HTMLSelectElement;
    await screen.findByRole('option', { name: 'Partners' });
    fireEvent.change(pipeline, { target: { value: 'pipe_partners' } });
    const status = screen.getByLabelText('Status');
    expect(
      within(status)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['In talks']);
    fireEvent.input(screen.getByLabelText('Value'), { target: { value: '48,000' } });
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'annual' } });
    fireEvent.input(screen.getByLabelText('Confidence (%)'), { target: { value: '40' } });
    fireEvent.change(screen.getByLabelText('Contact'), { target: { value: 'cont_1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add opportunity' }));
    await waitFor(() =>
      expect(actions.createOpportunity).toHaveBeenCalledWith({
        write: WRITE,
        input: {
          leadId: 'lead_1',
          pipelineId: 'pipe_partners',
          statusId: 'stat_talks',
          value: 4_800_000,
          valuePeriod: 'annual',
          confidence: 40,
          contactId: 'cont_1',
          note: '',
        },
      }),
    );
    // The currency shown by default is not sent: Close uses the organization's own.
    expect(actions.createOpportunity).not.toHaveBeenCalledWith({
      write: WRITE,
      input: expect.objectContaining({ valueCurrency: expect.anything() }),
    });
  });

  it('shows the currency Close reports, read-only, and never sends one', async () => {
    const actions = makeActions();
    render(
      <OpportunityForm
        leadId="lead_1"
        contacts={[]}
        loadPipelines={actions.loadPipelines}
        defaultCurrency="EUR"
        create={(input, write) => actions.createOpportunity({ input, write })}
        update={(opportunityId, patch, write) =>
          actions.updateOpportunity({ opportunityId, patch, write })
        }
      />,
    );
    await screen.findByRole('option', { name: 'Partners' });
    const currency = screen.getByLabelText('Currency') as HTMLInputElement;
    expect(currency.value).toBe('EUR');
    expect(currency.readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Add opportunity' }));
    await waitFor(() => expect(actions.createOpportunity).toHaveBeenCalled());
    expect(actions.createOpportunity).not.toHaveBeenCalledWith(
      expect.objectContaining({
        input: expect.objectContaining({ valueCurrency: expect.anything() }),
      }),
    );
  });

  it('does not send a currency Close did not report when editing another field', async () => {
    const actions = makeActions();
    render(
      <OpportunityForm
        leadId="lead_1"
        opportunity={{ ...opportunity, valueCurrency: '' }}
        contacts={[contact]}
        loadPipelines={actions.loadPipelines}
        create={(input, write) => actions.createOpportunity({ input, write })}
        update={(opportunityId, patch, write) =>
          actions.updateOpportunity({ opportunityId, patch, write })
        }
      />,
    );
    await screen.findByRole('option', { name: 'Partners' });
    const confidence = screen.getByLabelText('Confidence (%)') as HTMLInputElement;
    await waitFor(() => expect(confidence.value).toBe('40'));
    fireEvent.input(confidence, { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save opportunity' }));
    await waitFor(() =>
      expect(actions.updateOpportunity).toHaveBeenCalledWith({
        write: WRITE,
        opportunityId: 'oppo_1',
        patch: { confidence: 60 },
      }),
    );
  });

  it('sends only the changed value when editing', async () => {
    const actions = makeActions();
    render(
      <OpportunityForm
        leadId="lead_1"
        opportunity={opportunity}
        contacts={[contact]}
        loadPipelines={actions.loadPipelines}
        create={(input, write) => actions.createOpportunity({ input, write })}
        update={(opportunityId, patch, write) =>
          actions.updateOpportunity({ opportunityId, patch, write })
        }
      />,
    );
    const value = (await screen.findByLabelText('Value')) as HTMLInputElement;
    await waitFor(() => expect(value.value).toBe('48000'));
    await screen.findByRole('option', { name: 'Partners' });
    fireEvent.input(value, { target: { value: '50000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save opportunity' }));
    await waitFor(() =>
      expect(actions.updateOpportunity).toHaveBeenCalledWith({
        write: WRITE,
        opportunityId: 'oppo_1',
        patch: { value: 5_000_000 },
      }),
    );
  });
});

describe('CreateLeadForm', () => {
  it('is prefilled from the page and creates the lead with the chosen people', async () => {
    const actions = makeActions();
    const onCreated = vi.fn();
    render(
      <CreateLeadForm
        page={websitePage}
        findDuplicates={actions.findDuplicates}
        createLead={actions.createLead}
        loadLead={vi.fn()}
        onCreated={onCreated}
        onUseLead={vi.fn()}
      />,
    );
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Initech');
    expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe(
      'https://initech.example',
    );
    expect((screen.getByLabelText('Description') as HTMLTextAreaElement).value).toBe(
      'Software for banks.',
    );
    const person = screen.getByRole('checkbox', { name: /Bill Lumbergh/ }) as HTMLInputElement;
    expect(person.checked).toBe(true);
    await waitFor(() => expect(actions.findDuplicates).toHaveBeenCalled());
    fireEvent.click(screen.getByRole('button', { name: 'Create lead' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(actions.createLead).toHaveBeenCalledWith({
      write: WRITE,
      name: 'Initech',
      url: 'https://initech.example',
      description: 'Software for banks.',
      contacts: [
        {
          name: 'Bill Lumbergh',
          title: '',
          emails: [{ email: 'bill@initech.example', type: 'office' }],
          phones: [],
        },
      ],
    });
  });

  it('shows possible duplicates before saving, with "Use this lead instead"', async () => {
    const existing = { ...lead, id: 'lead_initech', name: 'Initech Inc.', statusLabel: 'Customer' };
    const actions = makeActions({
      findDuplicates: vi.fn(async () => [
        { lead: existing, matchedBy: [{ kind: 'domain' as const, value: 'initech.example' }] },
      ]),
    });
    const onUseLead = vi.fn();
    render(
      <CreateLeadForm
        page={websitePage}
        findDuplicates={actions.findDuplicates}
        createLead={actions.createLead}
        loadLead={vi.fn()}
        onCreated={vi.fn()}
        onUseLead={onUseLead}
      />,
    );
    const dupes = await screen.findByRole('region', { name: 'Possible duplicates in Close' });
    expect(within(dupes).getByText('Initech Inc.')).toBeTruthy();
    expect(within(dupes).getByText(/same domain initech\.example/)).toBeTruthy();
    expect(actions.findDuplicates).toHaveBeenCalledWith({
      name: 'Initech',
      url: 'https://initech.example',
      emails: ['bill@initech.example'],
    });
    fireEvent.click(within(dupes).getByRole('button', { name: /Use this lead instead/ }));
    expect(onUseLead).toHaveBeenCalledWith(existing, [
      expect.objectContaining({ name: 'Bill Lumbergh' }),
    ]);
    expect(actions.createLead).not.toHaveBeenCalled();
  });

  it.each([
    // The site as it is served, never the deep page (nor its canonical URL) the user is reading.
    [
      'https://www.brightfoxlabs.io/blog/2024/robots?utm=x',
      'brightfoxlabs.io',
      'https://www.brightfoxlabs.io',
    ],
    ['https://brightfoxlabs.io/about', 'brightfoxlabs.io', 'https://brightfoxlabs.io'],
    // Another subdomain is not the company's site: its registrable domain is.
    ['https://blog.initech.co.uk/post/1', 'initech.co.uk', 'https://initech.co.uk'],
    ['https://shop.example.test/cart', undefined, 'https://shop.example.test'],
  ])('prefills URL for %s as %s → %s', (url, domain, expected) => {
    render(
      <CreateLeadForm
        page={{
          ...websitePage,
          url,
          company: { name: 'Brightfox', canonicalUrl: url, website: `${url}#jsonld` },
        }}
        domain={domain}
        findDuplicates={vi.fn(async () => [])}
        createLead={vi.fn()}
        loadLead={vi.fn()}
        onCreated={vi.fn()}
        onUseLead={vi.fn()}
      />,
    );
    expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe(expected);
  });

  it('links a possible duplicate to Close only through an http(s) address', async () => {
    const actions = makeActions({
      findDuplicates: vi.fn(async () => [
        {
          lead: {
            ...lead,
            id: 'lead_a',
            name: 'Safe',
            htmlUrl: 'https://app.close.com/lead/lead_a/',
          },
          matchedBy: [],
        },
        {
          lead: { ...lead, id: 'lead_b', name: 'Hostile', htmlUrl: 'javascript:alert(1)' },
          matchedBy: [],
        },
      ]),
    });
    render(
      <CreateLeadForm
        page={websitePage}
        findDuplicates={actions.findDuplicates}
        createLead={actions.createLead}
        loadLead={vi.fn()}
        onCreated={vi.fn()}
        onUseLead={vi.fn()}
      />,
    );
    const dupes = await screen.findByRole('region', { name: 'Possible duplicates in Close' });
    const links = within(dupes).getAllByRole('link', { name: 'Open in Close' });
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://app.close.com/lead/lead_a/',
    ]);
    expect(dupes.innerHTML).not.toContain('javascript:');
  });

  it('restores what was typed from the draft', async () => {
    await saveDraft('create-lead:initech.example', {
      name: 'Initech Europe',
      url: 'https://initech.example',
      description: '',
      people: [],
    });
    render(
      <CreateLeadForm
        page={websitePage}
        findDuplicates={vi.fn(async () => [])}
        createLead={vi.fn()}
        loadLead={vi.fn()}
        onCreated={vi.fn()}
        onUseLead={vi.fn()}
      />,
    );
    await waitFor(() =>
      expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Initech Europe'),
    );
  });
});
