// @vitest-environment happy-dom
// What the panel shows as answers arrive: for another organization, lagging behind a save, after a
// create, after "Try again" (panel, timeline, search) and after a failed create.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetAllActivities } from '@/components/activity-cache';
import { CreateLeadForm } from '@/components/CreateLeadForm';
import { PanelView } from '@/components/PanelView';
import { SearchBox } from '@/components/SearchBox';
import { lead, makeModel, match, result, websitePage } from '@/tests/unit/components/fixtures';

beforeEach(() => {
  fakeBrowser.reset();
  forgetAllActivities();
});
afterEach(cleanup);

describe('PanelView and the active organization', () => {
  it('does not show a look-up answered for another organization', () => {
    const view = render(<PanelView model={makeModel()} />);
    expect(screen.getByRole('article', { name: 'Northwind Robotics' })).toBeTruthy();
    view.rerender(
      <PanelView
        model={makeModel({
          lookup: { status: 'ready', result: { ...result(), organizationId: 'orga_2' } },
        })}
      />,
    );
    expect(screen.queryByRole('article', { name: 'Northwind Robotics' })).toBeNull();
    // The page itself is still shown, with nobody marked as known in Close.
    const onPage = screen.getByRole('region', { name: /On this page/ });
    expect(within(onPage).getByText('Jo Lindqvist <jo@northwind.example>')).toBeTruthy();
    expect(within(onPage).queryByText('In Close')).toBeNull();
  });
});

describe('LeadSection and a look-up that lags behind a save', () => {
  it('keeps a contact added here while refreshes answered later lack it, for a while', async () => {
    const model = makeModel();
    const view = render(<PanelView model={model} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    fireEvent.click(within(article).getByRole('button', { name: 'Add contact' }));
    // The form loads on first use; let it mount (and read its draft) before typing.
    const name = await within(article).findByLabelText('Name');
    await act(() => new Promise((r) => setTimeout(r, 50)));
    fireEvent.input(name, { target: { value: 'Sam Newcomer' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Add contact' }));
    await within(article).findByText('Sam Newcomer');
    const savedAt = Date.now();
    // Answered after the save, from data older than it.
    view.rerender(
      <PanelView
        model={{
          ...model,
          lookup: { status: 'ready', result: { ...result(), fetchedAt: savedAt + 60_000 } },
        }}
      />,
    );
    expect(within(article).getByText('Sam Newcomer')).toBeTruthy();
    // Long after, still not there: it was deleted in Close.
    const clock = vi.spyOn(Date, 'now').mockReturnValue(savedAt + 10 * 60_000);
    try {
      view.rerender(
        <PanelView
          model={{
            ...model,
            lookup: { status: 'ready', result: { ...result(), fetchedAt: savedAt + 9 * 60_000 } },
          }}
        />,
      );
      expect(within(article).queryByText('Sam Newcomer')).toBeNull();
    } finally {
      clock.mockRestore();
    }
  });
});

describe('PanelView pinned leads', () => {
  it('keeps a just-created lead in place, forms open, when the refresh finds it', async () => {
    const model = makeModel({ page: websitePage, lookup: { status: 'ready', result: result([]) } });
    const view = render(<PanelView model={model} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create lead' }));
    await waitFor(() => expect(model.actions.findDuplicates).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.click(screen.getByRole('button', { name: 'Create lead' }));
    const created = await screen.findByRole('article', { name: 'Initech' });
    fireEvent.click(within(created).getByRole('button', { name: 'Edit lead' }));
    await within(created).findByLabelText('Name');
    const found = { ...match, lead: { ...lead, id: 'lead_new', name: 'Initech' } };
    view.rerender(
      <PanelView model={{ ...model, lookup: { status: 'ready', result: result([found]) } }} />,
    );
    const same = screen.getByRole('article', { name: 'Initech' });
    expect(same).toBe(created);
    expect(within(same).getByLabelText('Name')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'In Close' }).contains(same)).toBe(true);
  });
});

describe('ActivityTimeline reloads', () => {
  it('asks Close for the activity again on Try again', async () => {
    const model = makeModel({
      lookup: {
        status: 'offline',
        error: { kind: 'network', message: 'offline' },
        cached: result(),
      },
    });
    render(<PanelView model={model} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    await within(article).findByText('Discussed pricing');
    expect(model.actions.loadActivities).toHaveBeenCalledTimes(1);
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' }));
    expect(model.actions.retryLookup).toHaveBeenCalled();
    await waitFor(() => expect(model.actions.loadActivities).toHaveBeenCalledTimes(2));
  });

  it('asks Close again for the look-up and the activity on Refresh, keeping what is shown meanwhile', async () => {
    const model = makeModel();
    render(<PanelView model={model} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    await within(article).findByText('Discussed pricing');
    expect(model.actions.loadActivities).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(model.actions.retryLookup).toHaveBeenCalled();
    await waitFor(() => expect(model.actions.loadActivities).toHaveBeenCalledTimes(2));
    expect(within(article).getByText('Discussed pricing')).toBeTruthy();
  });

  it('offers no Refresh while a stale answer is being refreshed', () => {
    render(
      <PanelView
        model={makeModel({ lookup: { status: 'ready', result: { ...result(), stale: true } } })}
      />,
    );
    expect(screen.getByText('Saved results; refreshing…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
  });

  it('does not use a cached timeline older than the lead', async () => {
    const model = makeModel();
    const first = render(<PanelView model={model} />);
    await screen.findByText('Discussed pricing');
    first.unmount();
    const newer = { ...match, lead: { ...lead, dateUpdated: '2031-01-01T00:00:00Z' } };
    render(
      <PanelView model={{ ...model, lookup: { status: 'ready', result: result([newer]) } }} />,
    );
    await waitFor(() => expect(model.actions.loadActivities).toHaveBeenCalledTimes(2));
  });
});

describe('CreateLeadForm after a failed create', () => {
  it('looks for duplicates again before the next attempt', async () => {
    const findDuplicates = vi.fn(async () => []);
    const createLead = vi.fn(async () => {
      throw new Error('connection lost');
    });
    render(
      <CreateLeadForm
        page={websitePage}
        findDuplicates={findDuplicates}
        createLead={createLead}
        loadLead={vi.fn()}
        onCreated={vi.fn()}
        onUseLead={vi.fn()}
      />,
    );
    await waitFor(() => expect(findDuplicates).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: 'Create lead' }));
    await waitFor(() => expect(createLead).toHaveBeenCalledTimes(1));
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Create lead' }));
    await waitFor(() => expect(findDuplicates).toHaveBeenCalledTimes(2));
  });
});

describe('SearchBox Try again', () => {
  it('retries the search that failed, not the page after the previous one', async () => {
    const search = vi
      .fn()
      .mockResolvedValueOnce({ items: [{ kind: 'lead', lead }], cursor: 'next' })
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ items: [], cursor: null });
    render(<SearchBox search={search} onOpenLead={vi.fn()} />);
    const box = screen.getByLabelText('Search Close');
    fireEvent.input(box, { target: { value: 'northwind' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText('Northwind Robotics');
    fireEvent.input(box, { target: { value: 'labs' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    const alert = await screen.findByRole('alert');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(search).toHaveBeenCalledTimes(3));
    expect(search).toHaveBeenLastCalledWith('labs', null);
  });
});
