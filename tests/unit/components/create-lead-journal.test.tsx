// @vitest-environment happy-dom
// "Create lead" through the write journal: a lost answer is looked up with Close, never sent again;
// a lead the journal found is shown as created; while Close may have it, no second create.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CreateLeadForm } from '@/components/CreateLeadForm';
import { makeActions, match, websitePage } from '@/tests/unit/components/fixtures';
import { AppFailure } from '@/utils/app-error';
import { saveDraft } from '@/utils/drafts';
import { journalEntries } from '@/utils/ui/write-journal-signal';
import { type JournalEntry, recordWrite } from '@/utils/write-journal';

const DRAFT = 'create-lead:initech.example';

function entry(state: JournalEntry['state'], clientId: string, resultId?: string): JournalEntry {
  return {
    ...recordWrite({
      kind: 'createLead',
      organizationId: '',
      input: {},
      meta: { clientId, draftKey: DRAFT },
      owner: 'worker-gone',
      now: Date.now(),
    }),
    owner: null,
    state,
    ...(resultId ? { resultId, answerUnseen: true } : {}),
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  journalEntries.value = [];
});
afterEach(cleanup);

describe('CreateLeadForm and the write journal', () => {
  it('a lost answer is looked up, not sent again: the lead Close made is shown as created', async () => {
    const actions = makeActions({
      createLead: vi.fn(async () => {
        throw new AppFailure({ kind: 'unknown', message: 'No answer.', outcomeUnknown: true });
      }),
    });
    // The background (a new worker) searches Close and finds the lead.
    fakeBrowser.runtime.onMessage.addListener(
      (message: unknown, _sender: unknown, reply: (answer: unknown) => void) => {
        const { name, data } = message as { name: string; data: { clientId?: string } };
        if (name !== 'ui:resolveWrites') return false;
        const found = entry('saved', data.clientId ?? '', match.lead.id);
        journalEntries.value = [found];
        reply({ ok: true, value: found });
        return true;
      },
    );
    const onCreated = vi.fn();
    render(
      <CreateLeadForm
        page={websitePage}
        findDuplicates={vi.fn(async () => [])}
        createLead={actions.createLead}
        loadLead={(leadId) => actions.loadLead({ leadId })}
        onCreated={onCreated}
        onUseLead={vi.fn()}
      />,
    );
    await waitFor(() =>
      expect(
        (screen.getByRole('button', { name: 'Create lead' }) as HTMLButtonElement).disabled,
      ).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create lead' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(match));
    expect(actions.loadLead).toHaveBeenCalledWith({ leadId: match.lead.id });
    expect(actions.createLead).toHaveBeenCalledTimes(1);
  });

  it('while Close may have the lead (search found nothing, which proves nothing), no second create', async () => {
    await saveDraft(DRAFT, {
      name: 'Initech',
      url: 'https://initech.example',
      description: '',
      people: [],
    });
    journalEntries.value = [entry('unknown', 'client-0001')];
    const actions = makeActions();
    render(
      <CreateLeadForm
        page={websitePage}
        findDuplicates={vi.fn(async () => [])}
        createLead={actions.createLead}
        loadLead={(leadId) => actions.loadLead({ leadId })}
        onCreated={vi.fn()}
        onUseLead={vi.fn()}
      />,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Close may already have this');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
    const create = screen.getByRole('button', { name: 'Create lead' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    fireEvent.click(create);
    await new Promise((r) => setTimeout(r, 50));
    expect(actions.createLead).not.toHaveBeenCalled();
  });
});
