// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetAllActivities } from '@/components/activity-cache';
import { PanelView } from '@/components/PanelView';
import { PopupView } from '@/components/PopupView';
import { SearchBox } from '@/components/SearchBox';
import {
  account,
  activities,
  connected,
  gmailPage,
  lead,
  makeActions,
  makeModel,
  match,
  NOW,
  result,
  websitePage,
} from '@/tests/unit/components/fixtures';
import { AppFailure } from '@/utils/app-error';

/** The journal details every form write carries (components/use-write.ts). */
const WRITE = expect.objectContaining({ clientId: expect.any(String) });

beforeEach(() => {
  fakeBrowser.reset();
  forgetAllActivities();
});
afterEach(cleanup);

describe('PanelView', () => {
  it('shows what is on the page and the matching lead with contacts, opportunities and activity', async () => {
    render(<PanelView model={makeModel()} />);
    const onPage = screen.getByRole('region', { name: /On this page/ });
    expect(within(onPage).getByText(/Gmail/)).toBeTruthy();
    expect(within(onPage).getByText('Jo Lindqvist <jo@northwind.example>')).toBeTruthy();
    const leadArticle = screen.getByRole('article', { name: 'Northwind Robotics' });
    expect(within(leadArticle).getByText('Potential')).toBeTruthy();
    expect(within(leadArticle).getByRole('link', { name: /Open in Close/ })).toBeTruthy();
    const opportunities = within(leadArticle).getByRole('region', { name: 'Opportunities' });
    expect(within(opportunities).getByText('$48,000 annual')).toBeTruthy();
    // The open deal also sits on the lead's card, beside its status.
    expect(within(leadArticle).getAllByText('$48,000 annual')).toHaveLength(2);
    expect(within(leadArticle).getByRole('link', { name: 'jo@northwind.example' })).toBeTruthy();
    await within(leadArticle).findByText('Discussed pricing');
    expect(screen.getByText('Connected as Ada Lovelace · Acme Sales')).toBeTruthy();
  });

  it('adds a note and shows it in the timeline without a reload', async () => {
    const model = makeModel();
    render(<PanelView model={model} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    await within(article).findByText('Discussed pricing');
    const box = within(article).getByLabelText('Note');
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.input(box, { target: { value: 'Sent the contract' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Add note' }));
    const timeline = within(article).getByRole('region', { name: 'Recent activity' });
    await within(timeline).findByText('Sent the contract');
    expect(model.actions.addNote).toHaveBeenCalledWith({
      write: WRITE,
      leadId: 'lead_1',
      text: 'Sent the contract',
    });
    expect(model.actions.loadActivities).toHaveBeenCalledTimes(1);
  });

  it('updates the opportunity in place after an edit', async () => {
    const model = makeModel();
    render(<PanelView model={model} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    fireEvent.click(within(article).getByRole('button', { name: /Edit opportunity/ }));
    const value = (await within(article).findByLabelText('Value')) as HTMLInputElement;
    await waitFor(() => expect(value.value).toBe('48000'));
    // The form loads on first use; let it mount (and read its draft) before typing.
    await act(() => new Promise((r) => setTimeout(r, 50)));
    fireEvent.input(value, { target: { value: '60000' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Save opportunity' }));
    await within(within(article).getByRole('region', { name: 'Opportunities' })).findByText(
      '$60,000 annual',
    );
    expect(model.actions.updateOpportunity).toHaveBeenCalledWith({
      write: WRITE,
      opportunityId: 'oppo_1',
      patch: { value: 6_000_000 },
    });
  });

  it('loads lead statuses again, and forgets pinned leads, when the organization changes', async () => {
    const other = { ...account, organizationId: 'orga_2', organizationName: 'Globex' };
    const actions = makeActions({
      search: vi.fn(async () => ({
        items: [{ kind: 'lead' as const, lead: { ...lead, id: 'lead_2', name: 'Northwind Labs' } }],
        cursor: null,
      })),
      loadLead: vi.fn(async () => ({
        ...match,
        lead: { ...lead, id: 'lead_2', name: 'Northwind Labs' },
      })),
    });
    const view = render(<PanelView model={makeModel({ actions })} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    fireEvent.click(within(article).getByRole('button', { name: 'Edit lead' }));
    await within(article).findByRole('option', { name: 'Qualified' });
    fireEvent.click(within(article).getByRole('button', { name: 'Edit lead' }));
    fireEvent.click(within(article).getByRole('button', { name: 'Edit lead' }));
    await within(article).findByRole('option', { name: 'Qualified' });
    expect(actions.loadLeadStatuses).toHaveBeenCalledTimes(1);

    fireEvent.input(screen.getByLabelText('Search Close'), { target: { value: 'labs' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show Northwind Labs' }));
    await screen.findByRole('article', { name: 'Northwind Labs' });

    view.rerender(
      <PanelView
        model={makeModel({
          actions,
          connection: { status: 'connected', active: other, accounts: [account, other] },
          lookup: { status: 'ready', result: { ...result(), organizationId: 'orga_2' } },
        })}
      />,
    );
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Northwind Labs' })).toBeNull(),
    );
    const again = screen.getByRole('article', { name: 'Northwind Robotics' });
    if (!within(again).queryByLabelText('Status')) {
      fireEvent.click(within(again).getByRole('button', { name: 'Edit lead' }));
    }
    await waitFor(() => expect(actions.loadLeadStatuses).toHaveBeenCalledTimes(2));
  });

  it('updates lead sections in place when the look-up refreshes: open forms stay, activity reloads only for a newer lead', async () => {
    const model = makeModel();
    const view = render(<PanelView model={model} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    await within(article).findByText('Discussed pricing');
    fireEvent.click(within(article).getByRole('button', { name: 'Edit lead' }));
    const name = (await within(article).findByLabelText('Name')) as HTMLInputElement;
    fireEvent.input(name, { target: { value: 'Northwind Robotics AB' } });

    // Refreshing: first without the previous answer (a restarted worker), then a newer answer
    // in which a colleague changed the status.
    view.rerender(<PanelView model={{ ...model, lookup: { status: 'loading' } }} />);
    expect(screen.getByRole('article', { name: 'Northwind Robotics' })).toBe(article);
    expect(document.querySelector('.cl-lead--skeleton')).toBeNull();
    const newer = {
      ...result(),
      fetchedAt: NOW,
      leads: [
        {
          ...match,
          lead: {
            ...lead,
            statusId: 'stat_qualified',
            statusLabel: 'Qualified',
            dateUpdated: '2024-05-21T09:00:00Z',
          },
        },
      ],
    };
    // The same lead again (same date_updated): the timeline is not asked for again.
    view.rerender(
      <PanelView model={{ ...model, lookup: { status: 'ready', result: { ...result() } } }} />,
    );
    expect(model.actions.loadActivities).toHaveBeenCalledTimes(1);
    view.rerender(<PanelView model={{ ...model, lookup: { status: 'ready', result: newer } }} />);
    const same = screen.getByRole('article', { name: 'Northwind Robotics' });
    expect(same).toBe(article);
    expect(within(same).getAllByText('Qualified').length).toBeGreaterThan(0);
    expect((within(same).getByLabelText('Name') as HTMLInputElement).value).toBe(
      'Northwind Robotics AB',
    );
    // A colleague changed the lead: its activity may have changed too.
    await waitFor(() => expect(model.actions.loadActivities).toHaveBeenCalledTimes(2));
    expect(within(same).getByText('Discussed pricing')).toBeTruthy();
  });

  it('shows a lead the panel already loaded without asking Close for its activity again, until it is written to', async () => {
    const model = makeModel();
    const first = render(<PanelView model={model} />);
    await screen.findByText('Discussed pricing');
    first.unmount();
    const second = render(<PanelView model={model} />);
    await screen.findByText('Discussed pricing');
    expect(model.actions.loadActivities).toHaveBeenCalledTimes(1);

    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.input(within(article).getByLabelText('Note'), { target: { value: 'Called' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Add note' }));
    await within(article).findByText('Note added.');
    second.unmount();
    render(<PanelView model={model} />);
    await screen.findByText('Discussed pricing');
    await waitFor(() => expect(model.actions.loadActivities).toHaveBeenCalledTimes(2));
  });

  it('shows an old timeline at once, then what Close has now, from one more answer of the background', async () => {
    const fresh = {
      id: 'acti_new_call',
      type: 'Call' as const,
      rawType: 'Call',
      leadId: 'lead_1',
      date: '2024-05-20T11:00:00Z',
      userName: 'Grace Hopper',
      contactId: null,
      summary: 'Renewal call',
    };
    const model = makeModel();
    const loadActivities = vi.fn(async ({ fresh: wantFresh }: { fresh?: boolean }) =>
      wantFresh
        ? { items: [fresh, ...activities], cursor: null }
        : { items: activities, cursor: null, stale: true },
    );
    model.actions.loadActivities = loadActivities as unknown as typeof model.actions.loadActivities;
    render(<PanelView model={model} />);
    await screen.findByText('Discussed pricing');
    await screen.findByText('Renewal call');
    expect(loadActivities).toHaveBeenCalledTimes(2);
    expect(loadActivities.mock.calls[1]?.[0]).toMatchObject({ fresh: true });
  });

  it('waits for a revalidated look-up before asking again for an old timeline, then asks with its answer', async () => {
    const model = makeModel({ lookup: { status: 'ready', result: { ...result(), stale: true } } });
    const loadActivities = vi.fn(async ({ lookupStale }: { lookupStale?: boolean }) =>
      lookupStale
        ? { items: activities, cursor: null, stale: true, freshFor: 0 }
        : { items: activities, cursor: null, freshFor: 60_000 },
    );
    model.actions.loadActivities = loadActivities as unknown as typeof model.actions.loadActivities;
    const view = render(<PanelView model={model} />);
    await screen.findByText('Discussed pricing');
    await new Promise((r) => setTimeout(r, 20));
    // The old page is shown; nothing more is asked while the look-up itself is being revalidated.
    expect(loadActivities).toHaveBeenCalledTimes(1);
    expect(loadActivities.mock.calls[0]?.[0]).toMatchObject({ lookupStale: true });
    // Close's new answer (same date_updated): the timeline asks once more, with that answer's time.
    const refreshed = { ...result(), stale: false, fetchedAt: NOW };
    view.rerender(
      <PanelView model={{ ...model, lookup: { status: 'ready', result: refreshed } }} />,
    );
    await waitFor(() => expect(loadActivities).toHaveBeenCalledTimes(2));
    expect(loadActivities.mock.calls[1]?.[0]).toMatchObject({ leadSeenAt: NOW });
    expect(loadActivities.mock.calls[1]?.[0]).toMatchObject({ lookupStale: false });
    await new Promise((r) => setTimeout(r, 20));
    expect(loadActivities).toHaveBeenCalledTimes(2);
  });

  it('asks again for a timeline once the background said its copy is no longer fresh, showing it meanwhile', async () => {
    const model = makeModel();
    const loaded = model.actions.loadActivities;
    // The background's copy was already 7 of its 10 minutes old: fresh for 3 more.
    model.actions.loadActivities = vi.fn(async (input: Parameters<typeof loaded>[0]) => ({
      ...(await loaded(input)),
      freshFor: 3 * 60_000,
    })) as unknown as typeof model.actions.loadActivities;
    const first = render(<PanelView model={model} />);
    await screen.findByText('Discussed pricing');
    first.unmount();
    // Within those 3 minutes a lead section mounting again asks nothing.
    const soon = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 3 * 60_000 - 1000);
    const second = render(<PanelView model={model} />);
    await screen.findByText('Discussed pricing');
    expect(model.actions.loadActivities).toHaveBeenCalledTimes(1);
    second.unmount();
    soon.mockRestore();
    const later = Date.now() + 3 * 60_000 + 1;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    let answer!: (page: { items: typeof activities; cursor: null }) => void;
    model.actions.loadActivities = vi.fn(
      () => new Promise((resolve) => (answer = resolve)),
    ) as unknown as typeof model.actions.loadActivities;
    render(<PanelView model={model} />);
    // Still on screen while Close is asked.
    expect(screen.getByText('Discussed pricing')).toBeTruthy();
    await waitFor(() => expect(model.actions.loadActivities).toHaveBeenCalledTimes(1));
    answer({ items: activities, cursor: null });
    vi.restoreAllMocks();
  });

  it('blanks the panel while looking up another page', () => {
    const model = makeModel();
    const view = render(<PanelView model={model} />);
    expect(screen.getByRole('article', { name: 'Northwind Robotics' })).toBeTruthy();
    view.rerender(
      <PanelView
        model={{
          ...model,
          page: { ...gmailPage, title: 'Another thread', url: 'https://mail.google.com/x' },
          lookup: { status: 'loading' },
        }}
      />,
    );
    expect(screen.queryByRole('article', { name: 'Northwind Robotics' })).toBeNull();
    // What shows instead: the new page, and the leads' place holding a skeleton while busy.
    expect(screen.getByRole('region', { name: /On this page/ }).textContent).toContain(
      'Another thread',
    );
    const matches = screen.getByRole('region', { name: 'In Close' });
    expect(matches.getAttribute('aria-busy')).toBe('true');
    expect(within(matches).getByText('Looking this page up in Close…')).toBeTruthy();
  });

  it('says which platform account a platform-hosted page belongs to ("on GitHub: acme")', () => {
    const model = makeModel({
      page: {
        source: 'website',
        url: 'https://github.com/acme-robotics/pathfinder',
        title: 'GitHub - acme-robotics/pathfinder',
        people: [],
        company: { name: 'acme-robotics', platform: { name: 'GitHub', account: 'acme-robotics' } },
      },
      lookup: { status: 'ready', result: result([]) },
    });
    render(<PanelView model={model} />);
    const onPage = screen.getByRole('region', { name: /On this page/ });
    expect(within(onPage).getByText('on GitHub: acme-robotics')).toBeTruthy();
  });

  it('asks to connect when not connected', () => {
    const model = makeModel({ connection: { status: 'disconnected' } });
    render(<PanelView model={model} />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect your Close account' }));
    expect(model.actions.openOptions).toHaveBeenCalled();
  });

  it('shows a skeleton while looking up', () => {
    const { container } = render(
      <PanelView model={makeModel({ lookup: { status: 'loading' } })} />,
    );
    expect(screen.getByText('Looking this page up in Close…')).toBeTruthy();
    expect(container.querySelector('.cl-lead--skeleton')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'In Close' }).getAttribute('aria-busy')).toBe('true');
  });

  it('offers Create lead and search when nothing is found', async () => {
    const model = makeModel({
      page: websitePage,
      lookup: { status: 'ready', result: result([]) },
    });
    render(<PanelView model={model} />);
    expect(screen.getByText('Nothing on this page is in Close yet.')).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search Close' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create lead' }));
    expect((await screen.findByLabelText('Name')) as HTMLInputElement).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Initech');
  });

  it('shows the chosen duplicate lead after "Use this lead instead"', async () => {
    const existing = { ...lead, id: 'lead_initech', name: 'Initech Inc.' };
    const actions = makeActions({
      findDuplicates: vi.fn(async () => [{ lead: existing, matchedBy: [] }]),
      loadLead: vi.fn(async () => ({ ...match, lead: existing, contacts: [], opportunities: [] })),
    });
    render(
      <PanelView
        model={makeModel({
          page: websitePage,
          lookup: { status: 'ready', result: result([]) },
          actions,
        })}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create lead' }));
    fireEvent.click(await screen.findByRole('button', { name: /Use this lead instead/ }));
    await screen.findByRole('article', { name: 'Initech Inc.' });
    expect(actions.createContact).toHaveBeenCalledWith({
      leadId: 'lead_initech',
      input: expect.objectContaining({ name: 'Bill Lumbergh' }),
    });
    expect(actions.createLead).not.toHaveBeenCalled();
  });

  it('marks cached results when Close is unreachable and offers Try again', () => {
    const model = makeModel({
      lookup: {
        status: 'offline',
        error: { kind: 'network', message: 'offline' },
        cached: result(),
      },
    });
    render(<PanelView model={model} />);
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toMatch(
      /Close is unreachable. Showing saved results from 3 hours ago/,
    );
    expect(screen.getByText('Saved copy')).toBeTruthy();
    expect(screen.getByRole('article', { name: 'Northwind Robotics' })).toBeTruthy();
    fireEvent.click(within(banner).getByRole('button', { name: 'Try again' }));
    expect(model.actions.retryLookup).toHaveBeenCalled();
  });

  it('shows that it is waiting when rate limited', () => {
    render(
      <PanelView
        model={makeModel({ lookup: { status: 'rate-limited', retryAt: NOW + 5000, cached: null } })}
      />,
    );
    expect(screen.getByText(/Close asked us to slow down. Trying again in 5 s/)).toBeTruthy();
  });

  it('explains an error and offers the action to take', () => {
    const model = makeModel({
      lookup: { status: 'error', error: { kind: 'server', message: 'boom' } },
    });
    render(<PanelView model={model} />);
    expect(screen.getByRole('alert').textContent).toMatch(/server error/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(model.actions.retryLookup).toHaveBeenCalled();
  });

  it('sends a rejected key to the options page', () => {
    const model = makeModel({
      lookup: { status: 'error', error: { kind: 'auth', message: 'Unauthorized' } },
    });
    render(<PanelView model={model} />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect your Close account' }));
    expect(model.actions.openOptions).toHaveBeenCalled();
  });

  it('offers "Add as contact" for a page person not in Close', async () => {
    const model = makeModel();
    render(<PanelView model={model} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add Sam Berg as contact' }));
    const form = await screen.findByRole('form', { name: 'New contact' });
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Sam Berg');
    fireEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    await waitFor(() =>
      expect(model.actions.createContact).toHaveBeenCalledWith({
        write: WRITE,
        leadId: 'lead_1',
        input: expect.objectContaining({ name: 'Sam Berg' }),
      }),
    );
  });
});

describe('SearchBox', () => {
  it('searches and pages with Load more', async () => {
    const search = vi
      .fn()
      .mockResolvedValueOnce({ items: [{ kind: 'lead', lead }], cursor: 'next' })
      .mockResolvedValueOnce({
        items: [{ kind: 'lead', lead: { ...lead, id: 'lead_2', name: 'Northwind Labs' } }],
        cursor: null,
      });
    const onOpenLead = vi.fn();
    render(<SearchBox search={search} onOpenLead={onOpenLead} />);
    fireEvent.input(screen.getByLabelText('Search Close'), { target: { value: 'northwind' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText('Northwind Robotics');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('Northwind Labs');
    expect(search).toHaveBeenLastCalledWith('northwind', 'next');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show Northwind Labs' }));
    expect(onOpenLead).toHaveBeenCalledWith('lead_2');
  });

  it('says when nothing matches', async () => {
    render(<SearchBox search={async () => ({ items: [], cursor: null })} onOpenLead={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('Search Close'), { target: { value: 'zzz' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText('Nothing in Close matches “zzz”.');
  });
});

describe('PopupView', () => {
  it('opens the side panel synchronously inside the click', () => {
    let calledDuringClick = false;
    let inClick = false;
    const onOpenSidePanel = vi.fn(() => {
      calledDuringClick = inClick;
    });
    render(
      <PopupView
        connection={connected}
        lookup={{ status: 'ready', result: result() }}
        addNote={vi.fn()}
        onOpenSidePanel={onOpenSidePanel}
        onOpenOptions={vi.fn()}
      />,
    );
    const button = screen.getByRole('button', { name: 'Open side panel' });
    inClick = true;
    fireEvent.click(button);
    inClick = false;
    expect(calledDuringClick).toBe(true);
  });

  it('keeps "Open side panel" disabled until it knows where to open it', () => {
    const onOpenSidePanel = vi.fn();
    const view = render(
      <PopupView
        connection={connected}
        lookup={{ status: 'ready', result: result() }}
        addNote={vi.fn()}
        onOpenSidePanel={onOpenSidePanel}
        canOpenSidePanel={false}
        onOpenOptions={vi.fn()}
      />,
    );
    const button = screen.getByRole('button', { name: 'Open side panel' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(onOpenSidePanel).not.toHaveBeenCalled();
    view.rerender(
      <PopupView
        connection={connected}
        lookup={{ status: 'ready', result: result() }}
        addNote={vi.fn()}
        onOpenSidePanel={onOpenSidePanel}
        canOpenSidePanel
        onOpenOptions={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open side panel' }));
    expect(onOpenSidePanel).toHaveBeenCalledOnce();
  });

  it('shows the top match and a quick note', async () => {
    const addNote = vi.fn(async () => {
      throw new AppFailure({ kind: 'network', message: 'offline' });
    });
    render(
      <PopupView
        connection={connected}
        lookup={{ status: 'ready', result: result() }}
        addNote={addNote}
        onOpenSidePanel={vi.fn()}
        onOpenOptions={vi.fn()}
      />,
    );
    expect(screen.getByText('Connected as Ada Lovelace · Acme Sales')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Northwind Robotics' })).toBeTruthy();
    const box = screen.getByLabelText('Note') as HTMLTextAreaElement;
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.input(box, { target: { value: 'From the popup' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not reach Close/);
    expect(box.value).toBe('From the popup');
    expect(addNote).toHaveBeenCalledWith('lead_1', 'From the popup', WRITE);
  });

  it('asks to connect when not connected', () => {
    const onOpenOptions = vi.fn();
    render(
      <PopupView
        connection={{ status: 'disconnected' }}
        lookup={{ status: 'idle' }}
        addNote={vi.fn()}
        onOpenSidePanel={vi.fn()}
        onOpenOptions={onOpenOptions}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Connect your Close account' }));
    expect(onOpenOptions).toHaveBeenCalled();
  });
});
